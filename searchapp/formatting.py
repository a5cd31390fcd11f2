"""How dates and numbers are written for a Vietnamese reader (the pages, chips, CSV).

The search service speaks ISO dates (2023-02-08) and Python floats; the JSON
API keeps them so.  What a person reads says 08/02/2023, "9,1 ms" and
"10.000 văn bản" (the decimal comma and the thousands point of Vietnamese).
"""

from __future__ import annotations

import re
from datetime import datetime

from flask import Flask

from indexer.search import relation_label

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")


def vn_date(value) -> str:
    """"2023-02-08" -> "08/02/2023"; a year-month -> "02/2023"; anything else as it is."""
    text = "" if value is None else str(value)
    found = _ISO.fullmatch(text)
    if found:
        year, month, day = found.groups()
        return f"{day}/{month}/{year}"
    found = _ISO_MONTH.fullmatch(text)
    if found:
        return f"{found.group(2)}/{found.group(1)}"
    return text


def vn_dates_in(text: str) -> str:
    """Every ISO date inside a label ("173/QĐ-UBND (2023-02-08, UBND tỉnh …)") as dd/mm/yyyy."""
    return _ISO.sub(lambda m: f"{m.group(3)}/{m.group(2)}/{m.group(1)}", text or "")


def vn_number(value, decimals: int | None = None) -> str:
    """12345 -> "12.345"; 9.14 with one decimal -> "9,1"."""
    if value is None:
        return ""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def vn_datetime(value) -> str:
    """An ISO timestamp ("2026-12-02T03:15:00+00:00") as "10:15 02/12/2026", in the server's time zone."""
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%H:%M %d/%m/%Y")


def init_app(app: Flask) -> None:
    app.add_template_filter(vn_date, "vn_date")
    app.add_template_filter(vn_dates_in, "vn_dates_in")
    app.add_template_filter(vn_number, "vn_number")
    app.add_template_filter(vn_datetime, "vn_datetime")
    # A citation's relation kind as a reader reads it ("Thay thế"): domain data (legal.relations).
    app.add_template_global(relation_label, "relation_label")
