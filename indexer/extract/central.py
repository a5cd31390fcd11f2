"""The central body that issued a document, read from its header lines.

A ministry's header reads "BỘ TÀI CHÍNH" (or "BỘ TÀI CHÍNH" over "CỤC THUẾ"
for one of its departments); the Government's "CHÍNH PHỦ", "THỦ TƯỚNG CHÍNH
PHỦ", "VĂN PHÒNG CHÍNH PHỦ".  OCR splits these over lines where the motto
column cuts in ("THỦ TƯỚNG CHÍNH" ... "PHỦ"), glues words ("BOYTE") and
misreads letters ("BQ TAI CHINH", "THU TUGNG").

Only listed bodies are named, and only when the name fills a header line (or
two or three consecutive ones) but for a few letters of debris: "... của Chính
phủ" in a line of body text above the number names nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from indexer.legal.bodies import central_bodies, compact, key

# The motto's second line, run into the name's: "PHU Doec lap - Tu do".
_MOTTO = re.compile(r"\bd\S{0,2}c\s*l\S{0,2}p\b.*")
_OFFICE = re.compile(r"\W*van\s*phong\W*")
# Letters of debris a header line may carry besides the name ("bo y te '", "won").
_DEBRIS = 3
_RATIO = 0.85  # similarity of an OCR'd name to the listed one
_MIN_FUZZY = 8  # names shorter than this (compact) must be read exactly: "bo y te"


@dataclass(frozen=True)
class _Hit:
    name: str
    child: bool
    line: int  # first line of the name
    end: int  # line after the name


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, bool]]:
    """Compact key of a name or alias -> (name, is a department)."""
    return {compact(spelling): (name, child) for spelling, name, child in central_bodies()}


def _match(words: str) -> tuple[str, bool] | None:
    """The body whose compact key is ``words`` (glued), or one close to it."""
    names = _names()
    if words in names:
        return names[words]
    if len(words) < _MIN_FUZZY:
        return None
    best, best_ratio = None, _RATIO
    for k, hit in names.items():
        # The first letter must agree: "SO LAO DONG" is a Sở, not the ministry "BỘ LAO ĐỘNG".
        if len(k) < _MIN_FUZZY or k[0] != words[0] or abs(len(k) - len(words)) > 0.2 * len(k):
            continue
        sm = SequenceMatcher(None, words, k, autojunk=False)
        if sm.real_quick_ratio() < best_ratio or sm.quick_ratio() < best_ratio:
            continue
        r = sm.ratio()
        if r >= best_ratio:
            best, best_ratio = hit, r
    return best


def _filling(words: list[str], lead: int = _DEBRIS, trail: int = _DEBRIS) -> tuple[str, bool] | None:
    """The body whose name fills these words but for ``lead`` and ``trail`` letters of debris."""
    n = len(words)
    for a in range(n):
        if sum(len(w) for w in words[:a]) > lead:
            break
        for b in range(n, a, -1):
            if sum(len(w) for w in words[b:]) > trail:
                break
            hit = _match("".join(words[a:b]))
            if hit:
                return hit
    return None


def _in_window(words: list[str], debris: bool) -> tuple[str, bool] | None:
    """The body these words name.  A ministry and its department together
    ("BQ TAI CHINH TONG CUC HAI QUAN") name the department.
    """
    if debris:
        return _filling(words)
    hit = _filling(words, 0, 0)
    if hit:
        return hit
    for k in range(2, len(words)):
        parent = _filling(words[:k], trail=0)
        if parent and not parent[1]:
            child = _filling(words[k:], lead=0)
            if child and child[1]:
                return child
    return None


def _hits(lines: list[str]) -> list[_Hit]:
    out: list[_Hit] = []
    i = 0
    while i < len(lines):
        # Clean readings first, the longest window first; debris only where none fills a
        # window ("BO TAI" / "CHINH" / "CUC" / "HAI QUAN" is not the ministry and the debris "CUC").
        found = next(((hit, j) for debris in (False, True) for j in range(min(len(lines), i + 3), i, -1)
                      if len(words := " ".join(lines[i:j]).split()) <= 12 and (hit := _in_window(words, debris))), None)
        if found:
            out.append(_Hit(found[0][0], found[0][1], i, found[1]))
            i = found[1]
        else:
            i += 1
    return out


def central_unit(lines: list[str]) -> str | None:
    """The listed central body named by the folded header lines above the number.

    A department under its ministry ("BỘ TÀI CHÍNH" / "CỤC THUẾ") is the
    department; a ministry alone is the ministry; the bodies of a joint
    document are joined: "Bộ Tài chính - Bộ Công Thương".
    """
    folded = [key(_MOTTO.sub(" ", line)) for line in lines]
    hits = _hits(folded)
    if not hits:
        return None
    first = hits[0]
    if not first.child:
        below = next((h for h in hits[1:] if h.child and h.line <= first.end + 1), None)
        if below:
            return below.name
        if any(_OFFICE.fullmatch(line) for line in folded[first.end : first.end + 2]):
            return f"Văn phòng {first.name}"  # "BAN CHẤP HÀNH TRUNG ƯƠNG" / "VĂN PHÒNG"
        # A joint document ("BỘ TÀI CHÍNH" / "BỘ CÔNG THƯƠNG") is issued by them all.
        return " - ".join(dict.fromkeys(h.name for h in hits if not h.child))
    return first.name


def central_line(lines: list[str]) -> str | None:
    """A listed body of three words or more whose name, read exactly, is a whole line.

    For a page whose header OCR lost or scrambled (no number, no date to anchor
    on): "UY BAN THUONG VU QUOC HOI" standing alone among the first lines.
    """
    for line in lines:
        hit = _names().get(compact(line)) if len(key(line).split()) >= 3 else None
        if hit:
            return hit[0]
    return None
