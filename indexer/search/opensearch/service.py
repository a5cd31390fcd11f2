"""The search service over an OpenSearch alias: ranked hits, facets, pages.

One request: parse (``search.parse``) -> query DSL (``query``) with the typed
filters -> one search carrying the page (BM25, proximity rescore), the
disjunctive facet aggregations (``facets``) and the selection as
``post_filter`` -> snippets from the best chunk of each hit, all of the
page's chosen and read in one more search (``texts``; ``search.highlight``
marks them as the Whoosh engine does).  Hits never carry a text.  When every word required finds less than
``relax_below`` documents, a second search ORs the words and lists the
documents with all of them first (a constant bonus on the strict query).
"""

from __future__ import annotations

import time

from indexer.analysis.text import fold, strip_accents
from indexer.legal.doctypes import by_code
from indexer.legal.labels import province_group, province_label
from indexer.legal.numbers import number_term
from indexer.search.opensearch import facets, pages, query, texts
from indexer.search.opensearch.handle import ClusterHandle
from indexer.search.opensearch.lexicon import Lexicon
from indexer.search.paging import hit_page
from indexer.search.parse import ParsedQuery, parse
from indexer.search.plan import proximity_groups
from indexer.search.service import (
    EXPORT_FIELDS, FACETS, MISSING, Completion, DecisionPage, DocumentPage, DocumentSummary, FacetCount, Hit,
    IndexStatus, SearchRequest, SearchResult, Suggestion,
)
from indexer.search.settings import SearchSettings
from indexer.search.terms import highlight_terms, index_terms, matched_numbers

STRICT_BONUS = 1e6  # relaxed mode: documents with every word come first
EXPORT_PAGE = 1000
_SOURCE = ["id", "path", "title", "number", "date", "year", "type", "type_name", "unit", "province", "cited",
           "chunk_count", "restored_title", "pages", "chunks"]


def _merge(a: dict[str, list[str]], b: dict[str, list[str]]) -> dict[str, list[str]]:
    out = {k: list(dict.fromkeys(v)) for k, v in a.items() if v}
    for k, v in b.items():
        out[k] = list(dict.fromkeys(out.get(k, []) + v))
    return out


def _group(name: str, value: str, unit_provinces: dict[str, str]) -> str | None:
    """A unit's province; a province's province of the 2025 map, which old ones merged into."""
    if name == "province":
        return province_group(value) if value and value != MISSING else None
    return unit_provinces.get(value)


class OpenSearchService:
    engine = "opensearch"

    def __init__(self, url: str, index: str, settings: SearchSettings | None = None):
        self.settings = settings or SearchSettings()
        self.handle = ClusterHandle(url, index, self.settings)
        self.lexicon = Lexicon(self.handle)

    # --- what a request selects ----------------------------------------
    def _known(self, name: str) -> list[str]:
        """Every value of a facet field (cached per build), to resolve loai:, nam:, donvi:."""
        state = self.handle.current()
        key = ("values", name)
        if key not in state.cache:
            aggs = {"v": {"terms": {"field": facets.FIELDS[name], "size": 10000}}}
            found = self.handle.search({"size": 0, "aggs": aggs})["aggregations"]["v"]["buckets"]
            state.cache[key] = [b["key"] for b in found]
        return state.cache[key]

    def _resolve_filters(self, pq: ParsedQuery) -> tuple[dict[str, list[str]], list[dict]]:
        selection: dict[str, list[str]] = {}
        extra: list[dict] = []
        for name, values in pq.filters.items():
            for value in values:
                if name == "number":
                    extra.append({"term": {"numbers": number_term(value)}})
                elif name == "cites" and not self.handle.count({"term": {"cites": value}}):
                    extra.append({"term": {"cited_numbers": number_term(value)}})
                elif name in ("type", "unit", "year", "cites"):
                    known = self._known(name) if name != "cites" else [value]
                    wanted = fold(value)
                    picked = [v for v in known if v and (fold(v) == wanted or (name == "unit" and wanted in fold(v)))]
                    selection.setdefault(name, []).extend(picked or [value])
        if pq.date_from or pq.date_to:
            extra.append(query.date_range(pq.date_from, pq.date_to))
        return selection, extra

    def _plan(self, req: SearchRequest):
        pq = parse(req.q)
        typed, extra = self._resolve_filters(pq)
        if req.date_from or req.date_to:
            extra.append(query.date_range(req.date_from, req.date_to))
        return pq, _merge(req.filters, typed), extra

    def _body(self, pq, selection, extra, req: SearchRequest, start: int, size: int, names) -> dict:
        analyzer = self.handle.analyzer
        strict = query.with_filters(query.build(pq, analyzer), extra)
        body = {"query": strict, "from": start, "size": size, "track_total_hits": True,
                "timeout": f"{int(self.settings.time_limit * 1000)}ms", "_source": _SOURCE}
        if names:
            body["aggs"] = facets.aggregations(selection, names, self.settings.facet_limit)
        selected = facets.post_filter(selection)
        if selected:
            body["post_filter"] = selected
        self._order(body, pq, req, start + size)
        return body

    def _order(self, body: dict, pq: ParsedQuery, req: SearchRequest, stop: int) -> None:
        """Dates: undated last, ties by id.  Relevance: score (ties in index
        order, as Whoosh's docnums), the proximity bonus as a rescore."""
        if req.sort != "relevance" or pq.is_empty():
            direction = "asc" if req.sort == "oldest" else "desc"
            body["sort"] = [{"has_date": "desc"}, {"date": direction}, {"id": direction}]
            return
        groups = proximity_groups(pq)
        rescore = query.proximity_rescore(groups, min(10000, max(self.settings.rerank_depth, stop)),
                                          self._word_weights(groups)) if groups else None
        if rescore:
            body["rescore"] = rescore

    def _word_weights(self, groups) -> dict[str, float]:
        """Whoosh's idf of each word of the groups, from the repaired view's document frequencies."""
        words = sorted({w for ws, _ in groups for w in ws})
        counts = self.handle.term_counts("repaired", words)
        n = self._documents()
        return {w: query.whoosh_idf(n, counts.get(w, (0, 0))[0]) for w in words}

    def _documents(self) -> int:
        state = self.handle.current()
        if "documents" not in state.cache:
            state.cache["documents"] = self.handle.count({"match_all": {}})
        return state.cache["documents"]

    def _relaxed(self, body: dict, pq: ParsedQuery, extra: list[dict]) -> dict:
        """The same request with the words ORed and the strict matches first."""
        relaxed = query.with_filters(query.build(pq, self.handle.analyzer, relaxed=True), extra)
        strict = {"constant_score": {"filter": body["query"], "boost": STRICT_BONUS, "_name": "strict"}}
        return dict(body, query={"bool": {"must": [relaxed], "should": [strict]}})

    def _run(self, req: SearchRequest, names, start: int, size: int, source=_SOURCE):
        pq, selection, extra = self._plan(req)
        body = self._body(pq, selection, extra, req, start, size, names)
        body["_source"] = source
        found = self.handle.search(body)
        total = strict_total = found["hits"]["total"]["value"]
        relaxed = False
        if (total < self.settings.relax_below and len(pq.groups) >= self.settings.relax_min_words
                and not found.get("timed_out")):
            found = self.handle.search(self._relaxed(body, pq, extra))
            total, relaxed = found["hits"]["total"]["value"], True
        return pq, selection, found, total, strict_total, relaxed

    # --- search ----------------------------------------------------------
    def search(self, req: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        # OpenSearch pages no deeper than its result window (10,000): past it a page is empty.
        start = min((req.page - 1) * req.per_page, 10000)
        size = min(req.per_page, 10000 - start)
        pq, selection, found, total, strict_total, relaxed = self._run(req, FACETS, start, size)
        found_hits = found["hits"]["hits"]
        shown: dict[str, tuple[list[str], int]] = {}
        if req.snippets and found_hits:
            shown = texts.hit_snippets(self.handle, [h["_source"] for h in found_hits],
                                       highlight_terms(pq, self.handle.analyzer), index_terms(pq, self.handle.analyzer))
        hits = [self._hit(h, pq, *shown.get(h["_source"]["id"], ([], None)), relaxed) for h in found_hits]
        counted = {name: facets.counts(found["aggregations"], name, self.settings.facet_limit) for name in FACETS}
        labels = pages.cite_labels(self.handle, [v for v, _ in counted["cites"]] + selection.get("cites", []))
        number = pq.only_number()
        plain = strip_accents(req.q)
        return SearchResult(
            query=req.q, read_as=pq.describe(), notes=pq.notes, total=total, page=req.page,
            per_page=req.per_page, sort=req.sort, hits=hits,
            facets={n: self._facet_list(n, counted[n], selection.get(n, []), labels) for n in FACETS},
            selection=selection, relaxed=relaxed, partial=bool(found.get("timed_out")),
            elapsed_ms=round((time.perf_counter() - started) * 1000, 1), number=number,
            strict_total=strict_total if relaxed else total,
            target=pages.number_target(self.handle, number) if number and req.page == 1 else None,
            unaccented=plain if plain != req.q else "",
        )

    def _hit(self, h: dict, pq, passages: list[str], best: int | None, relaxed: bool) -> Hit:
        """A hit; ``best`` is the chunk its snippets come from (None: no snippets asked)."""
        f = h["_source"]
        page, section = hit_page(f, best) if best is not None else (None, 1)
        score = h.get("_score")
        if score is not None and relaxed and "strict" in h.get("matched_queries", []):
            score -= STRICT_BONUS
        return Hit(
            id=f["id"], path=f.get("path", ""), title=f.get("title", ""), number=f.get("number", ""),
            date=f.get("date", ""), year=f.get("year", ""), type=f.get("type", ""), type_name=f.get("type_name", ""),
            unit=f.get("unit", ""), province=f.get("province", ""),
            score=round(score, 3) if score is not None else None,
            # An OCR'd document's snippets come from its restored reading (texts.best_chunks).
            snippets=passages,
            matched_numbers=matched_numbers(pq, f),
            page=page, pages=len(f.get("pages") or []) + 1, section=section,
            restored_title=f.get("restored_title") or f.get("title", ""),
        )

    def _facet_list(self, name, counts, selected, labels) -> list[FacetCount]:
        chosen = set(selected)
        provinces = self._unit_provinces() if name == "unit" else {}
        out = []
        for value, count in counts:
            shown = value or MISSING
            out.append(FacetCount(shown, count, self._label(name, shown, labels), shown in chosen,
                                  _group(name, value, provinces)))
        present = {c.value for c in out}
        out += [FacetCount(v, 0, self._label(name, v, labels), True, _group(name, v, provinces))
                for v in selected if v not in present]
        return out

    def _label(self, name: str, value: str, labels: dict[str, str]) -> str:
        if value == MISSING:
            return "Không rõ"
        if name == "cites":
            return labels.get(value) or value
        if name == "type":
            found = by_code(value)
            return f"{found.name} ({value})" if found else value
        if name == "province":
            return province_label(value)
        return value

    def _unit_provinces(self) -> dict[str, str]:
        """Each unit's most common province (cached per build)."""
        state = self.handle.current()
        if "provinces" not in state.cache:
            aggs = {"u": {"terms": {"field": "unit", "size": 10000},
                          "aggs": {"p": {"terms": {"field": "province", "size": 1}}}}}
            found = self.handle.search({"size": 0, "aggs": aggs})["aggregations"]["u"]["buckets"]
            state.cache["provinces"] = {b["key"]: b["p"]["buckets"][0]["key"] for b in found if b["p"]["buckets"]}
        return state.cache["provinces"]

    def export(self, req: SearchRequest) -> list[dict]:
        """EXPORT_FIELDS of every match up to the export limit, in the request's order.

        Date orders page with search_after; relevance asks once for up to
        the limit, so the proximity rescore covers every row as in Whoosh."""
        limit = self.settings.export_limit
        pq, selection, extra = self._plan(req)
        if req.sort == "relevance" and not pq.is_empty():
            size = min(limit, 10000)
            found = self._run(req, (), 0, size, list(EXPORT_FIELDS))[2]
            return [self._row(h) for h in found["hits"]["hits"]]
        body = self._body(pq, selection, extra, req, 0, min(EXPORT_PAGE, limit), ())
        body.pop("from")
        body["_source"] = list(EXPORT_FIELDS)
        rows: list[dict] = []
        while len(rows) < limit:
            found = self.handle.search(body)["hits"]["hits"]
            rows += [self._row(h) for h in found]
            if len(found) < body["size"]:
                break
            body["search_after"] = found[-1]["sort"]
        return rows[:limit]

    @staticmethod
    def _row(h: dict) -> dict:
        f = h["_source"]
        return {name: f.get(name, "") for name in EXPORT_FIELDS}

    # --- pages -----------------------------------------------------------
    def document(self, doc_id: str, q: str = "", section: int = 1) -> DocumentPage | None:
        return pages.document(self.handle, doc_id, q, section, self.settings.max_citing, self.settings.max_citations)

    def source_path(self, doc_id: str) -> str | None:
        return pages.source_path(self.handle, doc_id)

    def decision(self, key: str, page: int = 1) -> DecisionPage | None:
        return pages.decision(self.handle, key, self.settings.max_citing, page)

    def similar(self, doc_id: str, limit: int = 5) -> list[DocumentSummary]:
        stored = pages.stored(self.handle, doc_id, ["id", "key_terms"])
        if stored is None:
            return []
        return self.lexicon.similar(stored, limit, self.settings.similar_terms, self._documents())

    def did_you_mean(self, q: str, total: int) -> Suggestion | None:
        return self.lexicon.did_you_mean(q, total)

    def complete(self, q: str, limit: int = 8) -> list[Completion]:
        return self.lexicon.complete(q, limit)

    def status(self) -> IndexStatus:
        return self.handle.status()

    def close(self) -> None:
        self.handle.close()
