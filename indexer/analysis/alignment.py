"""The alignment between an OCR text and its restored reading.

Restoration replaces words and nothing else: every space, line break and
punctuation mark between words is copied as it stands, and a word becomes
one word, or two when OCR had glued them ("cachhanh" -> "cách hành").  So
the two texts align word for word once the glued words are known, and that
list of word indices (``expanded``, usually empty) is all that needs storing
beside the reading: ``spans`` rebuilds the restored stretches and
``OffsetMap`` maps character offsets both ways (highlights found in one text
land on the other).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from indexer.analysis.analyzer import WORD
from indexer.analysis.text import fold


@dataclass(frozen=True)
class Span:
    """One restored word: where it stands in the OCR text and in the reading."""

    start: int
    end: int
    rstart: int
    rend: int
    repaired: bool  # letters changed ("ciia" -> "của"), not only accents ("cong" -> "công")


def spans(original: str, restored: str, expanded: list[int] | tuple[int, ...] = ()) -> list[Span]:
    """The restored words of ``restored`` against ``original``, in order."""
    glued = set(expanded)
    words = WORD.finditer(restored)
    out = []
    for i, m in enumerate(WORD.finditer(original)):
        r = next(words, None)
        if r is None:
            break
        rstart, rend = r.start(), r.end()
        if i in glued:
            second = next(words, None)
            rend = second.end() if second is not None else rend
        word, reading = m.group(), restored[rstart:rend]
        if word != reading:
            repaired = fold(word) != fold(reading).replace(" ", "")
            out.append(Span(m.start(), m.end(), rstart, rend, repaired))
    return out


class OffsetMap:
    """Character offsets of the OCR text <-> offsets of the restored reading.

    Outside restored words the two texts differ by a constant shift; an
    offset inside a restored word maps to that word's start (or, for the end
    of a range, its end), so a mapped highlight covers whole words.
    """

    def __init__(self, spans_: list[Span]):
        self._spans = spans_
        self._starts = [s.start for s in spans_]
        self._rstarts = [s.rstart for s in spans_]

    def to_restored(self, offset: int, end: bool = False) -> int:
        return self._map(offset, end, self._starts, lambda s: (s.start, s.end, s.rstart, s.rend))

    def to_original(self, offset: int, end: bool = False) -> int:
        return self._map(offset, end, self._rstarts, lambda s: (s.rstart, s.rend, s.start, s.end))

    def _map(self, offset: int, end: bool, starts: list[int], sides) -> int:
        i = bisect_right(starts, offset - 1 if end else offset) - 1
        if i < 0:
            return offset
        a, b, c, d = sides(self._spans[i])
        if offset >= b:  # past the word: shift by its change in length
            return offset - b + d
        return d if end else c
