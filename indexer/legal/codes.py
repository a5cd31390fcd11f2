"""Issuer codes of số ký hiệu: their canonical spelling, in any OCR reading.

The codes are the bodies table's (``indexer.legal.bodies``): "TTg", "HĐND",
"SNgV" are spelled as listed whatever OCR made of them ("ttg", "HPND",
"5NV" for SNV, "UBTVQHI15"); unlisted codes are upper-cased.  A code only
central bodies use ("TTg", "BTC") is unique nationwide: its key needs no
issuing body (``is_central``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.analysis import confusions
from indexer.analysis.text import fold
from indexer.legal import bodies

# Inside a code, OCR reads letters as digits and back (analysis.confusions): "UBTVQHI15",
# "QH1S5", "5NV" (SNV), "UBN0".  Legislature codes end in the term number (QH15).
_LEGISLATURE_CODE = re.compile(r"(?:UBTVQH|QH)\d{1,2}")
# The term as read: digits, or what OCR reads for them ("I15", "1S5").
_LEGISLATURE = re.compile(r"(ubtvqh|qh)(" + confusions.class_of("0123456789" + "".join(confusions.DIGIT_READ_AS.values())) + "{1,3})")


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
    stray = _stray_stroke(folded)
    if stray:
        return stray
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


def _stray_stroke(folded: str) -> str | None:
    """"sttttl" -> "STTTT": a listed code of three letters or more and a stroke read after it."""
    if len(folded) < 4 or folded[-1] not in confusions.STRAY_STROKES:
        return None
    return _issuer_table().get(folded[:-1])


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


def is_legislature(issuer: str) -> bool:
    """"QH14", "UBTVQH15": a code that carries the legislature's term, and no type code."""
    return bool(_LEGISLATURE_CODE.fullmatch(issuer))
