"""The search service over a Whoosh index folder: ranked hits, facets, pages.

The pipeline for one request: parse the text (``search.parse``) -> Whoosh
query (``matching``) -> every matching docnum (``postings``, numpy) -> facet
counts and selection (``facets``) -> BM25 and proximity ranking (``ranking``)
-> the page -> snippets (``search.highlight``).  Document and decision pages
are read in ``pages``, similar documents in ``similar``, did-you-mean and
autocomplete in ``suggest``; this class is the one object the web holds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from whoosh import query as Q

from indexer.analysis.text import fold, strip_accents
from indexer.legal.doctypes import by_code
from indexer.legal.numbers import number_term
from indexer.legal.labels import province_group, province_label
from indexer.search.parse import ParsedQuery, parse
from indexer.search.plan import proximity_groups
from indexer.search.service import (
    EXPORT_FIELDS, FACETS, MISSING, Completion, DecisionPage, DocumentPage, DocumentSummary, FacetCount, Hit,
    IndexStatus, SearchRequest, SearchResult, Suggestion,
)
from indexer.search.settings import SearchSettings
from indexer.search.terms import highlight_terms, index_terms, matched_numbers
from indexer.search.whoosh import matching, pages, similar, suggest
from indexer.search.whoosh.facets import facet_counts
from indexer.search.whoosh.handle import IndexHandle
from indexer.search.whoosh.postings import match_ids
from indexer.search.whoosh.ranking import rank
from indexer.search.paging import hit_page
from indexer.search.whoosh.texts import best_chunks, hit_snippets


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
    deadline: float | None = None  # ranking stops refining past it


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


class WhooshSearchService:
    """Answer search, document and decision requests from one index folder."""

    engine = "whoosh"

    def __init__(self, index_dir, settings: SearchSettings | None = None):
        self.settings = settings or SearchSettings()
        self.handle = IndexHandle(index_dir, self.settings)
        self._loaded = False

    # --- search ----------------------------------------------------------
    def search(self, req: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        searcher, table = self.handle.current()
        self._load_models()
        deadline = time.monotonic() + self.settings.time_limit
        sel = self._select(searcher, table, req, deadline, FACETS)
        hits = self._page(searcher, table, sel, req)
        # Ranking and snippets past the time limit are cut short too: say so.
        sel.partial = sel.partial or time.monotonic() > deadline
        number = sel.pq.only_number()
        plain = strip_accents(req.q)
        return SearchResult(
            query=req.q,
            read_as=sel.pq.describe(),
            notes=sel.pq.notes,
            total=int(len(sel.final)),
            page=req.page,
            per_page=req.per_page,
            sort=req.sort,
            hits=hits,
            facets={n: self._facet_list(n, sel.counts[n], sel.selection.get(n, []), table) for n in FACETS},
            selection=sel.selection,
            relaxed=sel.strict is not None,
            partial=sel.partial,
            elapsed_ms=round((time.perf_counter() - started) * 1000, 1),
            number=number,
            strict_total=int(len(sel.strict)) if sel.strict is not None else int(len(sel.final)),
            target=pages.number_target(self.handle, number) if number and req.page == 1 else None,
            unaccented=plain if plain != req.q else "",
        )

    def _load_models(self) -> None:
        """Load what a query may need once per process (the OCR model, pyvi: seconds),
        before the clock of the time limit starts: the limit is about the query's work."""
        if not self._loaded:
            self.handle.analyzer.query_terms("số", "repaired")
            proximity_groups(parse("kế hoạch cải cách"))
            self._loaded = True

    def _select(self, searcher, table, req: SearchRequest, deadline: float, names) -> Selection:
        """Parse, match, count facets ``names`` and apply the selection.

        When every word is required and that finds less than a page, the
        words are ORed instead (``strict`` keeps the documents that have them
        all, which are still listed first).
        """
        limit = self.settings.facet_limit
        pq = parse(req.q)
        typed, extra = _resolve_filters(pq, table)
        if req.date_from or req.date_to:
            extra.append(_date_range(req.date_from, req.date_to))
        selection = _merge(req.filters, typed)
        analyzer = self.handle.analyzer
        q = _with_filters(matching.build(pq, analyzer), extra)
        docnums, partial = _docnums(searcher, table, q, deadline)
        counts, final = facet_counts(table, docnums, selection, names, limit)
        sel = Selection(pq, q, selection, counts, final, partial, deadline=deadline)
        if len(final) < self.settings.relax_below and len(pq.groups) >= self.settings.relax_min_words and not partial:
            relaxed_q = _with_filters(matching.build(pq, analyzer, relaxed=True), extra)
            docnums, partial = _docnums(searcher, table, relaxed_q, deadline)
            counts, wider = facet_counts(table, docnums, selection, names, limit)
            sel = Selection(pq, relaxed_q, selection, counts, wider, partial, strict=final, strict_q=q, deadline=deadline)
        return sel

    def _order(self, searcher, table, sel: Selection, req: SearchRequest, limit: int) -> list[tuple[int, float | None]]:
        """The first ``limit`` (docnum, score) of the selection, in the requested order."""
        if req.sort != "relevance" or sel.pq.is_empty():
            return [(int(d), None) for d in _by_date(table, sel.final, newest=req.sort != "oldest")[:limit]]
        groups = proximity_groups(sel.pq)
        depth = self.settings.rerank_depth
        if sel.strict is None:
            return rank(searcher, table, sel.q, groups, sel.final, limit, depth, sel.deadline)
        first = rank(searcher, table, sel.strict_q, groups, sel.strict, limit, depth, sel.deadline)
        rest = np.setdiff1d(sel.final, sel.strict, assume_unique=True)
        return first + rank(searcher, table, sel.q, groups, rest, limit - len(first), depth, sel.deadline)

    def export(self, req: SearchRequest) -> list[dict]:
        """Stored metadata (no text) of every match, in the request's order, for export."""
        searcher, table = self.handle.current()
        self._load_models()
        deadline = time.monotonic() + self.settings.time_limit
        sel = self._select(searcher, table, req, deadline, ())
        out = []
        for docnum, _ in self._order(searcher, table, sel, req, self.settings.export_limit):
            f = searcher.stored_fields(docnum)
            out.append({name: f.get(name, "") for name in EXPORT_FIELDS})
        return out

    def _page(self, searcher, table, sel: Selection, req: SearchRequest) -> list[Hit]:
        start = (req.page - 1) * req.per_page
        if start >= len(sel.final):
            return []
        stop = min(start + req.per_page, len(sel.final))
        ranked = self._order(searcher, table, sel, req, stop)[start:stop]
        stored = [(docnum, searcher.stored_fields(docnum)) for docnum, _ in ranked]
        passages = [[] for _ in ranked]
        places = [(None, 1) for _ in ranked]
        if req.snippets:
            analyzer = self.handle.analyzer
            terms = index_terms(sel.pq, analyzer)
            best = best_chunks(searcher, table, stored, terms)
            passages = hit_snippets(searcher, table, stored, highlight_terms(sel.pq, analyzer), terms, best)
            places = [hit_page(f, n) for (_, f), n in zip(stored, best)]
        return [self._hit(f, score, sel.pq, shown, place)
                for (_, f), (_, score), shown, place in zip(stored, ranked, passages, places)]

    def _hit(self, f: dict, score, pq, snippets: list[str], place: tuple[int | None, int] = (None, 1)) -> Hit:
        page, section = place
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
            snippets=snippets,
            matched_numbers=matched_numbers(pq, f),
            page=page,
            pages=len(f.get("pages") or []) + 1,
            section=section,
            restored_title=f.get("restored_title") or f.get("title", ""),
        )

    def _facet_list(self, name, counts, selected, table) -> list[FacetCount]:
        """Counts (already cut to the facet limit plus the selected values, see
        FacetTable.counts) as FacetCounts with labels; a selected value that no
        document has is listed with 0."""
        chosen = set(selected)
        groups = pages.unit_provinces(self.handle) if name == "unit" else {}
        out = []
        for value, count in counts:
            shown = value or MISSING
            out.append(FacetCount(shown, count, _label(name, shown, table), shown in chosen, _group(name, value, groups)))
        present = {c.value for c in out}
        out += [FacetCount(v, 0, _label(name, v, table), True, _group(name, v, groups)) for v in selected if v not in present]
        return out

    # --- pages -----------------------------------------------------------
    def document(self, doc_id: str, q: str = "", section: int = 1) -> DocumentPage | None:
        return pages.document(self.handle, doc_id, q, section, self.settings)

    def source_path(self, doc_id: str) -> str | None:
        return pages.source_path(self.handle, doc_id)

    def decision(self, key: str, page: int = 1) -> DecisionPage | None:
        return pages.decision(self.handle, key, page, self.settings)

    def similar(self, doc_id: str, limit: int = 5) -> list[DocumentSummary]:
        return similar.more_like(self.handle, doc_id, limit, self.settings.similar_terms)

    def did_you_mean(self, q: str, total: int) -> Suggestion | None:
        return suggest.did_you_mean(self.handle, q, total)

    def complete(self, q: str, limit: int = 8) -> list[Completion]:
        return suggest.complete(self.handle, q, limit)

    def status(self) -> IndexStatus:
        return self.handle.status()

    def close(self) -> None:
        self.handle.close()


def _label(name: str, value: str, table) -> str:
    """What a facet value is called on the page; MISSING is the unknown bucket."""
    if value == MISSING:
        return "Không rõ"
    if name == "cites":
        return table.cite_labels.get(value, value)
    if name == "type":
        found = by_code(value)
        return f"{found.name} ({value})" if found else value
    if name == "province":
        return province_label(value)
    return value


def _group(name: str, value: str, unit_provinces: dict[str, str]) -> str | None:
    """A unit's province; a province's province of the 2025 map, which old ones merged into."""
    if name == "province":
        return province_group(value) if value and value != MISSING else None
    return unit_provinces.get(value)


def _with_filters(q: Q.Query, extra: list[Q.Query]) -> Q.Query:
    return Q.And([q] + extra) if extra else q


def _by_date(table, docnums: np.ndarray, newest: bool) -> list[int]:
    """Sort by date; undated documents always come last."""
    dated = [d for d in docnums.tolist() if table.dates[d]]
    undated = [d for d in docnums.tolist() if not table.dates[d]]
    dated.sort(key=lambda d: (table.dates[d], d), reverse=newest)
    return dated + undated


def open_whoosh(index_dir: str | Path, settings: SearchSettings | None = None) -> WhooshSearchService:
    return WhooshSearchService(index_dir, settings)
