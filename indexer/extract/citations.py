"""Documents cited inside a document, with canonical numbers and identity keys.

Every "Quyết định số 173/QĐ-UBND ngày 08/02/2023 của UBND tỉnh" (and its OCR
forms "Quyét dinh sb 173/Qb-\\nUBND ngay 08/02/2023 cta UBND tinh") becomes a
Citation.  The regexes run over the folded text, whose offsets are the
original's.  The key format is documented in ``indexer.numbers``; this
module makes them with ``indexer.legal.numbers``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from indexer.analysis import confusions
from indexer.analysis.text import fold, one_edit
from indexer.extract.headers import header_limit, own_number_line
from indexer.extract.issuers import resolve_issuer
from indexer.extract.records import Citation, Metadata
from indexer.legal import bodies as agencies
from indexer.legal import dates, doctypes
from indexer.legal.codes import code_parts, head_codes, is_legislature, known_issuer
from indexer.legal.keys import citation_key
from indexer.legal.numbers import Number, cited_kind, cited_number, code_separator, from_parts, legislature, parse, party_number

# "Quyết định số 173/QĐ-UBND ngày ... của ...": the type word before the number is
# numbers.cited_kind, the number numbers.cited_number, the date after it dates.cited_date.
_TYPE_ALT = doctypes.ocr_name_alternation()
# A date too garbled to read may stand before "của" ("ngay 15 thang 9 thang 2022 cua Thu wong").
_OF = re.compile(r"(?:\W{0,3}" + dates.NGAY + r"\b[\s\d/.,a-z]{0,28}?)?\W{0,3}c\S{0,3}a\s+")
_ISSUER_END = re.compile(
    r"\s(?:v[e&]|v\s*/\s*v|viv|phe duyet|ban hanh|quy dinh|huong dan|sua doi|tai|nham|theo|dong thoi)\b|[,;.(:]|\n\s*\n|\n\s*[-+•]"
    # the next citation: "của Ban Chấp hành Trung ương và Văn bản hợp nhất số 05/VBHN-BYT"
    r"|\s+va\s+(?:" + _TYPE_ALT + r")\b"
)


def _kind_before(folded: str, start: int) -> str | None:
    """The type word right before a number ("Quyết định số "), as a type code."""
    m = cited_kind.search(folded, max(0, start - 40), start)
    return doctypes.code_of_ocr_name(m.group(1)) if m else None


# A law is cited by its name between the type word and the number: "Bộ luật Lao động số
# 45/2019/QH14", "Luật Tổ chức chính quyền địa phương số 65/2025/QH15"; OCR writes "số" with
# a digit, and the name's letters too ("BO luat T6 tung dan su s6 92/2015/QH13"): a digit glued
# after a letter is a letter misread, and so is one digit alone ("Luat Nha 6 sé 65/2014/QH13":
# "Nhà ở"); a longer number ends the name. Before a law's number "số" may also be read
# "so.", "50", "0)", "10)" or ")" ("Luat quan ly thurs 10) 78/2006/QH11"): only there, where
# the law's name stands before it, is ")" taken for it. A wrapped line
# breaks it anywhere ("Luật Tổ chức chính quyền địa phương số\n72/2025/QH15").
_LAW_WORDS = [(w, c) for w, c in doctypes.OCR_NAMES.items() if c in ("BL", "L", "NQ", "PL")]
# A mark standing alone ("chính .\n\nquyền", "Ngân ;\nsách") is a scan's speck inside the name, and
# "." glued before "số" ("phương.s6 72/2025/QH15") a misread space.
_LAW_BEFORE = re.compile("(?:" + "|".join(f"({w})" for w, _ in _LAW_WORDS) + r")\b(?:[^;.\d]|(?<=\s)[.;](?=\s)"
                         r"|\.(?=" + confusions.number_sign() + r"\b)|(?<=[a-z])\d(?=[a-z\s,])|\d(?=[a-z])|(?<=\s)\d(?=\s)){0,80}"
                         r"(?:(?<![a-z0-9])(?:" + confusions.number_sign() + r"|1?0\)|\))\s*[.:]?\s*)?$")


def _law_kind_before(folded: str, start: int) -> str | None:
    m = _LAW_BEFORE.search(folded, max(0, start - 100), start)
    return _LAW_WORDS[m.lastindex - 1][1] if m else None


def _date_after(folded: str, end: int) -> tuple[str | None, int]:
    m = dates.cited_date.match(folded, end)
    iso = dates.iso(m) if m else None
    return (iso, m.end()) if iso else (None, end)


def _issuer_after(text: str, folded: str, end: int) -> tuple[str | None, int]:
    m = _OF.match(folded, end)
    if not m:
        return None, end
    stop = _ISSUER_END.search(folded, m.end(), m.end() + 90)
    phrase_end = stop.start() if stop else min(len(folded), m.end() + 60)
    phrase = " ".join(text[m.end() : phrase_end].split())
    return (phrase or None), phrase_end


def _number_at(text: str, folded: str, m: re.Match, kind: str | None) -> Number | None:
    if m.group(4):  # Party style "57-NQ/TW"
        return party_number(m.group(4), text[m.start(5) : m.end(5)], text[m.start(6) : m.end(6)])
    if re.search(r"(?<!\w)\d{3,4} \Z", folded[max(0, m.start() - 6) : m.start()]):
        # "385 1/QD-UBND": a serial split by OCR; "1/QĐ-UBND" would be invented.
        # (Two digits before are "số" misread: "56 39/2024/QH15", "s6 90/QD".)
        return None
    raw = text[m.start(3) : m.end(3)]
    parts = code_parts(raw, [legislature(p) for p in code_separator.split(raw)])  # OCR "QD- -UBND", "QD- ‘SGDDT", "QH 14"
    if parts[-1] == "TT" and text[m.end(3) : m.end(3) + 1] in confusions.marks_for("g"):
        parts[-1] = "TTg"  # the g of "TTg" read "¢" ("373/QD-TT¢ ngay", "866/QD-TT¢g")
    if kind and kind != "CV" and len(parts) > 1 and doctypes.by_code(parts[0]) is None and doctypes.misread(parts[0], kind):
        parts = [kind] + parts[1:]  # "Quyết định số 3574/QH-BYT": the type code one letter off the word before it
    n = from_parts(m.group(1), m.group(2), parts, kind)
    if n is None or not n.issuer:
        return None
    if kind is None and is_legislature(n.issuer):
        kind = _law_kind_before(folded, m.start())
        return replace(n, type_code=kind) if kind else None
    typed = doctypes.by_code(parts[0])
    if (typed is None or typed.code == "CV") and kind is None:
        return None  # "12/UBND" with no type word: could be anything
    if typed is None and kind != "CV" and not known_issuer(parts[0]) and not is_legislature(n.issuer):
        return None  # "Quyết định số 4831/QBxD-...": the type code is garbled beyond the known readings
    return n


def _code_end(text: str, m: re.Match, number: Number) -> int:
    """Where the kept code parts end: "1879/QD-VPUBND -ngay 11..." matched "-ngay" too."""
    if m.group(4):
        return m.end()
    seps = list(code_separator.finditer(text, m.start(3), m.end(3)))
    kept = number.issuer.count("-") + 1 + (1 if number.type_code and number.type_code != "CV" else 0)
    return m.end() if kept > len(seps) else seps[kept - 1].start()


def _ungarble(number: Number, issuer: str | None) -> Number | None:
    """A central code one letter off a listed one ("BNY" for BNV) is misread, not another
    body: the code of the issuer named after it ("của Bộ Nội vụ") when that one is
    one letter away, else the citation is dropped.  Only the body's code is checked:
    sub-unit codes ("BNN-KHCN") are not listed."""
    head, dash, rest = number.issuer.partition("-")
    if not _garbled(head):
        return number
    code = agencies.code_of(issuer) if issuer else None
    if code and one_edit(fold(head), fold(code)):
        return replace(number, issuer=code + dash + rest)
    return None


def _garbled(code: str) -> bool:
    """A central code one letter off a listed one ("BECT" for BCT): misread, not another body."""
    if known_issuer(code) or len(code) < 3 or not code.isupper():
        return False
    return any(one_edit(code, c) for c in head_codes() if len(c) >= 3)


def _context(text: str, start: int, end: int) -> tuple[str, int]:
    left = max(text.rfind(". ", max(0, start - 300), start), text.rfind("\n\n", max(0, start - 300), start),
               text.rfind(";", max(0, start - 300), start))
    right_candidates = [i for i in (text.find(". ", end, end + 300), text.find(";", end, end + 300),
                                    text.find("\n\n", end, end + 300)) if i >= 0]
    right = min(right_candidates) if right_candidates else min(len(text), end + 300)
    left = left + 1 if left >= 0 else max(0, start - 300)
    return " ".join(text[left:right + 1].split()), left


def context_of(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``, as a citation's ``context`` is cut
    (also from a restored reading, whose punctuation is the text's)."""
    return _context(text, start, end)[0]


def extract_citations(text: str, meta: Metadata | None = None) -> list[Citation]:
    """Every document cited in ``text`` (normalised), in order of appearance."""
    folded = fold(text)
    own = meta.number if meta else None
    out: list[Citation] = []
    numbers: list[Number] = []
    header = header_limit(folded)
    for m in cited_number.finditer(folded):
        kind = _kind_before(folded, m.start())
        number = _number_at(text, folded, m, kind)
        if number is None:
            continue
        if own and number.text == own:
            continue  # its own "Số:" line, or "Ban hành kèm theo Quyết định số" (itself)
        if kind is None and not own and own_number_line(folded, m.start(), header) \
                and _law_kind_before(folded, m.start()) is None:
            # Its own number, on a "Số:" line OCR made unreadable (when none was read);
            # not a law's, whose name wrapped before "số" ("... vi phạm hành chính\nsố 15/2012/QH13").
            continue
        iso, pos = _date_after(folded, _code_end(text, m, number))
        if _itself(folded, m.start(), number, iso, meta):
            continue
        phrase, pos2 = _issuer_after(text, folded, pos)
        issuer, body = resolve_issuer(phrase, meta) if phrase else (None, None)
        number = _ungarble(number, issuer)
        if number is None:
            continue
        year = int(iso[:4]) if iso else number.year
        t = doctypes.by_code(number.type_code)
        ctx, _ = _context(text, m.start(), m.end())
        out.append(Citation(
            key=citation_key(number, year, body), kind=t.name if t else "", type_code="" if number.type_code == "CV" else number.type_code,
            number=number.text, date=iso, year=year, issuer=issuer, context=ctx, start=m.start(), end=m.end(),
        ))
        numbers.append(number)
    _share_years(out, numbers)
    return out


def _itself(folded: str, start: int, number: Number, iso: str | None, meta: Metadata | None) -> bool:
    """"Ban hành kèm theo Quyết định số X": the document itself when X has its date, or
    its serial and year (the source mistypes the code: "102/2025/QĐ-CTUBND")."""
    if not meta or "kem theo" not in folded[max(0, start - 60) : start]:
        return False
    if iso and iso == meta.date:
        return True
    own = parse(meta.number) if meta.number else None
    return bool(own and own.serial == number.serial and (number.year or (int(iso[:4]) if iso else None)) == (own.year or meta.year))


def _share_years(out: list[Citation], numbers: list[Number]) -> None:
    """A number cited again without its date ("Quyết định 866/QĐ-TTg" after "... ngày
    18/7/2023") is the same document: it takes the year the text gave it elsewhere."""
    years: dict[str, set[int]] = {}
    for c in out:
        if c.year:
            years.setdefault(c.number, set()).add(c.year)
    for c, n in zip(out, numbers):
        if c.year is None and len(years.get(c.number, ())) == 1:
            c.year = next(iter(years[c.number]))
            c.key = citation_key(n, c.year, c.key.split("-", 4)[4] if c.key.count("-") >= 4 else None)
