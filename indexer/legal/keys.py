"""Identity keys of documents, made from their số ký hiệu (``indexer.legal.numbers``).

Key format (URL-safe ASCII, lower case, fields joined by "-"):

    <type>-<number>-<issuer>-<year>[-<body>]

* type: folded type code ("qd", "nq", "cv", "qyd", "ttlt");
* number: the serial number as printed, lower case ("173", "36a");
* issuer: the issuer code, folded, "&" dropped, its own hyphens written "."
  ("ubnd", "snv.cchc", "bnn.kl");
* year: four digits, or "x" when neither the date nor the number gives it;
* body: only when the issuing body was resolved and the issuer code is not one
  of central bodies alone (``codes.is_central``): the unit's level and name,
  hyphenated ("tinh-binh-phuoc", "thi-xa-phuoc-long").  Central codes (TTg,
  CP, BNV ...) are unique nationwide and carry no body.  A code central and
  local bodies share (BCĐ) carries the unit named with it (bodies.json, rule
  "unit named"): "12/QĐ-BCĐ" of Bình Phước's and of Nghệ An's Ban Chỉ đạo are
  two keys.

Example: "qd-173-ubnd-2023-tinh-binh-phuoc".  ``parse_key`` reverses it.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.analysis.text import fold
from indexer.legal import doctypes
from indexer.legal.codes import canonical_issuer_part, is_central
from indexer.legal.numbers import Number


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
