"""The analyzer as a Whoosh tokenizer, one per field view.

Whoosh pickles analyzers into the index schema, so the tokenizer is
stateless apart from its settings (view, repair, OCR model) and defines
``__eq__``; ``postings`` computes what Whoosh's Positions format makes of a
text without a Token per word, for the worker processes of a build.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
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

    @staticmethod
    def encode_terms(terms, field_boost: float, encode) -> list:
        """What Whoosh's Positions format makes of analysed terms ((term, position,
        word index, weight)): (term bytes, frequency, weight, encoded positions)."""
        poses: dict[str, list[int]] = defaultdict(list)
        weights: dict[str, float] = defaultdict(float)
        for term, pos, _, boost in terms:
            poses[term].append(pos)
            weights[term] += boost
        return [(t.encode("utf-8"), len(p), weights[t] * field_boost, encode(p)) for t, p in poses.items()]

    def postings(self, text: str, field_boost: float, encode, offsets: list[int] = ()) -> tuple[list, list[int]]:
        """What Whoosh's Positions format makes of the text, without a Token
        per word: (term bytes, frequency, weight, encoded positions); and the
        position of the first term at or after each of ``offsets`` (ascending
        character offsets: where the text's chunks start)."""
        poses: dict[str, list[int]] = defaultdict(list)
        weights: dict[str, float] = defaultdict(float)
        indexes = _word_indexes(view(text, self.mode), offsets)
        marks: list[int] = []
        last = 0
        for term, pos, index, boost in self.analyzer.terms(text, self.mode):
            poses[term].append(pos)
            weights[term] += boost
            while len(marks) < len(indexes) and index >= indexes[len(marks)]:
                marks.append(pos)
            last = pos + 1
        marks += [last] * (len(indexes) - len(marks))
        items = [(t.encode("utf-8"), len(p), weights[t] * field_boost, encode(p)) for t, p in poses.items()]
        return items, marks


def _word_indexes(seen: str, offsets) -> list[int]:
    """The index of the first word starting at or after each offset."""
    if not offsets:
        return []
    starts = [m.start() for m in WORD.finditer(seen)]
    return [bisect_left(starts, o) for o in offsets]


__all__ = ["VietTokenizer", "WORD"]
