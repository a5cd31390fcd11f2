"""How a cited document, and a province of either map, is named on facets and pages."""

from __future__ import annotations

from indexer.legal.codes import is_central
from indexer.legal.unitmaps import now_in


def resolved_issuer(key: str, number: str, issuer: str | None) -> str | None:
    """The issuer to show: only one the extractor resolved to a known body.

    The key carries the issuing body when it was resolved ("...-tinh-binh-phuoc");
    a central issuer code (TTg, CP, ...) names its body by itself.  Otherwise
    the phrase is the OCR as read ("Uy ban nhén 2 dan Tinh"), shown on the
    citing document's page but not as the decision's name.
    """
    if not issuer:
        return None
    code = number.split("-", 1)[1] if "-" in number else ""
    return issuer if key.count("-") >= 4 or (code and is_central(code)) else None


def citation_label(key: str, number: str, date: str | None, year: int | None, issuer: str | None) -> str:
    """"173/QĐ-UBND (2023-02-08, UBND tỉnh Bình Phước)": number, date or year, issuer."""
    when = date or (str(year) if year else "")
    extra = ", ".join(x for x in (when, resolved_issuer(key, number, issuer)) if x)
    return f"{number} ({extra})" if extra else number


def province_label(province: str) -> str:
    """"Bình Phước (nay thuộc Đồng Nai)": a province of the old map under the 2025 one it
    merged into; a province of the 2025 map (or one that kept its name) as it is."""
    now = now_in(province)
    return f"{province} (nay thuộc {now})" if now and now != province else province


def province_group(province: str) -> str:
    """The province of the 2025 map a province's documents are grouped under."""
    return now_in(province) or province
