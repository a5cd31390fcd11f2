"""Request arguments -> a validated SearchRequest (or a 400 that says why)."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qsl

from werkzeug.datastructures import MultiDict

from indexer.search import FACETS, SORTS, SearchRequest


class BadRequest(ValueError):
    """A parameter that cannot be read; the message names it and what is allowed."""


def _int(args: MultiDict, name: str, default: int, lo: int, hi: int) -> int:
    raw = args.get(name, "")
    if raw == "":
        return default
    # ASCII digits only: "١٢" is \d to Python's re, and int() reads it as 12.
    if not re.fullmatch(r"[0-9]{1,12}", raw.strip()):
        raise BadRequest(f"'{name}' phải là số nguyên từ {lo} đến {hi} (nhận được {raw[:20]!r})")
    value = int(raw)
    if not lo <= value <= hi:
        raise BadRequest(f"'{name}' phải nằm trong khoảng {lo}–{hi} (nhận được {value})")
    return value


def _date(args: MultiDict, name: str) -> str | None:
    """A YYYY-MM-DD date (what <input type=date> sends), or None when empty."""
    raw = args.get(name, "").strip()
    if not raw:
        return None
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
        raise BadRequest(f"'{name}' phải là ngày dạng YYYY-MM-DD (nhận được {raw[:20]!r})")
    try:
        date.fromisoformat(raw)
    except ValueError:
        raise BadRequest(f"'{name}' không phải là một ngày có thật (nhận được {raw!r})") from None
    return raw


MAX_SECTION = 100_000  # a 19 MB text has about 400 sections


def section_arg(args: MultiDict) -> int:
    """The section of a long document to show: ``part`` (1-based)."""
    return _int(args, "part", 1, 1, MAX_SECTION)


def page_arg(args: MultiDict, max_page: int = 10000) -> int:
    """The page of a list (a decision's citing documents)."""
    return _int(args, "page", 1, 1, max_page)


def back_args(raw: str) -> list[tuple[str, str]]:
    """The search arguments a document page links back to, read from ``back``.

    Only known search arguments survive, so the link can only ever lead to /search.
    """
    known = {"q", "page", "per_page", "sort", "date_from", "date_to", *FACETS}
    return [(k, v) for k, v in parse_qsl(raw[:4000]) if k in known]


def search_request(args: MultiDict, max_per_page: int = 100, max_page: int = 10000) -> SearchRequest:
    """Read q, facet filters, dates, page, per_page and sort from the query string."""
    filters: dict[str, list[str]] = {}
    for name in FACETS:
        values = [v.strip() for v in args.getlist(name) if v.strip()][:50]
        if name == "year":
            bad = [v for v in values if v != "none" and not re.fullmatch(r"[0-9]{4}", v)]
            if bad:
                raise BadRequest(f"'year' phải là năm bốn chữ số hoặc 'none' (nhận được {bad[0][:20]!r})")
        if values:
            filters[name] = values
    sort = args.get("sort", "relevance") or "relevance"
    if sort not in SORTS:
        raise BadRequest(f"'sort' phải là một trong {', '.join(SORTS)} (nhận được {sort[:20]!r})")
    return SearchRequest(
        q=args.get("q", "")[:2000],
        date_from=_date(args, "date_from"),
        date_to=_date(args, "date_to"),
        filters=filters,
        page=_int(args, "page", 1, 1, max_page),
        per_page=_int(args, "per_page", 10, 1, max_per_page),
        sort=sort,
    )
