"""The alignment between an OCR text and its restored reading.

Restoration (``indexer.extract.restore``) replaces words and nothing else:
every space, line break and punctuation mark between words is copied as it
stands, and a word becomes one word, or two when OCR had glued them
("cachhanh" -> "cách hành").  So the two texts align word for word once the
glued words are known, and their offsets (``glued``, usually none) are all
that is stored beside the reading: ``spans`` rebuilds the restored words and
``OffsetMap`` maps character offsets both ways, so a highlight found in one
text lands on the other.  Here, in analysis, because search reads readings
and may not import extraction.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from indexer.analysis.analyzer import WORD
from indexer.analysis.text import fold


class Span(NamedTuple):
    """One restored word: where it stands in the OCR text and in the reading."""

    start: int
    end: int
    rstart: int
    rend: int


def spans(original: str, restored: str, glued: list[int] | tuple[int, ...] = ()) -> list[Span]:
    """The words of ``restored`` that differ from ``original``, in order;
    ``glued`` are the offsets (in ``original``) of words read as two."""
    two = set(glued)
    words = WORD.finditer(restored)
    out = []
    for m in WORD.finditer(original):
        r = next(words, None)
        if r is None:
            break
        rstart, rend = r.span()
        if m.start() in two:
            second = next(words, None)
            rend = second.end() if second is not None else rend
        if m.group() != restored[rstart:rend]:
            out.append(Span(m.start(), m.end(), rstart, rend))
    return out


def repaired(original: str, restored: str, span: Span) -> bool:
    """True when the letters changed ("ciia" -> "của"), not only the accents ("cong" -> "công")."""
    return fold(original[span.start : span.end]) != fold(restored[span.rstart : span.rend]).replace(" ", "")


class OffsetMap:
    """Character offsets of the OCR text <-> offsets of the restored reading.

    Outside restored words the two texts differ by a constant shift; an
    offset inside a restored word maps to that word's start (or, for the end
    of a range, its end), so a mapped highlight covers whole words.
    """

    def __init__(self, spans_: list[Span] | list[tuple[int, int, int, int]]):
        # Plain (start, end, rstart, rend) tuples do as well as Spans (the
        # restorer makes thousands per document and skips the class).
        self._spans = spans_
        self._starts = [s[0] for s in spans_]
        self._rstarts = [s[2] for s in spans_]

    def to_restored(self, offset: int, end: bool = False) -> int:
        return self._map(offset, end, self._starts, False)

    def to_original(self, offset: int, end: bool = False) -> int:
        return self._map(offset, end, self._rstarts, True)

    def _map(self, offset: int, end: bool, starts: list[int], back: bool) -> int:
        i = bisect_right(starts, offset - 1 if end else offset) - 1
        if i < 0:
            return offset
        s = self._spans[i]
        a, b, c, d = (s[2], s[3], s[0], s[1]) if back else s
        if offset >= b:  # past the word: shift by its change in length
            return offset - b + d
        return d if end else c
