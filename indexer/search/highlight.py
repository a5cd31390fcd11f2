"""Snippets and highlights without Whoosh's highlighter, on any stored text.

Whoosh re-analyses the whole stored text of every hit to highlight it, which
takes seconds per page on long documents.  Here the query becomes a set of
folded word forms (``search.terms``: each word as typed, folded, and the OCR
spellings the repair model maps to it), and a text is marked by walking its
words and folding each one (memoised: a page repeats its words), which is
three times faster than folding the whole text and running one big regex over
it, and folds nothing but words.  Callers pass a chunk or a section of a
document, never a whole long text (``index.chunks``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from indexer.analysis.analyzer import WORD
from indexer.analysis.text import fold

PASSAGE_CHARS = 240
MAX_PASSAGES = 3


@dataclass
class Match:
    start: int
    end: int
    term: str  # the folded form that matched


def term_set(terms: set[str]) -> frozenset[str] | None:
    """The folded word forms to mark, None when there are none."""
    found = frozenset(t for t in terms if t)
    return found or None


@lru_cache(maxsize=65536)
def _folded_word(word: str) -> str:
    return fold(word)


def find_matches(text: str, terms: frozenset[str] | None, limit: int = 5000) -> list[Match]:
    """Every word of ``text`` whose folded form is one of ``terms`` (at most ``limit``)."""
    if not terms:
        return []
    out = []
    for m in WORD.finditer(text):
        folded = _folded_word(m.group())
        if folded in terms:
            out.append(Match(m.start(), m.end(), folded))
            if len(out) >= limit:
                break
    return out


def mark(text: str, matches: list[Match], start: int = 0, end: int | None = None) -> str:
    """HTML-escape text[start:end] and wrap each match in <mark>."""
    end = len(text) if end is None else end
    out, pos = [], start
    for m in matches:
        if m.start < pos or m.end > end:
            continue
        out.append(escape(text[pos : m.start]))
        out.append(f"<mark>{escape(text[m.start : m.end])}</mark>")
        pos = m.end
    out.append(escape(text[pos:end]))
    return "".join(out)


def _best_windows(matches: list[Match], size: int, count: int) -> list[tuple[int, int]]:
    """Choose up to ``count`` non-overlapping windows covering the most distinct terms."""
    scored = []
    j = 0
    for i, m in enumerate(matches):
        while j < len(matches) and matches[j].end <= m.start + size:
            j += 1
        window = matches[i:j]
        scored.append((len({w.term for w in window}), len(window), -m.start, m.start))
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


def snippets(text: str, terms: frozenset[str] | None, count: int = MAX_PASSAGES,
             more_before: bool = False, more_after: bool = False) -> list[str]:
    """Up to ``count`` HTML passages from the best-matching parts of the text.

    ``text`` may be one chunk of a longer document: ``more_before`` and
    ``more_after`` say whether the document goes on beyond it (for the "…").
    """
    matches = find_matches(text, terms)
    if not matches:
        lo, hi = _expand(text, 0, 0)
        return [("…" if more_before else "") + _squash(escape(text[lo:hi])) + ("…" if hi < len(text) or more_after else "")]
    out = []
    for start, end in _best_windows(matches, PASSAGE_CHARS - 60, count):
        lo, hi = _expand(text, start, min(end, start + PASSAGE_CHARS))
        inside = [m for m in matches if lo <= m.start and m.end <= hi]
        body = _squash(mark(text, inside, lo, hi))
        out.append(("…" if lo > 0 or more_before else "") + body + ("…" if hi < len(text) or more_after else ""))
    return out


def _squash(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


def highlight_all(text: str, terms: frozenset[str] | None) -> tuple[str, int]:
    """The text as HTML with every match marked, and the match count."""
    matches = find_matches(text, terms, limit=100000)
    return mark(text, matches), len(matches)
