"""Facet values for templates: label, count, selected, and a toggle URL.

Everything a template prints is computed here (as Datasette does): the
template only loops.  The whole search state lives in the URL, so a toggle URL
is the current arguments with one value added or removed and the page reset.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from indexer.search import MISSING

from .formatting import vn_date, vn_dates_in

FACET_LABELS = {
    "year": "Năm",
    "type": "Loại văn bản",
    "unit": "Cơ quan ban hành",
    "province": "Tỉnh/thành phố",
    "cites": "Quyết định được trích dẫn",
    "validity": "Hiệu lực",
}
DATE_LABELS = {"date_from": "Từ ngày", "date_to": "Đến ngày"}
UNKNOWN = "Không rõ"
SHOWN = 8  # values shown before "Xem thêm"


@dataclass
class FacetValueView:
    value: str
    label: str
    count: int
    selected: bool
    toggle_url: str
    page_url: str = ""  # a cited decision's own page



@dataclass
class FacetGroup:
    label: str  # a province, for the unit facet
    values: list[FacetValueView]


@dataclass
class FacetView:
    name: str
    label: str
    values: list[FacetValueView]
    shown: int = SHOWN
    groups: list[FacetGroup] | None = None  # set for the unit facet: units by province


@dataclass
class Chip:
    label: str
    remove_url: str


def _url(path: str, pairs: list[tuple[str, str]]) -> str:
    return f"{path}?{urlencode(pairs)}" if pairs else path


def toggle_url(path: str, args: list[tuple[str, str]], name: str, value: str) -> str:
    """The current URL with name=value switched on or off, back on page 1."""
    return toggler(path, args)(name, value)


def toggler(path: str, args: list[tuple[str, str]]):
    """``toggle_url`` for many values of one page: the arguments kept are encoded once
    (a search page links ~120 facet values; encoding every argument again for each
    was a tenth of the page)."""
    kept = [(k, v) for k, v in args if k != "page"]
    present, base = set(kept), urlencode(kept)

    def toggle(name: str, value: str) -> str:
        if (name, value) in present:
            return _url(path, [(k, v) for k, v in kept if (k, v) != (name, value)])
        added = urlencode([(name, value)])
        return f"{path}?{base}&{added}" if base else f"{path}?{added}"
    return toggle


def group_by_province(values: list[FacetValueView], provinces: dict[str, str | None]) -> list[FacetGroup]:
    """Units (or provinces of the old map) under their province; provinces by total count,
    values by count within."""
    groups: dict[str, list[FacetValueView]] = {}
    for v in values:
        groups.setdefault(provinces.get(v.value) or UNKNOWN, []).append(v)
    ordered = sorted(groups.items(), key=lambda g: (-sum(v.count for v in g[1]), g[0]))
    return [FacetGroup(label, vs) for label, vs in ordered]


def decision_url(key: str) -> str:
    """The page of a cited decision (its facet value is its key)."""
    return "/decisions/" + quote(key, safe="")


def facet_views(path: str, args: list[tuple[str, str]], facets: dict) -> list[FacetView]:
    """One view per facet with values; the unit facet grouped by the province of each unit,
    the province facet by the province of today's map (old provinces under the one they
    merged into in 2025)."""
    views, toggle = [], toggler(path, args)
    for name, counts in facets.items():
        values = [
            FacetValueView(c.value, vn_dates_in(c.label), c.count, c.selected, toggle(name, c.value),
                           decision_url(c.value) if name == "cites" and c.value != MISSING else "")
            for c in counts  # in the reader's order (search.facets.ordered)
        ]
        if values:
            view = FacetView(name, FACET_LABELS.get(name, name), values)
            if name in ("unit", "province"):
                view.groups = group_by_province(values, {c.value: c.group for c in counts})
            views.append(view)
    return views


def chips(path: str, args: list[tuple[str, str]], selection: dict, facets: dict) -> list[Chip]:
    """One removable chip per selected facet value."""
    labels = {(n, c.value): c.label for n, cs in facets.items() for c in cs}
    out = []
    for name, values in selection.items():
        for value in values:
            if (name, value) not in args:
                continue  # typed in the query (e.g. loai:KH): removed by editing the query
            label = vn_dates_in(labels.get((name, value), value))
            out.append(Chip(f"{FACET_LABELS.get(name, name)}: {label}", toggle_url(path, args, name, value)))
    for name, label in DATE_LABELS.items():
        for value in [v for k, v in args if k == name and v]:
            out.append(Chip(f"{label}: {_typed_date(value)}", toggle_url(path, args, name, value)))
    return out


def _typed_date(value: str) -> str:
    """A date argument as the chip shows it: dd/mm/yyyy (an ISO one converted, a typed one as typed)."""
    return vn_date(value.strip())


def with_args(path: str, args: list[tuple[str, str]], drop: tuple[str, ...] = (), **extra: str) -> str:
    """The current URL without the ``drop`` arguments, with ``extra`` set."""
    kept = [(k, v) for k, v in args if k not in drop and k not in extra]
    return _url(path, kept + [(k, v) for k, v in extra.items()])
