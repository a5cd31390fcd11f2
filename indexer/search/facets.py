"""Facets, once for every engine: filters typed in a query, and the lists a page shows.

``resolve`` turns field syntax (``loai:KH``, ``nam:2023``, ``donvi:"Phước
Long"``, ``trich:173/QĐ-UBND``, ``so:``, ``ngay:``) into facet selections
(the values the index holds, matched without accents) and filters.
``listed`` turns an engine's counts into ``FacetCount``s: labels ("Quyết định
(QĐ)", "Bình Phước (nay thuộc Đồng Nai)", a cited decision's number, date and
issuer), the group a value is listed under, the selected values always shown.
"""

from __future__ import annotations

import re

from indexer.analysis.text import fold
from indexer.legal.doctypes import by_code
from indexer.legal.labels import province_group, province_label
from indexer.legal.numbers import number_term
from indexer.search import query
from indexer.search.parse import ParsedQuery
from indexer.search.service import FACETS, MISSING, FacetCount

UNKNOWN_LABEL = "Không rõ"


def resolve(pq: ParsedQuery, chosen: dict[str, list[str]], engine) -> tuple[dict[str, list[str]], list]:
    """(facet selections: the request's and the query's, merged; filters: query nodes
    every hit must match)."""
    typed: dict[str, list[str]] = {}
    filters: list = []
    for name, values in pq.filters.items():
        for value in values:
            if name == "number":
                filters.append(query.Keyword("numbers", number_term(value)))
            elif name == "cites" and not engine.count(query.Keyword("cites", value)):
                # Not a citation key: a số ký hiệu, cited in any spelling.
                filters.append(query.Keyword("cited_numbers", number_term(value)))
            elif name in ("type", "unit", "year", "cites"):
                known = engine.facet_values(name) if name != "cites" else [value]
                wanted = fold(value)
                picked = [v for v in known if v and (fold(v) == wanted or (name == "unit" and wanted in fold(v)))]
                typed.setdefault(name, []).extend(picked or [value])
    if pq.date_from or pq.date_to:
        filters.append(query.date_range(pq.date_from, pq.date_to))
    return merge(chosen, typed), filters


def merge(a: dict[str, list[str]], b: dict[str, list[str]]) -> dict[str, list[str]]:
    out = {k: list(dict.fromkeys(v)) for k, v in a.items() if v}
    for k, v in b.items():
        out[k] = list(dict.fromkeys(out.get(k, []) + v))
    return out


def listed(engine, counts: dict[str, list[tuple[str, int]]], selection: dict[str, list[str]]) -> dict[str, list[FacetCount]]:
    """Every facet's counts (cut to the facet limit plus the selected values) as
    FacetCounts; a selected value no document has is listed with 0."""
    cited = [v for v, _ in counts.get("cites", [])] + selection.get("cites", [])
    labels = engine.cite_labels([v for v in cited if v and v != MISSING]) if cited else {}
    provinces = engine.unit_provinces() if counts.get("unit") or selection.get("unit") else {}
    out = {}
    for name in FACETS:
        chosen = selection.get(name, [])
        values = []
        for value, count in counts.get(name, []):
            shown = value or MISSING
            values.append(FacetCount(shown, count, label(name, shown, labels), shown in chosen,
                                     group(name, value, provinces)))
        present = {c.value for c in values}
        values += [FacetCount(v, 0, label(name, v, labels), True, group(name, v, provinces))
                   for v in chosen if v not in present]
        out[name] = ordered(name, values)
    return out


def ordered(name: str, counts: list[FacetCount]) -> list[FacetCount]:
    """The reader's order: years newest first (unknown last); cited decisions by year,
    newest first, then number (decision numbers restart every year); others by count."""
    if name == "year":
        return sorted(counts, key=lambda c: (c.value == MISSING, -int(c.value) if c.value.isdigit() else 0))
    if name == "cites":
        return sorted(counts, key=lambda c: (-_cited_year(c.label), _leading_number(c.label), c.label))
    return counts


def _leading_number(text: str) -> int:
    found = re.match(r"\s*(\d+)", text)
    return int(found.group(1)) if found else 1 << 30


def _cited_year(label: str) -> int:
    """The year of a cited decision as its label says it ("173/QĐ-UBND (2023-02-08, …)",
    "5/QĐ-TTg (2021)"); 0 when it does not (listed last).  Not from the key: in
    "qd-2639-ttg-x" the number would pass for a year."""
    found = re.search(r"\((\d{4})\b", label)
    return int(found.group(1)) if found else 0


def label(name: str, value: str, cite_labels: dict[str, str]) -> str:
    """What a facet value is called on the page; MISSING is the unknown bucket."""
    if value == MISSING:
        return UNKNOWN_LABEL
    if name == "cites":
        return cite_labels.get(value) or value
    if name == "type":
        found = by_code(value)
        return f"{found.name} ({value})" if found else value
    if name == "province":
        return province_label(value)
    return value


def group(name: str, value: str, unit_provinces: dict[str, str]) -> str | None:
    """A unit's province; a province's province of the 2025 map, which old ones merged into."""
    if name == "province":
        return province_group(value) if value and value != MISSING else None
    if name == "unit":
        return unit_provinces.get(value)
    return None
