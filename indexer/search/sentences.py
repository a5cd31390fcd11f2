"""What a citing sentence says of the document it cites, read as written, never guessed.

A decision the archive does not hold is known only from the sentences that
cite it.  Two common ways of writing give more than the citation's number:

- its trích yếu after the number (and its date and issuer): "Quyết định số
  173/QĐ-UBND ngày 08/02/2023 của UBND tỉnh về việc phê duyệt và công bố Chỉ
  số CCHC năm 2022" -> title "phê duyệt và công bố Chỉ số CCHC năm 2022";
- its date and issuer before it: "Ngày 16/02/2023, UBND thị xã Phước Long đã
  ban hành Kế hoạch số 27/KH-UBND …" -> date 2023-02-16, issuer "UBND thị xã
  Phước Long".

The sentence is matched without accents (OCR text often has none) and the
values are cut from it as written, so the restored sentence gives them with
their accents.  A sentence that says neither gives nothing.
"""

from __future__ import annotations

import re
from datetime import date as Date

from indexer.analysis.text import fold

_DATE = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
# After the number: "ngày 08/02/2023", "của UBND tỉnh", then "về việc" / "V/v" / "về".
_AFTER = re.compile(r"^\s*(?:,\s*)?(?:ngay\s+" + _DATE + r"\s*)?(?:,\s*)?(?:(?:cua|do)\s+([^;:]{1,80}?)\s*)?"
                    r"(?:,\s*)?(?:ve\s+viec|v\s*/\s*v|ve)\s+(?P<title>[^;]{4,}?)\s*(?:[;]|\.(?:\s|$)|$)")
# Before it: "Ngày 16/02/2023, UBND thị xã Phước Long (đã) ban hành <kind> (số)".
_BEFORE = re.compile(r"ngay\s+" + _DATE + r"\s*,\s*(?P<issuer>[^,;:.]{3,80}?)\s+(?:da\s+|de\s+|vua\s+)?ban\s+hanh\s+"
                     r"(?:[^\s\d;,.]+\s+){0,3}(?:so\s+)?$")
_ISSUER_START = ("ubnd", "uy ban", "hdnd", "hoi dong", "so ", "bo ", "chinh phu", "thu tuong", "ban ", "phong ",
                 "chu tich", "cuc ", "tong cuc", "van phong", "tinh uy", "huyen uy", "thi uy", "thanh uy", "dang uy")
TITLE_MOST = 240  # characters of a trích yếu kept


def said_of(sentence: str, number: str) -> dict[str, str]:
    """{"title", "date" (ISO), "issuer"}: what ``sentence`` says of the document numbered
    ``number`` (each only when it says it)."""
    text = " ".join(sentence.split())
    folded = fold(text)
    if len(folded) != len(text):  # the cuts below are offsets in both
        return {}
    at = _find(folded, number)
    if at is None:
        return {}
    start, end = at
    out: dict[str, str] = {}
    after = _AFTER.match(folded[end:])
    if after:
        if after.group(1):
            _put_date(out, after.group(1), after.group(2), after.group(3))
        title = text[end + after.start("title"): end + after.end("title")].strip(" ,")
        if title:
            out["title"] = title[:TITLE_MOST].rstrip() + ("…" if len(title) > TITLE_MOST else "")
    before = _BEFORE.search(folded[:start])
    if before:
        _put_date(out, before.group(1), before.group(2), before.group(3))
        issuer = text[before.start("issuer"): before.end("issuer")].strip()
        if folded[before.start("issuer"):].startswith(_ISSUER_START):
            out["issuer"] = issuer
    return out


def _find(folded: str, number: str) -> tuple[int, int] | None:
    """Where the number stands in the folded sentence (spaces around / and - allowed,
    and OCR's "qb"/"qd" for "QĐ" as the extractor read it is left to the caller's
    number: the canonical one, which the sentence's restored form writes)."""
    parts = re.split(r"\s*([/-])\s*", fold(number).strip())
    if not parts or not parts[0]:
        return None
    pattern = r"(?<![\w/])" + "".join(re.escape(p) if p not in "/-" else r"\s*" + re.escape(p) + r"\s*"
                                      for p in parts) + r"(?![\w])"
    m = re.search(pattern, folded)
    return (m.start(), m.end()) if m else None


def _put_date(out: dict, d: str, m: str, y: str) -> None:
    try:
        out.setdefault("date", Date(int(y), int(m), int(d)).isoformat())
    except ValueError:
        pass  # "31/02/2023" is no date: nothing is said
