"""Request arguments -> a validated SearchRequest (or a 400 that says why).

A 400 names the parameter as the URL spells it and as a person calls it,
what was received, and the form that works ("year=2023").  The API answers
it with a stable code beside the message (errors.py).
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qsl

from werkzeug.datastructures import MultiDict

from indexer.search import FACETS, MISSING, SORTS, VALIDITIES, SearchRequest, validity_label

# The validity facet (search.standing) and the filter hiding documents no longer in force.
VALIDITY, IN_FORCE = "validity", "in_force"

from .accounts import reader

# What a person calls each parameter (the URL keeps its English name).
PARAM_LABELS = {
    "page": "trang", "per_page": "số văn bản mỗi trang", "part": "phần của văn bản", "year": "năm",
    "sort": "sắp xếp", "date_from": "từ ngày", "date_to": "đến ngày", "since": "từ ngày", "until": "đến ngày",
    "action": "việc đã làm",
}
SORT_NAMES = {"relevance": "liên quan nhất", "newest": "mới nhất", "oldest": "cũ nhất"}
PER_PAGE_CHOICES = (10, 20, 50)  # offered on the page; the API takes any 1..MAX_PER_PAGE


class BadRequest(ValueError):
    """A parameter that cannot be read; the message names it and the form that works.

    ``param`` is the parameter as the URL spells it; ``code`` a stable word for
    API clients ("invalid_parameter").
    """

    code = "invalid_parameter"

    def __init__(self, param: str, problem: str, received: str):
        self.param = param
        label = PARAM_LABELS.get(param, param)
        super().__init__(f"Tham số {param} ({label}) {problem} (nhận được {received[:20]!r}).")


def _int(args: MultiDict, name: str, default: int, lo: int, hi: int) -> int:
    raw = args.get(name, "")
    if raw == "":
        return default
    example = f"ví dụ {name}={min(hi, lo + 1)}"
    # ASCII digits only: "١٢" is \d to Python's re, and int() reads it as 12.
    if not re.fullmatch(r"[0-9]{1,12}", raw.strip()):
        raise BadRequest(name, f"phải là số nguyên từ {lo} đến {hi}, {example}", raw)
    value = int(raw)
    if not lo <= value <= hi:
        raise BadRequest(name, f"phải nằm trong khoảng {lo}–{hi}, {example}", str(value))
    return value


_DMY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _date(args: MultiDict, name: str) -> str | None:
    """A date as Vietnamese write it (08/02/2023, 8/2/2023) or in ISO (2023-02-08, as
    links and API clients send it), as ISO; None when empty."""
    raw = args.get(name, "").strip()
    if not raw:
        return None
    dmy, iso = _DMY.fullmatch(raw), _ISO.fullmatch(raw)
    if not (dmy or iso):
        raise BadRequest(name, f"phải là ngày dạng ngày/tháng/năm, ví dụ {name}=08/02/2023", raw)
    day, month, year = dmy.groups() if dmy else iso.groups()[::-1]
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        raise BadRequest(name, "không phải là một ngày có thật", raw) from None


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
    known = {"q", "page", "per_page", "sort", "date_from", "date_to", "go", VALIDITY, IN_FORCE, *FACETS}
    return [(k, v) for k, v in parse_qsl(raw[:4000]) if k in known]


def search_request(args: MultiDict, max_per_page: int = 100, max_page: int = 10000) -> SearchRequest:
    """Read q, facet filters, dates, page, per_page and sort from the query string."""
    filters: dict[str, list[str]] = {}
    for name in FACETS:
        values = [v.strip() for v in args.getlist(name) if v.strip()][:50]
        if name == "year":
            bad = [v for v in values if v != MISSING and not re.fullmatch(r"[0-9]{4}", v)]
            if bad:
                raise BadRequest("year", f"phải là năm có bốn chữ số, ví dụ year=2023, hoặc year={MISSING} "
                                         "cho văn bản không rõ năm", bad[0])
        if values:
            filters[name] = values
    chosen = [v.strip() for v in args.getlist(VALIDITY) if v.strip()][:10]
    bad = [v for v in chosen if v not in VALIDITIES]
    if bad:
        raise BadRequest(VALIDITY, "phải là một trong " + ", ".join(f"{VALIDITY}={v} ({validity_label(v)})"
                                                               for v in VALIDITIES), bad[0])
    if chosen:
        filters[VALIDITY] = list(dict.fromkeys(chosen))
    sort = args.get("sort", "relevance") or "relevance"
    if sort not in SORTS:
        names = ", ".join(f"sort={s} ({SORT_NAMES.get(s, s)})" for s in SORTS)
        raise BadRequest("sort", f"phải là một trong {names}", sort)
    return SearchRequest(
        q=args.get("q", "")[:2000],
        date_from=_date(args, "date_from"),
        date_to=_date(args, "date_to"),
        filters=filters,
        page=_int(args, "page", 1, 1, max_page),
        per_page=_int(args, "per_page", 10, 1, max_per_page),
        sort=sort,
        in_force=args.get(IN_FORCE, "") in ("1", "true", "on"),
        reader=reader(),  # every answer holds only what the signed-in reader (or nobody) may read
    )
