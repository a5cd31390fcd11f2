"""Facets as terms aggregations, counted disjunctively as in the Whoosh engine.

The selection goes into ``post_filter`` (hits obey it, aggregations do not);
each facet's aggregation is wrapped in a filter of every *other* facet's
selection, so ticking a second year still shows how many documents the first
one has.  The "cites" facet counts cited decisions only (``cite_decisions``);
its names are looked up apart and cached per build (``pages.cite_labels``): a
label sub-aggregation per bucket (top_hits) cost 200 ms of every search.  Selected values
outside the top ``limit`` are counted by a second terms aggregation limited
to them, and a selected value no document has is listed with 0.
"""

from __future__ import annotations

from indexer.search.service import MISSING

FIELDS = {"year": "year", "type": "type", "unit": "unit", "province": "province", "cites": "cites"}
COUNTED = dict(FIELDS, cites="cite_decisions")


def _values(selected: list[str]) -> list[str]:
    return ["" if v == MISSING else v for v in selected]


def selection_filter(name: str, selected: list[str]) -> dict:
    return {"terms": {FIELDS[name]: _values(selected)}}


def post_filter(selection: dict[str, list[str]]) -> dict | None:
    filters = [selection_filter(n, v) for n, v in selection.items() if v]
    return {"bool": {"filter": filters}} if filters else None


def aggregations(selection: dict[str, list[str]], names, limit: int) -> dict:
    out = {}
    for name in names:
        others = [selection_filter(n, v) for n, v in selection.items() if v and n != name]
        terms = {"field": COUNTED[name], "size": limit, "shard_size": max(limit * 5, 500),
                 "order": [{"_count": "desc"}, {"_key": "asc"}]}
        inner: dict = {"top": {"terms": terms}}
        chosen = _values(selection.get(name, []))
        if chosen:
            inner["chosen"] = {"terms": {"field": COUNTED[name], "include": chosen, "size": len(chosen)}}
        out[name] = {"filter": {"bool": {"filter": others}} if others else {"match_all": {}}, "aggs": inner}
    return out


def counts(aggs: dict, name: str, limit: int) -> list[tuple[str, int]]:
    """(value, count) of one facet, largest first, plus the selected ones."""
    found = aggs[name]
    top = [(b["key"], b["doc_count"]) for b in found["top"]["buckets"]]
    shown = {v for v, _ in top}
    extra = sorted(((b["key"], b["doc_count"]) for b in found.get("chosen", {}).get("buckets", [])
                    if b["key"] not in shown), key=lambda p: (-p[1], p[0]))
    return top[:limit] + extra
