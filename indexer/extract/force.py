"""Dates of force: when a document takes effect and when it ends, as its text says.

Read from the sentence whose subject is the document itself ("Quyết định
này", "Nghị quyết này", the "Quy định này" it issues; ``legal.relations``):

* "có hiệu lực (thi hành) (kể) từ ngày ký (ban hành)" -> the document's date;
* "... từ ngày 01/01/2024", "... kể từ ngày 01 tháng 01 năm 2024" -> that date
  (``legal.dates``, the one date grammar);
* "có hiệu lực sau 10 ngày kể từ ngày ký" -> the date plus 10 days;
* a resolution's "kể từ ngày được Hội đồng nhân dân ... thông qua" -> its date
  (a council resolution is dated the day it is passed);
* "... đến hết ngày 31/12/2026", "[this document] hết hiệu lực (kể) từ ngày
  ...", "[this document] được thực hiện đến hết ngày ..." -> the end.

``end_date`` is the first day the document is no longer in force (the day
vbpl.vn calls "ngày hết hiệu lực"): the day after "đến hết ngày D", the day
of "hết hiệu lực kể từ ngày X".  Anything else ("kể từ ngày Nghị định số ...
có hiệu lực", "đến ngày ...", a part of it taking effect, another law quoted)
gives nothing: a date is never worked out from what the text does not say.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from indexer.analysis.text import fold
from indexer.extract.clauses import quoted
from indexer.extract.records import Metadata
from indexer.legal import dates, relations as rel

def _spaced(rx: str) -> str:
    """A set phrase's words apart as a scan may leave them ("kể từ’ ngày", "kể từ.ngày", "có . hiệu lực")."""
    return rel.spaced(rx, rel.SCAN_GAP)


_SIGNED = re.compile(_spaced(r"(?:ke )?tu ngay (?:ky|ban hanh)(?: ban hanh)?\b"))
_PASSED = re.compile(_spaced(r"(?:ke )?tu ngay (?:duoc )?[^.;]{0,90}?\bthong qua\b"))
_AFTER_DAYS = re.compile(_spaced(r"sau (\d{1,3}) ngay(?: ke)? tu ngay (?:ky|ban hanh)\b"))
_FROM = re.compile(_spaced(r"(?:ke )?tu "))
_UNTIL = re.compile(_spaced(r"[^.;]{0,40}?\bden het "))
_PART_BEFORE = re.compile(rel.spaced(r"\b(?:dieu|khoan|diem|chuong|muc|phan) [\divxlc]+[a-z]?(?: (?:cua|tai))?\s*$"))
# "trước ngày Luật này có hiệu lực", "kể từ ngày Quyết định này có hiệu lực thi hành đến khi ...":
# the day it takes effect is named, not set.
_WHEN_BEFORE = re.compile(rel.spaced(r"\b(?:ngay|thoi diem|khi|luc)\s*$"))
_TOLD = re.compile(r"\b(?:da|se|van|chua|khong)\s*$")  # "Quyết định này đã có hiệu lực": told, not set


_ANCHOR = re.compile(r"(?:co|het)\s+hieu\s+luc|den\s+het\b")  # cheap to find; the subject is looked for before it


@lru_cache(maxsize=64)
def _patterns(type_code: str | None) -> tuple[re.Pattern, re.Pattern]:
    types = rel.self_alternation(None if rel.force(type_code) in ("force", "unknown") else type_code)
    subject = r"(?<![a-z])(?:" + types + r")\s+nay(?![a-z])"
    # the subject nearest the verb: no other "... này" between them
    effect = re.compile(subject + _spaced(r"(?P<gap>(?:(?!\bnay\b)[^.;]){0,220}?)\bco hieu luc(?: thi hanh)? "))
    end = re.compile(subject + _spaced(
        r"(?P<gap>(?:(?!\bnay\b)[^.;]){0,120}?)\b(?:het hieu luc(?: thi hanh)? (?:ke )?tu |(?:duoc )?thuc hien den het )"))
    return effect, end


def _near_anchors(folded: str, rx: re.Pattern):
    """The matches of ``rx`` ending at one of the anchors, in order, each once."""
    last = -1
    for a in _ANCHOR.finditer(folded):
        m = rx.search(folded, max(0, a.start() - 300), a.end() + 24)
        while m is not None and m.end() <= a.start():
            m = rx.search(folded, m.start() + 1, a.end() + 24)
        if m is not None and m.start() > last:
            last = m.start()
            yield m


def _date_at(folded: str, pos: int) -> str | None:
    m = dates.cited_date.match(folded, pos)
    return dates.iso(m) if m else None


def _plus(iso: str | None, days: int) -> str | None:
    if not iso:
        return None
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


def _own(folded: str, at: int, quotes: list[tuple[int, int]]) -> bool:
    """Whether the sentence at ``at`` speaks of the whole document, in its own words."""
    if any(a < at < b for a, b in quotes):
        return False
    before = folded[max(0, at - 40) : at]
    return not (_PART_BEFORE.search(before) or _WHEN_BEFORE.search(before))


def dates_of_force(text: str, meta: Metadata, folded: str | None = None) -> tuple[str | None, str | None]:
    """(effective_date, end_date) as ISO dates, each None where the text does not say it
    (``folded``: the fold of ``text``, when the caller has it)."""
    folded = (folded if folded is not None else fold(text)).translate(rel.STREWN_MARKS)
    quotes = quoted(text)
    effect_rx, end_rx = _patterns(meta.type_code)
    effective = end = None
    for m in _near_anchors(folded, effect_rx):
        if not _own(folded, m.start(), quotes) or _TOLD.search(m.group("gap")):
            continue
        effective, stop = _effective(folded, m.end(), meta)
        if effective is None and stop is None:
            break  # "có hiệu lực kể từ ngày Nghị định ... có hiệu lực": its force hangs on another
        until = _UNTIL.match(folded, stop or m.end())
        if until:
            end = _plus(_date_at(folded, until.end()), 1)
        break
    if end is None:
        for m in _near_anchors(folded, end_rx):
            if not _own(folded, m.start(), quotes):
                continue
            day = _date_at(folded, m.end())
            if day:
                end = day if "het hieu luc" in m.group() else _plus(day, 1)
                break
    return effective, end


def _effective(folded: str, pos: int, meta: Metadata) -> tuple[str | None, int | None]:
    """The effective date said at ``pos`` (after "có hiệu lực") and where its words end."""
    m = _SIGNED.match(folded, pos)
    if m:
        return meta.date, m.end()
    m = _AFTER_DAYS.match(folded, pos)
    if m:
        return _plus(meta.date, int(m.group(1))), m.end()
    m = _PASSED.match(folded, pos)
    if m and meta.type_code == "NQ":
        return meta.date, m.end()
    m = _FROM.match(folded, pos)
    if m:
        d = dates.cited_date.match(folded, m.end())
        if d and dates.iso(d):
            return dates.iso(d), d.end()
    return None, None
