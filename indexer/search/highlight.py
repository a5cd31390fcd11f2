"""Snippets and highlights without Whoosh's highlighter.

Whoosh re-analyses the whole stored text of every hit to highlight it, which
takes seconds per page on long documents.  Here the stored (normalised) text is
folded with a one-char-per-char table, so offsets in the folded copy are
offsets in the original; one compiled regex of every folded form the query can
match (including the OCR spellings the repair model maps to each word) then
finds all matches in C.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from indexer.analysis.text import fold

PASSAGE_CHARS = 240
MAX_PASSAGES = 3


@dataclass
class Match:
    start: int
    end: int
    term: str  # the folded form that matched


def term_pattern(terms: set[str]) -> re.Pattern | None:
    """A regex matching any of the folded terms as a whole word."""
    terms = {t for t in terms if t}
    if not terms:
        return None
    alternation = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternation})(?![^\W_])")


def find_matches(text: str, pattern: re.Pattern | None, limit: int = 5000) -> list[Match]:
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(fold(text)):
        out.append(Match(m.start(), m.end(), m.group()))
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


def snippets(text: str, pattern: re.Pattern | None, count: int = MAX_PASSAGES) -> list[str]:
    """Up to ``count`` HTML passages from the best-matching parts of the text."""
    matches = find_matches(text, pattern)
    if not matches:
        lo, hi = _expand(text, 0, 0)
        return [_squash(escape(text[lo:hi])) + ("…" if hi < len(text) else "")]
    out = []
    for start, end in _best_windows(matches, PASSAGE_CHARS - 60, count):
        lo, hi = _expand(text, start, min(end, start + PASSAGE_CHARS))
        inside = [m for m in matches if lo <= m.start and m.end <= hi]
        body = _squash(mark(text, inside, lo, hi))
        out.append(("…" if lo > 0 else "") + body + ("…" if hi < len(text) else ""))
    return out


def _squash(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


def highlight_all(text: str, pattern: re.Pattern | None) -> tuple[str, int]:
    """The whole text as HTML with every match marked, and the match count."""
    matches = find_matches(text, pattern, limit=100000)
    return mark(text, matches), len(matches)
