"""Snippets: the best passages of a stored text, with where the query matched.

No engine's highlighter: the matches come from ``matches.find`` (the rule of
precise matching, grouped as a reader reads them), on a chunk of the text
(``index.chunks``), never a whole long text.  A passage is data (``Passage``:
its text and the offsets of its matches); the web turns it into marks.
"""

from __future__ import annotations

import re

from indexer.search.matches import Match, Wanted, find
from indexer.search.service import Passage

PASSAGE_CHARS = 240
MAX_PASSAGES = 3
_SPACE = re.compile(r"\s+")


def _best_windows(matches: list[Match], function: frozenset[int], size: int, count: int) -> list[tuple[int, int]]:
    """Up to ``count`` non-overlapping windows holding the most distinct query words
    (words with a topic first, function words after), then the most matches."""
    scored = []
    j = 0
    for i, m in enumerate(matches):
        while j < len(matches) and matches[j].end <= m.start + size:
            j += 1
        words = frozenset().union(*(w.words for w in matches[i:j]))
        scored.append((len(words - function), len(words), j - i, -m.start, m.start))
    scored.sort(reverse=True)
    chosen: list[tuple[int, int]] = []
    for *_, start in scored:
        if all(start + size <= a or start >= b for a, b in chosen):
            chosen.append((start, start + size))
        if len(chosen) == count:
            break
    return sorted(chosen)


def _expand(text: str, start: int, end: int) -> tuple[int, int]:
    """Centre a window on its matches and cut at spaces."""
    span = end - start
    lo = max(0, start - PASSAGE_CHARS // 3)
    hi = min(len(text), lo + max(span, PASSAGE_CHARS))
    if lo > 0:
        sp = text.find(" ", lo, lo + 30)
        lo = sp + 1 if sp != -1 else lo
    if hi < len(text):
        sp = text.rfind(" ", hi - 30, hi)
        hi = sp if sp != -1 else hi
    return lo, hi


def passage(text: str, lo: int, hi: int, matches: list[Match], before: bool, after: bool) -> Passage:
    """text[lo:hi] with its runs of white space made one space, and the matches inside it."""
    pieces, marks, out_len = [], [], 0
    shift: list[tuple[int, int]] = []  # (offset in the slice, offset in the passage) at each cut
    pos = lo
    for m in _SPACE.finditer(text, lo, hi):
        pieces.append(text[pos:m.start()])
        out_len += m.start() - pos
        shift.append((m.start() - lo, out_len))
        pieces.append(" ")
        out_len += 1
        shift.append((m.end() - lo, out_len))
        pos = m.end()
    pieces.append(text[pos:hi])
    squashed = "".join(pieces)

    def at(offset: int) -> int:
        rel = offset - lo
        base = (0, 0)
        for cut in shift:
            if cut[0] > rel:
                break
            base = cut
        return base[1] + rel - base[0]

    for m in matches:
        if lo <= m.start and m.end <= hi:
            marks.append((at(m.start), at(m.end)))
    left = len(squashed) - len(squashed.lstrip())
    body = squashed.strip()
    marks = [(a - left, b - left) for a, b in marks if b - left <= len(body)]
    return Passage(body, marks, before or lo > 0, after or hi < len(text))


def snippets(text: str, wanted: Wanted | None, unsure: dict | None = None, count: int = MAX_PASSAGES,
             more_before: bool = False, more_after: bool = False) -> list[Passage]:
    """Up to ``count`` passages from the best-matching parts of the text.

    ``text`` may be one chunk of a longer document: ``more_before`` and
    ``more_after`` say whether the document goes on beyond it (for the "…").
    """
    matches = find(text, wanted, unsure, limit=5000)
    if not matches:
        lo, hi = _expand(text, 0, 0)
        return [passage(text, lo, hi, [], more_before, more_after)]
    function = wanted.function if wanted is not None else frozenset()
    out = []
    for start, end in _best_windows(matches, function, PASSAGE_CHARS - 60, count):
        lo, hi = _expand(text, start, min(end, start + PASSAGE_CHARS))
        out.append(passage(text, lo, hi, matches, more_before, more_after))
    return out
