"""Số ký hiệu: one grammar, read in every context, and the canonical form.

Canonical forms: "173/QĐ-UBND", "34/2020/QĐ-UBND", "364/SNV-CCHC" (Công văn:
issuer code without type code), "57-NQ/TW" (Party documents), a partial
"173/QĐ" when the issuer code is missing.  Identity keys of documents are
made in ``indexer.legal.keys`` (its docstring gives the key format); issuer
codes are spelled by ``indexer.legal.codes``.

The grammar is built from named parts (a serial, a year, code parts joined
by hyphens, the Party's form) over folded text (``analysis.text.fold``:
lower case, no marks, one character per character, so a match's offsets are
the original's).  Each context composes them with its own prefix:

* ``typed``: a number on its own, as a user types it or a clean text has it;
* ``header_number``: after the "Số:" of a header, as OCR reads it ("S6:",
  "385 1/QD-UBND", "S0/UBND" for 50, "QD- -UBND", a line break at a hyphen);
* ``line_number``: at a header line's start when "Số:" is unreadable;
* ``cited_number``: inside running text ("Quyết định số 173/QĐ-UBND ngày ..."),
  after ``cited_kind``, the type's name and "số" as OCR reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.analysis import confusions
from indexer.analysis.text import fold
from indexer.legal import doctypes
from indexer.legal.codes import canonical_issuer_part, is_legislature, known_issuer

# --- the named parts --------------------------------------------------------------
SERIAL = r"\d{1,5}[a-z]?"  # "173", "36a"
YEAR = r"(?:19|20)\d\d"  # "2020" of "34/2020/QĐ-UBND"
CODE = r"[a-z&][a-z&0-9]*"  # one part of the code: "qd", "ubnd", "ubtvqh15"
TYPED_PART = r"[a-z&0-9]+"  # after a hyphen, as typed: "5nv" (SNV with its S read 5)
HYPHEN = r"\s*-\s*"
PARTY = r"(\d{1,4})\s*-\s*([a-z]{1,4})\s*/\s*([a-z]{1,5})\b"  # "57-NQ/TW": serial-type/issuer
# As OCR reads them: the serial's first 5 or 0 read S or O ("S0/UBND"), a space splitting the
# serial ("385 1/QD-UBND") or the year ("40/202 1/QB-UBND"); a hyphen doubled ("TCHQ- -GSQL"),
# a line break either side ("191/Qb-\nUBND-HC"; a blank line only after it: "3783/QD-\n\nUBND"),
# marks after it ("QD- ‘SGDDT").
OCR_SERIAL = (r"(?:" + confusions.class_of(confusions.DIGIT_READ_AS["5"] + confusions.DIGIT_READ_AS["0"])
              + r"(?=\d))?\d{1,5}(?: \d{1,3}(?=\s*/))?[a-z]?")
OCR_YEAR = r"(?:19|20)\d ?\d"
_MARKS = confusions.class_of(" \t" + confusions.QUOTE_MARKS)
OCR_HYPHEN = r"[ \t]*\n?[ \t]*-(?:[ \t]*-)?" + _MARKS + r"*(?:\n" + _MARKS + r"*){0,2}"
CODE_PARTS = 4  # at most, as cited: "12/2023/TTLT-BTC-BCT-BNG"


def number(serial: str = SERIAL, year: str = YEAR, hyphen: str = HYPHEN, part: str = CODE, parts: int | None = None,
           code: str = CODE) -> str:
    """serial [/ year] / code(-code)*, groups (serial) (year) (code); at most ``parts`` parts."""
    more = "*" if parts is None else "{0,%d}" % (parts - 1)
    return rf"({serial})\s*(?:/\s*({year}))?\s*/\s*({code}(?:{hyphen}{part}){more})"


# --- the contexts -----------------------------------------------------------------
typed = re.compile(number(part=TYPED_PART))
typed_party = re.compile(PARTY)
# "Số:" as read ("S6:", "80:"), a stray mark after the colon ("SO: )\n\n63/2025/QD-UBND"),
# a speck read before the number ("S6: oo\n\n143/..."), a dash of the column's rule.
SO_LINE = r"(?:(?<![a-z0-9])" + confusions.number_sign() + r"\s*[:;.,]{1,3}[\s)(|'‘’—–._-]*(?:[a-z°]{1,2}\s+)?)"
header_number = re.compile(SO_LINE + number(OCR_SERIAL, OCR_YEAR, OCR_HYPHEN))
# "Số:" read past recognition ("Sa”", "6:", "\"66,") or lost: three characters of debris at most.
LINE_START = r"\W{0,3}(?:[a-z0-9$§]{1,3}[\W_]{1,3})?"
line_number = re.compile(r"(?m)^" + LINE_START + number(hyphen=OCR_HYPHEN))
line_start = re.compile(LINE_START)
# In running text: not inside a word or another number; "số." glued to the serial is fine ("s6.2437").
CITED_BEFORE = r"(?<![\w/])(?:(?<!\.)|(?<=s\S\.))"
# A law's code split by OCR before the legislature's term: "52/2019/QH 14" (joined by ``legislature``).
OCR_LAW_CODE = CODE + r"(?:(?<=qh) \d\d(?![\d/]))?"
cited_number = re.compile(CITED_BEFORE + number(year=OCR_YEAR, hyphen=OCR_HYPHEN, parts=CODE_PARTS, code=OCR_LAW_CODE)
                          + r"|(?<![\w/.])" + PARTY)
code_separator = re.compile(OCR_HYPHEN)  # splits a matched code into its parts
# Before a cited number: its type's name and "số" as read ("Quyết định số ", "Quyét dinh s6: ").
cited_kind = re.compile(r"(?<![a-z])(" + doctypes.ocr_name_alternation() + r")(?:\s+" + confusions.number_sign() + r")?\s*[:.]?[\s-]*$")


_TERM_DIGITS = str.maketrans("IlSO", "1150")


def legislature(part: str) -> str:
    """"QH 14" as OCR split it: "QH14"; the term's digits as OCR misreads them ("QHIS",
    "UBTVQH1S": 15); any other code part as it is."""
    m = re.match(r"^((?:UBTV)?QH) ?([\dIlSO]{2})$", part)
    if m is None or not any(ch.isdigit() for ch in m.group(2)) and m.group(2) != "IS":
        return part
    return m.group(1) + m.group(2).translate(_TERM_DIGITS)


@dataclass(frozen=True)
class Number:
    serial: str  # "173", "36a"
    type_code: str  # "QĐ"; "CV" for Công văn; "" when unknown
    issuer: str  # "UBND", "SNV-CCHC"; "" for a partial number
    year: int | None = None  # from "34/2020/QĐ-UBND"
    party: bool = False  # "57-NQ/TW"
    bare: bool = False  # the type is known but not written: "Luật số 59/2020/QH14"

    @property
    def text(self) -> str:
        if self.party:
            return f"{self.serial}-{self.type_code}/{self.issuer}"
        head = f"{self.serial}/{self.year}" if self.year else self.serial
        code = "" if self.type_code == "CV" or self.bare else self.type_code
        tail = "-".join(p for p in (code, self.issuer) if p)
        return f"{head}/{tail}"


def from_parts(serial: str, year: str | None, parts: list[str], kind: str | None = None) -> Number | None:
    """Build a Number from a serial, an optional year and the code parts.

    The first part is the type code when it is one ("173/QĐ" alone is a
    partial number); otherwise the number is of ``kind`` (a type code the
    text named, "CV" by default) and every part belongs to the issuer code.
    """
    parts = [p for p in parts if p]
    if not parts:
        return None
    y = int(year.replace(" ", "")) if year else None  # "202 1" as OCR split it
    t = doctypes.by_code(parts[0])
    if t is not None and t.code != "CV":
        if len(parts) == 1:
            return Number(serial.lower(), t.code, "", y)
        return Number(serial.lower(), t.code, _issuer(parts[1:]), y)
    k = doctypes.by_code(kind) if kind else None
    issuer = _issuer(parts)
    if is_legislature(issuer):
        # "59/2020/QH14" is a Luật or a Nghị quyết, never a Công văn: the word before it
        # or the heading decides, and the number stays as written.
        return Number(serial.lower(), k.code if k else "", issuer, y, bare=True)
    return Number(serial.lower(), k.code if k else "CV", issuer, y)


def party_number(serial: str, type_code: str, issuer: str) -> Number | None:
    """"57-NQ/TW": a Party document's number, when the middle part is a type code."""
    t = doctypes.by_code(type_code)
    return Number(serial, t.code, canonical_issuer_part(issuer), party=True) if t else None


def _issuer(parts: list[str]) -> str:
    return "-".join(canonical_issuer_part(p) for p in parts)


def parse(s: str) -> Number | None:
    """Parse a số ký hiệu in any common spelling (user typed or OCR'd)."""
    s = s.strip()
    folded = fold(s)
    m = typed_party.fullmatch(folded)
    if m:
        found = party_number(m.group(1), s[m.start(2) : m.end(2)], s[m.start(3) : m.end(3)])
        if found:
            return found
    m = typed.fullmatch(folded)
    if m:
        parts = re.split(HYPHEN, s[m.start(3) : m.end(3)])
        return from_parts(m.group(1), m.group(2), parts)
    return _parse_loose(s, folded)


_TOKEN = re.compile(r"[0-9]+[a-z]?|[a-z&]+")
_YEAR = re.compile(YEAR)


def _tokens(s: str, folded: str) -> tuple[list[str], list[str]]:
    """(numbers, words) of a loosely written number, each as written."""
    tokens = [s[m.start() : m.end()] for m in _TOKEN.finditer(folded)]
    return [t for t in tokens if t[0].isdigit()], [t for t in tokens if not t[0].isdigit()]


def _parse_loose(s: str, folded: str) -> Number | None:
    """"173 qđ ubnd", "qd 173", "QĐ-UBND 173/2020" -> parts in any order."""
    nums, words = _tokens(s, folded)
    if not nums or len(nums) > 2 or not words:
        return None
    year = None
    if len(nums) == 2:
        if not _YEAR.fullmatch(nums[1]):
            return None
        year = nums[1]
    if doctypes.by_code(words[0]) is None and len(words) == 1:
        return None
    return from_parts(nums[0], year, words)


def parse_alone(text: str) -> Number | None:
    """A number written on its own with nothing else, as a query: "173/QD-UBND",
    "173 qđ ubnd", "qd 173" (-> "173/QĐ"), "Quyết định số 173" (-> "173/QĐ").

    Without a "/" every word must be a type or issuer code, or the words before
    the number a type's name ("số" aside); a year alone is no serial ("Thông tư
    2025" asks for a year's circulars).  Text that merely holds a number ("kế
    hoạch 27 cải cách") is none.
    """
    text = text.strip()
    if "/" in text:
        # A number starts with its serial: "<script>alert(1)</script>" is not one.
        return parse(text) if re.match(r"\d", text) else None
    words = re.findall(r"[^\W_]+", text)
    digits = [w for w in words if w.isdigit()]
    others = [w for w in words if not w.isdigit() and fold(w) != "so"]  # "Quyết định số 173"
    if len(digits) != 1 or not others or re.fullmatch(r"19[4-9]\d|20\d\d", digits[0]):
        return None
    named = doctypes.by_name(" ".join(others))
    if named and named.code != "CV":
        return Number(digits[0].lower(), named.code, "")
    if any(doctypes.by_code(w) for w in others) and all(doctypes.by_code(w) or known_issuer(w) for w in others):
        return parse(" ".join([digits[0], *others]))
    return None


def number_term(number: str) -> str:
    """The indexed form of a số ký hiệu: folded, no spaces ("173/qd-ubnd")."""
    return fold(number).replace(" ", "")


def serial_term(number: str) -> str:
    """The serial of a number's term, what a text holds of it as a word ("173" of "173/QĐ-UBND")."""
    return number_term(number).split("/")[0]


def canonical_number(s: str) -> str | None:
    """Canonical số ký hiệu of any spelling: "173/Qb-UBND" -> "173/QĐ-UBND"."""
    n = parse(s)
    return n.text if n else None
