"""The marks stamped in a header: secrecy (ô 10a), urgency (ô 10b), circulation (ô 11).

"MẬT" / "KHẨN" stand on their own rows under the số ký hiệu, in capitals;
OCR reads them "MAT", "TÓI MẬT", "KHAN", and merges a row with the other
column's text ("MAT Phuoc Long, ngay 21 ..."), so the spellings are regexes
over folded text (legal.marks).  Precision first: a mark is read only

* in the header, above the type heading (or above the body when there is
  none), where no sentence stands;
* written in capitals (a "Mật độ ..." sentence is no mark);
* at a line's start, after at most a little stamp-frame debris, and ending
  the line or followed by another mark, the place-date or the motto — never
  by more capitals of its own phrase ("MẬT NHÀ NƯỚC" of a wrapped title,
  "KHẨN TRƯƠNG", "MẬT ĐỘ").

A circulation note is a phrase of three words or more that no title holds,
so it is read anywhere on a header line (in capitals): it sits in the right
column and is merged after the left column's text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.legal import marks

_DEBRIS = r"[\W_]{0,3}"  # a stamp's frame read as "|", "[", "_" or quotes
# What may follow a mark on its line: nothing but debris, another mark, the place-date
# ("Phước Long, ngày"), the motto's words or the "Số:" of a header read out of order.
_AFTER = re.compile(r"[\W_]*$|[\W_]*(?:[a-z ]{2,30},\s*ng\S{0,3}y\b|d\S{0,2}c\s*l\S{0,2}p|t\S{0,2}\s*do\b|h\S{0,2}nh\s*ph|c\S{0,2}ng\s*h\S{0,2}a|s\S{0,2}\s*:)")


@lru_cache(maxsize=1)
def _line_marks() -> re.Pattern:
    kinds = "|".join(f"(?P<{kind}>{marks.pattern(kind).pattern})" for kind in ("secrecy", "urgency"))
    return re.compile(rf"(?:{kinds})\b")


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _kind_and_code(m: re.Match) -> tuple[str, str]:
    kind = "secrecy" if m.group("secrecy") is not None else "urgency"
    inner = {k: v for k, v in m.groupdict().items() if k not in ("secrecy", "urgency")}
    return kind, next(name for name, value in inner.items() if value is not None).replace("_", "-")


def line_marks(line: str, folded: str) -> dict[str, str]:
    """The secrecy and urgency marks a header line opens with: {kind: code}."""
    found: dict[str, str] = {}
    at = re.match(_DEBRIS, folded).end()
    while True:
        m = _line_marks().match(folded, at)
        if m is None or not _capitals(line[m.start() : m.end()]):
            return {}  # a line that is not only marks (and right-column text) holds none
        kind, code = _kind_and_code(m)
        found.setdefault(kind, code)
        at = re.compile(r"[\W_]*").match(folded, m.end()).end()
        if at >= len(folded) or _AFTER.match(folded, m.end()) or marks.pattern("circulation").match(folded, at):
            nxt = _line_marks().match(folded, at)
            if nxt is None or not _capitals(line[nxt.start() : nxt.end()]):
                return found


def circulation_notes(line: str, folded: str) -> list[str]:
    """The circulation notes written (in capitals) on a header line."""
    out = []
    for m in marks.pattern("circulation").finditer(folded):
        if _capitals(line[m.start() : m.end()]) and not re.match(r"[a-z]", folded[m.end() : m.end() + 1]):
            out.append(marks.code_of(m))
    return out


def read_marks(lines: list[str], folded_lines: list[str], stop: int) -> tuple[str | None, str | None, list[str]]:
    """(secrecy, urgency, circulation notes) of the header lines before line ``stop``."""
    secrecy = urgency = None
    notes: list[str] = []
    for line, folded in zip(lines[:stop], folded_lines[:stop]):
        found = line_marks(line, folded)
        secrecy = secrecy or found.get("secrecy")
        urgency = urgency or found.get("urgency")
        notes += [n for n in circulation_notes(line, folded) if n not in notes]
    return secrecy, urgency, notes
