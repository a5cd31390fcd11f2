"""The grammar of a document's named parts: "Điều 3", "khoản 2 Điều 5", "điểm a
khoản 1 Điều 2", "các khoản 1, 2 và 3 Điều 29", "Chương II", "Phụ lục I".

``named_parts`` reads them from a stretch of text (the words between "sửa đổi"
and the document it amends) and writes each one the way Nghị định 30/2020
writes them: lower-case "điểm"/"khoản", capital "Điều", "Chương", "Mục",
"Phần", "Phụ lục", Roman numerals in capitals.  A lower part listed before its
article takes that article ("khoản 2, khoản 6 Điều 1" -> "khoản 2 Điều 1",
"khoản 6 Điều 1"); a part inserted "vào sau" another belongs to the other's
article ("Bổ sung khoản 3 vào sau khoản 2 Điều 7" -> "khoản 3 Điều 7").
"""

from __future__ import annotations

import re

from indexer.analysis.text import fold

# keyword (folded) -> (how it is written, level): a part of level n sits inside one of a higher level.
_WORDS = {
    "diem": ("điểm", 1), "khoan": ("khoản", 2), "dieu": ("Điều", 3),
    "muc": ("Mục", 4), "chuong": ("Chương", 5), "phan": ("Phần", 6), "phu luc": ("Phụ lục", 7),
}
_VALUE = r"(?<![a-z\d])(?:\d{1,3}[a-z]?(?![\d/])|[ivxlc]{1,6}(?![a-z])|[a-z](?![a-z]))"
_GROUP = re.compile(
    r"(?<![a-z])(?:cac\s+)?(?P<kw>diem|khoan|dieu|muc|chuong|phan|phu luc)\s+"
    r"(?P<vals>" + _VALUE + r"(?:(?:\s*,\s*|\s+va\s+)" + _VALUE + r"(?![a-z\d]))*)"
)
_VALUES = re.compile(_VALUE)
_ARTICLE = re.compile(r"Điều \S+$")
_SIBLING = re.compile(r"^\s*(?:,|va|;)?\s*$")  # between two groups of one list
_INSERTED = re.compile(r"^\s*vao\s+(?:sau|truoc)?\s*$")  # "khoản 3 vào sau khoản 2 Điều 7"


def _value(raw: str, kw: str) -> str | None:
    """A part's number as written: digits, a letter for a point, Roman numerals upper."""
    if raw.isdigit() or re.fullmatch(r"\d+[a-z]", raw):
        return raw
    if kw == "diem":
        return raw.lower() if len(raw) == 1 else None
    if re.fullmatch(r"[ivxlc]+", fold(raw)) and kw != "khoan" and kw != "dieu":
        return raw.upper()
    return None


def named_parts(text: str) -> list[str]:
    """The named parts of ``text`` (any case, accented or folded), in order, each once."""
    folded = fold(text)
    out: list[str] = []
    pending: list[tuple[str, int]] = []  # (part as written so far, level of its last word)
    inserted: list[tuple[str, int]] = []  # parts added "vào sau" the pending anchor
    last_end = None
    for m in _GROUP.finditer(folded):
        kw = m.group("kw")
        word, lvl = _WORDS[kw]
        vals = [text[m.start("vals") + a.start() : m.start("vals") + a.end()] for a in _VALUES.finditer(m.group("vals"))]
        values = [v for raw in vals if (v := _value(raw, kw))]
        if not values:
            continue
        gap = folded[last_end : m.start()] if last_end is not None else ""
        parts = [(f"{word} {v}", lvl) for v in values]
        if pending and _SIBLING.match(gap) and pending[-1][1] == lvl:
            pending += parts  # "Điều 4, Điều 5": one list
        elif pending and _SIBLING.match(gap) and max(pl for _, pl in pending) < lvl and len(values) == 1:
            pending = [(f"{p} {parts[0][0]}" if pl < lvl else p, lvl) for p, pl in pending]
        elif pending and _INSERTED.match(gap) and not inserted:
            inserted, pending = pending, parts  # what follows only says where
        else:
            out += _finish(pending, inserted)
            pending, inserted = parts, []
        last_end = m.end()
    out += _finish(pending, inserted)
    seen: set[str] = set()
    return [p for p in out if not (p in seen or seen.add(p))]


def _finish(pending: list[tuple[str, int]], inserted: list[tuple[str, int]]) -> list[str]:
    """The parts of a finished list; parts inserted after an anchor take the anchor's
    article ("khoản 3" after "khoản 2 Điều 7" -> "khoản 3 Điều 7") and the anchor goes."""
    if not inserted:
        return [p for p, _ in pending]
    article = next((m.group() for p, _ in pending if (m := _ARTICLE.search(p))), None)
    return [f"{p} {article}" if article and lvl < 3 else p for p, lvl in inserted]
