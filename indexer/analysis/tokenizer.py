"""The analyzer as a Whoosh tokenizer, one per field view.

Whoosh pickles analyzers into the index schema, so the tokenizer is
stateless apart from its settings (view, repair, OCR model) and defines
``__eq__``.  The build does not call it: its workers compute the same
postings from the analysed views (``indexer.index.whoosh.encoder``).
"""

from __future__ import annotations

from typing import Iterator

from whoosh.analysis import Token, Tokenizer

from indexer.analysis.analyzer import MODES, WORD, Analyzer, view, word_spans
from indexer.analysis.text import normalize


class VietTokenizer(Tokenizer):
    """Tokenize Vietnamese text for one of the views in MODES."""

    def __init__(self, mode: str = "folded", repair: bool = True, model: str | None = None):
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        self.mode = mode
        self.repair = repair
        self.model = model

    @property
    def analyzer(self) -> Analyzer:
        return Analyzer(self.repair, getattr(self, "model", None))

    def __eq__(self, other):
        return isinstance(other, VietTokenizer) and (self.mode, self.analyzer) == (other.mode, other.analyzer)

    def __hash__(self):
        return hash((self.mode, self.analyzer))

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs) -> Iterator[Token]:
        # Query strings arrive raw; stored documents are normalised already and
        # normalising twice is a no-op, so doing it here keeps queries honest.
        text = normalize(value) if mode == "query" else value
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost = 1.0
        terms = self.analyzer.terms(text, self.mode, start_pos, tokenize)
        if not (chars or keeporiginal):
            for term, pos, _, boost in terms:
                token.text, token.pos, token.boost = term, pos, boost
                yield token
            return
        seen = view(text, self.mode)
        # lower() and fold() map one char to one char, so the words of the view
        # stand at the offsets of the words of the text.
        spans = word_spans(seen) if tokenize else [(seen, 0, len(seen))]
        for term, pos, index, boost in terms:
            _, start, end = spans[index]
            token.text, token.pos, token.boost = term, pos, boost
            token.startchar, token.endchar = start_char + start, start_char + end
            if keeporiginal:
                token.original = text[start:end]
            yield token


__all__ = ["VietTokenizer", "WORD"]
