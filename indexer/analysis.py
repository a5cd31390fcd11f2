"""Whoosh analysis for Vietnamese text: one tokenizer, three views of a word.

Every document is indexed three times, so a query can prefer the better kind
of match (the scores add up across fields):

- ``exact``    lower-cased, accents kept: "kết"        (an exact accented match)
- ``folded``   lower-cased, accents stripped: "ket"   (accent-insensitive)
- ``repaired`` the folded word plus what OCR most likely mangled it from:
               "ciia" -> "ciia", "cua"               (OCR-robust)

Alternatives are stacked at the position of the word they repair, so phrase
queries keep working; a merged OCR word ("cachhanh") expands to two syllables
and shifts the following positions by one.

Whoosh pickles analyzers into the index schema, so the tokenizer is stateless
apart from its two settings and defines ``__eq__``.
"""

from __future__ import annotations

import re
from typing import Iterator

from whoosh.analysis import Token, Tokenizer

from .text import fold, lower, normalize

# A word is a run of letters and digits; "_" is \w in Python but never part of
# a Vietnamese word.  Digits stay glued to letters because OCR writes "s6" for
# "số" and the repairer needs the whole token.
WORD = re.compile(r"[^\W_]+")

MODES = ("exact", "folded", "repaired")


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Return (word, start, end) for every word of already-normalised text."""
    return [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]


def _repairer():
    # Imported lazily: the model is loaded on first use, never at import time.
    from .ocr_repair import Repairer

    return Repairer.load()


def repair_alternatives(folded_words: list[str]) -> list[list[str]]:
    """What each folded word most likely was, according to the OCR model."""
    if not folded_words:
        return []
    return _repairer().repair(folded_words)


def repaired_terms(folded_words: list[str], enabled: bool = True) -> list[list[str]]:
    """For each word, the terms to index at its position: itself + repairs.

    A two-syllable alternative ("cach hanh") is returned as one string with a
    space; the tokenizer turns it into two consecutive positions.
    """
    alts = repair_alternatives(folded_words) if enabled else [[] for _ in folded_words]
    return [[w] + [a for a in alt if a != w] for w, alt in zip(folded_words, alts)]


class VietTokenizer(Tokenizer):
    """Tokenize Vietnamese text for one of the views in MODES."""

    def __init__(self, mode: str = "folded", repair: bool = True):
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        self.mode = mode
        self.repair = repair

    def __eq__(self, other):
        return (
            isinstance(other, VietTokenizer)
            and self.mode == other.mode
            and self.repair == other.repair
        )

    def __hash__(self):
        return hash((self.mode, self.repair))

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ) -> Iterator[Token]:
        # Query strings arrive raw; stored documents are normalised already and
        # normalising twice is a no-op, so doing it here keeps queries honest.
        text = normalize(value) if mode == "query" else value
        spans = word_spans(text) if tokenize else [(text, 0, len(text))]
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if self.mode == "exact":
            stream = ((lower(w), [lower(w)], s, e) for w, s, e in spans)
        elif self.mode == "folded":
            stream = ((fold(w), [fold(w)], s, e) for w, s, e in spans)
        else:
            folded = [fold(w) for w, _, _ in spans]
            terms = repaired_terms(folded, self.repair)
            stream = ((f, t, s, e) for f, t, (_, s, e) in zip(folded, terms, spans))
        yield from self._emit(token, stream, positions, chars, keeporiginal, start_pos, start_char)

    @staticmethod
    def _emit(token, stream, positions, chars, keeporiginal, start_pos, start_char):
        pos = start_pos
        for original, terms, start, end in stream:
            extra = 0
            for term in terms:
                parts = term.split(" ")
                for i, part in enumerate(parts):
                    token.text = part
                    token.boost = 1.0
                    token.stopped = False
                    if keeporiginal:
                        token.original = original
                    if positions:
                        token.pos = pos + i
                    if chars:
                        token.startchar = start_char + start
                        token.endchar = start_char + end
                    yield token
                extra = max(extra, len(parts) - 1)
            pos += 1 + extra


def analyzer(mode: str, repair: bool = True) -> VietTokenizer:
    """The analyzer for one field view (a lone tokenizer: no stop words)."""
    return VietTokenizer(mode, repair)


def query_terms(word: str, mode: str, repair: bool = True) -> list[str]:
    """Analyse one query word in query mode, as the index analysed documents."""
    return [t.text for t in VietTokenizer(mode, repair)(word, mode="query")]
