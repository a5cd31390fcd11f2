"""Search an index: ranked hits, disjunctive facet counts and snippets.

The pipeline for one request: parse the text (query.py) -> Whoosh query
(matching.py) -> every matching docnum (postings.py) -> facet counts and
selection (facets.py) -> BM25 and proximity ranking (ranking.py) -> the page
-> snippets (highlight.py).
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field

import numpy as np
from whoosh import query as Q

from indexer.search.whoosh import matching
from indexer.search.whoosh.facets import SINGLE, FacetCount, facet_counts
from indexer.search.whoosh.handle import IndexHandle
from indexer.search.highlight import snippets
from indexer.search.whoosh.postings import match_ids
from indexer.search.whoosh.ranking import rank
from indexer.search.parse import ParsedQuery, parse
from indexer.search.terms import highlight_pattern, matched_numbers
from indexer.analysis.text import fold, number_term

FACETS = ("year", "type", "unit", "province", "cites")
SORTS = ("relevance", "newest", "oldest")
# A query of several words that finds less than a page with every word
# required also lists, after those, the documents with most of the words,
# ranked by how many and how rare the matched words are (BM25 over an OR).
RELAX_BELOW = 10
RELAX_MIN_WORDS = 3
# Values listed per facet (a unit or cited-decision facet can have thousands).
FACET_LIMIT = 40
# No request may run away: matching stops after this many seconds and the
# page says the result is partial.
TIME_LIMIT = 2.0
# Export: the metadata columns, and at most this many rows per request.
EXPORT_FIELDS = ("id", "number", "title", "type", "type_name", "date", "year", "unit", "province", "signer", "path")
EXPORT_LIMIT = 10000


@dataclass
class SearchRequest:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    per_page: int = 10
    sort: str = "relevance"
    snippets: bool = True
    # The form's date range (YYYY-MM-DD, either end open), as ngay: in the query.
    date_from: str | None = None
    date_to: str | None = None


@dataclass
class Hit:
    id: str
    path: str
    title: str
    number: str
    date: str
    year: str
    type: str
    type_name: str
    unit: str
    province: str
    score: float | None
    snippets: list[str]
    matched_numbers: list[str]

    @property
    def snippet(self) -> str:
        return " … ".join(self.snippets)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["snippet"] = self.snippet
        return d


@dataclass
class SearchResult:
    query: str
    read_as: str
    notes: list[str]
    total: int
    page: int
    per_page: int
    sort: str
    hits: list[Hit]
    facets: dict[str, list[FacetCount]]
    selection: dict[str, list[str]]
    relaxed: bool = False
    partial: bool = False
    elapsed_ms: float = 0.0
    number: str | None = None  # set when the whole query is a số ký hiệu
    strict_total: int = 0  # documents with every word (== total unless relaxed)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass
class Selection:
    """What a request selects, before ranking and paging."""

    pq: ParsedQuery
    q: Q.Query  # the matching query of ``final``
    selection: dict[str, list[str]]
    counts: dict
    final: np.ndarray  # docnums after facet filters
    partial: bool
    strict: np.ndarray | None = None  # relaxed: the docnums that match every word
    strict_q: Q.Query | None = None


def _docnums(searcher, table, q: Q.Query, deadline: float) -> tuple[np.ndarray, bool]:
    """Every docnum matching q (vectorised: postings.py) and whether the time
    limit cut phrase checks short (the page then says the result is partial)."""
    found = match_ids(searcher, q, table.live, table.postings, deadline)
    return found, time.monotonic() > deadline


def _resolve_filters(pq: ParsedQuery, table) -> tuple[dict[str, list[str]], list[Q.Query]]:
    """Field filters typed in the query -> facet selections and Whoosh filters."""
    selection: dict[str, list[str]] = {}
    extra: list[Q.Query] = []
    for name, values in pq.filters.items():
        for value in values:
            if name == "number":
                extra.append(Q.Term("numbers", number_term(value)))
            elif name == "cites" and value not in table.values["cites"]:
                extra.append(Q.Term("cited_numbers", number_term(value)))
            elif name in ("type", "unit", "year", "cites"):
                known = table.values[name]
                wanted = fold(value)
                picked = [v for v in known if v and (fold(v) == wanted or (name == "unit" and wanted in fold(v)))]
                selection.setdefault(name, []).extend(picked or [value])
    if pq.date_from or pq.date_to:
        extra.append(_date_range(pq.date_from, pq.date_to))
    return selection, extra


def _date_range(date_from: str | None, date_to: str | None) -> Q.Query:
    """ISO dates sort as text; either end may be open."""
    return Q.TermRange("date", date_from or "0000", date_to or "9999")


def _merge(a: dict[str, list[str]], b: dict[str, list[str]]) -> dict[str, list[str]]:
    out = {k: list(dict.fromkeys(v)) for k, v in a.items() if v}
    for k, v in b.items():
        out[k] = list(dict.fromkeys(out.get(k, []) + v))
    return out


class SearchService:
    """Answer search, document and decision requests from one index."""

    def __init__(self, index_dir, time_limit: float = TIME_LIMIT):
        self.handle = IndexHandle(index_dir)
        self.time_limit = time_limit

    def search(self, req: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        deadline = time.monotonic() + self.time_limit
        searcher, table = self.handle.current()
        sel = self._select(searcher, table, req, deadline, FACETS)
        hits = self._page(searcher, table, sel, req)
        return SearchResult(
            query=req.q,
            read_as=sel.pq.describe(),
            notes=sel.pq.notes,
            total=int(len(sel.final)),
            page=req.page,
            per_page=req.per_page,
            sort=req.sort,
            hits=hits,
            facets={n: _facet_list(n, sel.counts[n], sel.selection.get(n, []), table) for n in FACETS},
            selection=sel.selection,
            relaxed=sel.strict is not None,
            partial=sel.partial,
            elapsed_ms=round((time.perf_counter() - started) * 1000, 1),
            number=sel.pq.only_number(),
            strict_total=int(len(sel.strict)) if sel.strict is not None else int(len(sel.final)),
        )

    def _select(self, searcher, table, req: SearchRequest, deadline: float, names) -> Selection:
        """Parse, match, count facets ``names`` and apply the selection.

        When every word is required and that finds less than a page, the
        words are ORed instead (``strict`` keeps the documents that have them
        all, which are still listed first).
        """
        pq = parse(req.q)
        typed, extra = _resolve_filters(pq, table)
        if req.date_from or req.date_to:
            extra.append(_date_range(req.date_from, req.date_to))
        selection = _merge(req.filters, typed)
        q = _with_filters(matching.build(pq), extra)
        docnums, partial = _docnums(searcher, table, q, deadline)
        counts, final = facet_counts(table, docnums, selection, names, FACET_LIMIT)
        sel = Selection(pq, q, selection, counts, final, partial)
        if len(final) < RELAX_BELOW and len(pq.groups) >= RELAX_MIN_WORDS and not partial:
            relaxed_q = _with_filters(matching.build(pq, relaxed=True), extra)
            docnums, partial = _docnums(searcher, table, relaxed_q, deadline)
            counts, wider = facet_counts(table, docnums, selection, names, FACET_LIMIT)
            sel = Selection(pq, relaxed_q, selection, counts, wider, partial, strict=final, strict_q=q)
        return sel

    def _order(self, searcher, table, sel: Selection, req: SearchRequest, limit: int) -> list[tuple[int, float | None]]:
        """The first ``limit`` (docnum, score) of the selection, in the requested order."""
        if req.sort != "relevance" or sel.pq.is_empty():
            return [(int(d), None) for d in _by_date(table, sel.final, newest=req.sort != "oldest")[:limit]]
        groups = matching.proximity_groups(sel.pq)
        if sel.strict is None:
            return rank(searcher, table, sel.q, groups, sel.final, limit)
        first = rank(searcher, table, sel.strict_q, groups, sel.strict, limit)
        rest = np.setdiff1d(sel.final, sel.strict, assume_unique=True)
        return first + rank(searcher, table, sel.q, groups, rest, limit - len(first))

    def matches(self, req: SearchRequest, limit: int = EXPORT_LIMIT) -> list[dict]:
        """Stored metadata (no text) of every match, in the request's order, for export."""
        searcher, table = self.handle.current()
        deadline = time.monotonic() + self.time_limit
        sel = self._select(searcher, table, req, deadline, ())
        out = []
        for docnum, _ in self._order(searcher, table, sel, req, limit):
            f = searcher.stored_fields(docnum)
            out.append({name: f.get(name, "") for name in EXPORT_FIELDS})
        return out

    def _page(self, searcher, table, sel: Selection, req: SearchRequest) -> list[Hit]:
        start = (req.page - 1) * req.per_page
        if start >= len(sel.final):
            return []
        stop = min(start + req.per_page, len(sel.final))
        ranked = self._order(searcher, table, sel, req, stop)[start:stop]
        pattern = highlight_pattern(sel.pq) if req.snippets else None
        return [self._hit(searcher, docnum, score, sel.pq, pattern, req.snippets) for docnum, score in ranked]

    def _hit(self, searcher, docnum, score, pq, pattern, with_snippets) -> Hit:
        f = searcher.stored_fields(docnum)
        return Hit(
            id=f["id"],
            path=f["path"],
            title=f.get("title", ""),
            number=f.get("number", ""),
            date=f.get("date", ""),
            year=f.get("year", ""),
            type=f.get("type", ""),
            type_name=f.get("type_name", ""),
            unit=f.get("unit", ""),
            province=f.get("province", ""),
            score=round(score, 3) if score is not None else None,
            snippets=snippets(f.get("text", ""), pattern) if with_snippets else [],
            matched_numbers=matched_numbers(pq, f),
        )


def _with_filters(q: Q.Query, extra: list[Q.Query]) -> Q.Query:
    return Q.And([q] + extra) if extra else q


def _by_date(table, docnums: np.ndarray, newest: bool) -> list[int]:
    """Sort by date; undated documents always come last."""
    dated = [d for d in docnums.tolist() if table.dates[d]]
    undated = [d for d in docnums.tolist() if not table.dates[d]]
    dated.sort(key=lambda d: (table.dates[d], d), reverse=newest)
    return dated + undated


def _facet_list(name, counts, selected, table) -> list[FacetCount]:
    """Counts (already cut to FACET_LIMIT plus the selected values, see
    FacetTable.counts) as FacetCounts with labels; a selected value that no
    document has is listed with 0."""
    chosen = set(selected)
    out = []
    for value, count in counts:
        shown = value or "none"
        label = table.cite_labels.get(value, value) if name == "cites" else value
        out.append(FacetCount(shown, count, label or "Không rõ", shown in chosen))
    present = {c.value for c in out}
    out += [FacetCount(v, 0, table.cite_labels.get(v, v) if name == "cites" else v, True) for v in selected if v not in present]
    return out


__all__ = ["SearchService", "SearchRequest", "SearchResult", "Hit", "SINGLE"]
