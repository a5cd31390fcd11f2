"""Số ký hiệu: parse any spelling into parts, print the canonical form, make keys.

Canonical forms: "173/QĐ-UBND", "34/2020/QĐ-UBND", "364/SNV-CCHC" (Công văn:
issuer code without type code), "57-NQ/TW" (Party documents), a partial
"173/QĐ" when the issuer code is missing.

Citation key format (URL-safe ASCII, lower case, fields joined by "-"):

    <type>-<number>-<issuer>-<year>[-<body>]

* type: folded type code ("qd", "nq", "cv", "qyd", "ttlt");
* number: the serial number as printed, lower case ("173", "36a");
* issuer: the issuer code, folded, "&" dropped, its own hyphens written "."
  ("ubnd", "snv.cchc", "bnn.kl");
* year: four digits, or "x" when neither the date nor the number gives it;
* body: only when the issuing body was resolved and the issuer code is a
  local one (UBND, HĐND, Sở ...): the unit's level and name, hyphenated
  ("tinh-binh-phuoc", "thi-xa-phuoc-long").  Central codes (TTg, CP, BNV ...)
  are unique nationwide and carry no body.

Example: "qd-173-ubnd-2023-tinh-binh-phuoc".  ``parse_key`` reverses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from indexer.analysis import confusions
from indexer.analysis.text import fold
from indexer.legal import bodies, doctypes

# Inside a code, OCR reads letters as digits and back (analysis.confusions): "UBTVQHI15",
# "QH1S5", "5NV" (SNV), "UBN0".  Legislature codes end in the term number (QH15).
_LEGISLATURE_CODE = re.compile(r"(?:UBTVQH|QH)\d{1,2}")
_LEGISLATURE = re.compile(r"(ubtvqh|qh)([0-9ilsozb|]{1,3})")


def _variants(code: str) -> list[str]:
    forms = [""]
    for ch in code:
        reads = confusions.D_READINGS if ch in "Đđ" else (fold(ch),)
        forms = [f + r for f in forms for r in reads]
    return forms


@lru_cache(maxsize=1)
def _issuer_table() -> dict[str, str]:
    """Folded code and its OCR spellings -> the canonical code (the bodies table's)."""
    codes = bodies.central_codes() + bodies.local_codes()
    table: dict[str, str] = {}
    for code in codes:
        table.setdefault(fold(code), code)
    for code in codes:
        for v in _variants(code):
            table.setdefault(v, code)
    return table


def _unglue(raw: str) -> str:
    """"TTgcủa" -> "TTg": a known code with running text glued after it."""
    for k in range(len(raw) - 2, 0, -1):
        tail = raw[k:]
        if tail.isalpha() and tail.islower() and known_issuer(raw[:k]):
            return raw[:k]
    return raw


def code_parts(original: str, parts: list[str]) -> list[str]:
    """Keep the issuer-code parts written in capitals ("TTg" counts).

    A lower-case word after a hyphen is running text, not a code part; one
    glued to a known code ("35/2025/QĐ-TTgcủa") is cut off.
    """
    keep = [parts[0]]
    for raw in parts[1:]:
        raw = _unglue(raw)
        if not _code_like(raw):
            break
        keep.append(raw)
    return keep


# Đ read as "D" and a small letter in a code in capitals: "QDb", "HDpND".
_D_TWO = re.compile("D" + confusions.class_of(confusions.D_SMALL_TAILS))
_D_TAIL_AFTER = re.compile("(?<=D)" + confusions.class_of(confusions.D_SMALL_TAILS))


def _code_like(raw: str) -> bool:
    """Capitals and digits; lower case only in a listed code ("TTg", OCR "HbND")
    or as "b"/"p" after D (Đ read "Db").  "Ha" of "- Ha Noi" is the place, not a code."""
    if not any(c.isalpha() for c in raw):
        return False
    lower = _D_TAIL_AFTER.sub("", raw)
    return not any(c.islower() for c in lower) or known_issuer(raw)


def canonical_issuer_part(part: str) -> str:
    """"Ubnd" -> "UBND", "HPND" -> "HĐND", "ttg" -> "TTg", "UBTVQHI15" -> "UBTVQH15";
    unknown codes upper-cased ("Db", the OCR reading of Đ, restored)."""
    folded = fold(part).replace(" ", "")
    known = _issuer_table().get(folded)
    if known:
        return known
    term = _legislature(folded)
    if term:
        return term
    letters = _letters_for_digits(folded)
    if letters:
        return letters
    # Codes are capitals: a lower-case "b" after D is Đ read as "Db" ("QDb", "DbT").
    return _D_TWO.sub("Đ", part).upper() if _D_TWO.search(part) else part.upper()


def _legislature(folded: str) -> str | None:
    """"ubtvqhi15" -> "UBTVQH15": the term number (11-16) read with letters or a stray glyph."""
    m = _LEGISLATURE.fullmatch(folded)
    if not m or not any(c.isdigit() for c in m.group(2)):
        return None
    digits = confusions.as_digits(m.group(2))
    if len(digits) == 3 and digits[0] == "1":
        digits = "1" + digits[2]  # one glyph read twice: "I15", "IS5", "1S5"
    if not (len(digits) == 2 and "11" <= digits <= "16"):
        return None
    return m.group(1).upper() + digits


def _letters_for_digits(folded: str) -> str | None:
    """"5nv" -> "SNV": a code with digits that is a listed code once they are read as letters."""
    if not re.search(r"[a-z]", folded) or not re.search(r"\d", folded) or len(folded) > 8:
        return None
    forms = [""]
    for ch in folded:
        forms = [f + r for f in forms for r in (confusions.letters_for(ch) or ch)]
    found = {_issuer_table()[f] for f in forms if f in _issuer_table()}
    return found.pop() if len(found) == 1 else None


def known_issuer(part: str) -> bool:
    """True for a listed issuer code in any OCR spelling ("TTg", "HPND")."""
    return fold(part) in _issuer_table()


def head_codes() -> tuple[str, ...]:
    """Codes of the central bodies a misread code is checked against (bodies.head_codes)."""
    return bodies.head_codes()


def is_central(issuer: str) -> bool:
    """An issuer code of a central body that no local body uses ("TTg", "BTC-BCT", "QH15"):
    its key needs no body.  A shared code (BCĐ) is not: a unit named with it tells."""
    return bodies.central_only(issuer.split("-")[0])


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
    y = int(year) if year else None
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


def is_legislature(issuer: str) -> bool:
    """"QH14", "UBTVQH15": a code that carries the legislature's term, and no type code."""
    return bool(_LEGISLATURE_CODE.fullmatch(issuer))


def _issuer(parts: list[str]) -> str:
    return "-".join(canonical_issuer_part(p) for p in parts)


_STRICT = re.compile(
    r"(\d{1,5}[a-z]?)\s*(?:/\s*((?:19|20)\d\d))?\s*/\s*([a-zđ&][a-zđ&0-9]*(?:\s*-\s*[a-zđ&0-9]+)*)", re.I
)
_PARTY = re.compile(r"(\d{1,4})\s*-\s*([a-zđ]{1,4})\s*/\s*([a-zđ]{1,5})\b", re.I)
_TOKEN = re.compile(r"[0-9]+[a-z]?|[a-zđ&]+", re.I)


def parse(s: str) -> Number | None:
    """Parse a số ký hiệu in any common spelling (user typed or OCR'd)."""
    s = s.strip()
    m = _PARTY.fullmatch(s)
    if m:
        t = doctypes.by_code(m.group(2))
        if t:
            return Number(m.group(1), t.code, canonical_issuer_part(m.group(3)), party=True)
    m = _STRICT.fullmatch(s)
    if m:
        parts = re.split(r"\s*-\s*", m.group(3))
        return from_parts(m.group(1), m.group(2), parts)
    return _parse_loose(s)


def _parse_loose(s: str) -> Number | None:
    """"173 qđ ubnd", "qd 173", "QĐ-UBND 173/2020" -> parts in any order."""
    tokens = _TOKEN.findall(s)
    nums = [t for t in tokens if t[0].isdigit()]
    words = [t for t in tokens if not t[0].isdigit()]
    if not nums or len(nums) > 2 or not words:
        return None
    year = None
    if len(nums) == 2:
        if not re.fullmatch(r"(19|20)\d\d", nums[1]):
            return None
        year = nums[1]
    if doctypes.by_code(words[0]) is None and len(words) == 1:
        return None
    return from_parts(nums[0], year, words)


def number_term(number: str) -> str:
    """The indexed form of a số ký hiệu: folded, no spaces ("173/qd-ubnd")."""
    return fold(number).replace(" ", "")


def canonical_number(s: str) -> str | None:
    """Canonical số ký hiệu of any spelling: "173/Qb-UBND" -> "173/QĐ-UBND"."""
    n = parse(s)
    return n.text if n else None


def citation_key(number: Number, year: int | None = None, body_slug: str | None = None) -> str:
    """The identity key of a document; see the module docstring for the format."""
    issuer = fold(number.issuer).replace("&", "").replace("-", ".") or "x"
    y = number.year or year
    # "Bộ luật số 45/2019/QH14" and "Luật số 45/2019/QH14" are one law: the legislature
    # numbers its laws in one series, and writers use either word.
    code = "L" if number.bare and number.type_code == "BL" else number.type_code
    fields = [doctypes.slug(code or "x"), number.serial.lower(), issuer, str(y) if y else "x"]
    if body_slug and not is_central(number.issuer):
        fields.append(body_slug)
    return "-".join(fields)


@dataclass(frozen=True)
class KeyParts:
    type_code: str  # canonical code, "QĐ"
    type_name: str
    serial: str
    issuer: str  # canonical issuer code, "UBND"
    year: int | None
    body: str | None  # "tinh-binh-phuoc"

    @property
    def number(self) -> str:
        return Number(self.serial, self.type_code, self.issuer, None).text


def parse_key(key: str) -> KeyParts | None:
    """Split a key back into display parts; None if it is not one of ours."""
    fields = key.split("-", 4)
    if len(fields) < 4:
        return None
    t = doctypes.by_code(fields[0])
    if t is None:
        return None
    issuer = "-".join(canonical_issuer_part(p) for p in fields[2].split("."))
    year = int(fields[3]) if fields[3].isdigit() else None
    return KeyParts(t.code, t.name, fields[1], issuer, year, fields[4] if len(fields) == 5 else None)
