"""The header block of an administrative document, read line by line.

Layout (Nghị định 30/2020/NĐ-CP): issuing body | national motto, then
"Số: 64/BC-UBND" | "Phước Long, ngày 21 tháng 03 năm 2023", then the type
heading ("BÁO CÁO") and the trích yếu.  OCR merges the two columns into one
line and garbles the words ("S6:", "ngay 21thang 03 nam 2023"), so every
pattern here runs over folded text (same offsets as the original) and
tolerates the confusions seen in the seeds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from indexer import doctypes
from indexer.numbers import Number, from_parts
from indexer.text import fold

HEADER_CHARS = 1800  # the header never runs past this in our archives

# "Số:" read as "S6:", "Sb:", "80:", "S6:;", "So6".
_NUMBER = re.compile(
    r"(?:(?<![a-z0-9])(?:s\S{0,2}|80|86|\$\S{0,2})\s*[:;.,]{1,3}\s*)"
    r"(\d{1,5}[a-z]?)\s*(?:/\s*((?:19|20)\d\d))?\s*/\s*([a-z&][a-z&]*(?:\s*-\s*[a-z&][a-z&0-9]*)*)"
)
_DATE = re.compile(
    r"ng\S{0,2}y\s*(\d{1,2})\s*(?:th\S{0,3}ng\s*(\d{1,2})\s*n\S{0,2}m|/\s*(\d{1,2})\s*/)\s*((?:19|20)\d\d)"
)
_VV = re.compile(r"^\W{0,2}v\s*[/i1l|]\s*v\b\s*[:.]?\s*")
_BODY_START = re.compile(r"^\W{0,2}(?:can c|thuc hi|kinh g|ngay \d|xet |theo |[ivx]+\s*[.,]\s|\d+\s*[.,]\s)")


@dataclass
class Header:
    number: Number | None = None
    number_span: tuple[int, int] | None = None
    date: str | None = None
    place: str | None = None  # folded place name before ", ngày"
    heading: doctypes.DocType | None = None
    heading_line: int | None = None  # index into lines
    title: str | None = None
    top: str = ""  # the text above the number line (issuing body, motto)


def _upper_parts(original: str, parts: list[str]) -> list[str]:
    """Keep the issuer-code parts written in capitals ("TTg" counts).

    A lower-case word after a hyphen is running text, not a code part.
    """
    keep = [parts[0]]
    for raw in parts[1:]:
        letters = [c for c in raw if c.isalpha()]
        if not letters or sum(c.isupper() for c in letters) * 2 < len(letters):
            break
        keep.append(raw)
    return keep


def find_number(text: str, folded: str) -> tuple[Number | None, tuple[int, int] | None]:
    """The document's own số ký hiệu from the "Số:" line of the header."""
    m = _NUMBER.search(folded, 0, HEADER_CHARS)
    if not m:
        return None, None
    raw = text[m.start(3) : m.end(3)]
    parts = _upper_parts(raw, re.split(r"\s*-\s*", raw))
    end = m.start(3) + len("-".join(parts)) if len(parts) == 1 else m.end(3)
    return from_parts(m.group(1), m.group(2), parts), (m.start(1), end)


def find_date(folded: str, start: int, stop: int) -> tuple[str | None, str | None, int]:
    """ISO date and folded place of the place-date line; end offset of the match."""
    m = _DATE.search(folded, start, stop)
    if not m:
        return None, None, start
    day, month, year = int(m.group(1)), int(m.group(2) or m.group(3)), int(m.group(4))
    try:
        iso = date(year, month, day).isoformat()
    except ValueError:
        return None, None, m.end()
    line_start = folded.rfind("\n", 0, m.start()) + 1
    before = folded[max(line_start, start) : m.start()]
    place = before.rsplit(",", 1)[0] if "," in before else None
    if place is not None:
        place = re.sub(r"[^a-z ]+", " ", place).split("  ")[-1].strip() or None
    return iso, place, m.end()


def _letters(line: str) -> str:
    return " ".join(re.sub(r"[^a-z]+", " ", line).split())


def find_heading(lines: list[str], folded_lines: list[str], first: int) -> tuple[doctypes.DocType | None, int | None]:
    """The type heading ("BÁO CÁO", OCR "o BAO CAO"): a short all-capitals line."""
    names = doctypes.type_names()
    for i in range(first, min(first + 8, len(lines))):
        words = _letters(folded_lines[i])
        caps = [c for c in lines[i] if c.isalpha()]
        if not words or len(words) > 22 or sum(c.isupper() for c in caps) < 0.8 * len(caps):
            continue
        for name, t in names.items():
            if words.endswith(name) and len(words) - len(name) <= 2:
                return t, i
    return None, None


def find_title(lines: list[str], folded_lines: list[str], first: int) -> str | None:
    """The trích yếu: the lines from ``first`` up to a blank line or the body."""
    i = first
    while i < len(lines) and not lines[i].strip():
        i += 1
    out: list[str] = []
    while i < len(lines) and lines[i].strip() and len(out) < 5:
        if out and _BODY_START.match(folded_lines[i]):
            break
        out.append(lines[i].strip())
        i += 1
    if not out:
        return None
    title = " ".join(out)
    m = _VV.match(fold(title))
    title = title[m.end() :] if m else title
    return title.strip(" .;:") or None


def find_vv(lines: list[str], folded_lines: list[str], first: int, stop: int) -> str | None:
    """A Công văn's trích yếu: the "V/v ..." lines (OCR "VIV", "V/V")."""
    for i in range(first, min(stop, len(lines))):
        if _VV.match(folded_lines[i]):
            return find_title(lines, folded_lines, i)
    return None
