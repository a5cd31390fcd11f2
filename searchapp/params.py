"""Request arguments -> a validated SearchRequest (or a 400 that says why)."""

from __future__ import annotations

import re

from werkzeug.datastructures import MultiDict

from indexer.search import FACETS, SORTS, SearchRequest


class BadRequest(ValueError):
    """A parameter that cannot be read; the message names it and what is allowed."""


def _int(args: MultiDict, name: str, default: int, lo: int, hi: int) -> int:
    raw = args.get(name, "")
    if raw == "":
        return default
    if not re.fullmatch(r"\d{1,12}", raw.strip()):
        raise BadRequest(f"'{name}' phải là số nguyên từ {lo} đến {hi} (nhận được {raw[:20]!r})")
    value = int(raw)
    if not lo <= value <= hi:
        raise BadRequest(f"'{name}' phải nằm trong khoảng {lo}–{hi} (nhận được {value})")
    return value


def search_request(args: MultiDict, max_per_page: int = 100, max_page: int = 10000) -> SearchRequest:
    """Read q, facet filters, page, per_page and sort from the query string."""
    filters: dict[str, list[str]] = {}
    for name in FACETS:
        values = [v.strip() for v in args.getlist(name) if v.strip()][:50]
        if name == "year":
            bad = [v for v in values if v != "none" and not re.fullmatch(r"\d{4}", v)]
            if bad:
                raise BadRequest(f"'year' phải là năm bốn chữ số hoặc 'none' (nhận được {bad[0][:20]!r})")
        if values:
            filters[name] = values
    sort = args.get("sort", "relevance") or "relevance"
    if sort not in SORTS:
        raise BadRequest(f"'sort' phải là một trong {', '.join(SORTS)} (nhận được {sort[:20]!r})")
    return SearchRequest(
        q=args.get("q", "")[:2000],
        filters=filters,
        page=_int(args, "page", 1, 1, max_page),
        per_page=_int(args, "per_page", 10, 1, max_per_page),
        sort=sort,
    )
