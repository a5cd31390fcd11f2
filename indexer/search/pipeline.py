"""The search service, once for every engine: a request from query text to page.

One request: ``parse`` the text -> resolve the filters typed in it (``facets``)
-> ``query.build`` the nodes -> the engine lists the page, counts the facets
and the total (``engine.Ask``) -> relaxed when every word required finds too
little (``rules.relax``) -> snippets cut from each hit's best chunk and marked
(``highlight``) -> ``Hit``s, ``FacetCount``s, a ``SearchResult``.  Document and
decision pages are ``pages``, similar documents ``similar``, did-you-mean and
completion ``suggest``.  The engine (``engine.Engine``) only matches, counts,
ranks and reads; this class is the one object the web holds.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date

from indexer.analysis.text import strip_accents
from indexer.search import facets, lookup, pages, query, rules, similar, standing, suggest
from indexer.search.access import ANONYMOUS, Reader, read_node
from indexer.search.engine import Answer, Ask, Engine, Found, one_question
from indexer.search.highlight import snippets
from indexer.search.paging import hit_page
from indexer.search.parse import ParsedQuery, parse
from indexer.search.plan import proximity_groups
from indexer.search.readable import ReadableEngine
from indexer.search.reading import restored_values, shown_text, shown_unsure
from indexer.search.service import (
    EXPORT_FIELDS, FACETS, Completion, DecisionPage, DocumentPage, DocumentSummary, FacetCount, Hit, IndexStatus,
    SearchRequest, SearchResult, Suggestion,
)
from indexer.search.settings import SearchSettings
from indexer.search import lineage
from indexer.legal.relations import ended_values, validity_label
from indexer.legal.validity import VALUES
from indexer.search.matches import wanted
from indexer.search.terms import matched_numbers, position_terms

# The stored fields a hit is made of.
HIT_FIELDS = ("id", "path", "title", "number", "date", "year", "type", "type_name", "unit", "province", "cited",
              "restored_title", "pages", "chunks", "key", "effective_date", "end_date")
VALIDITY = "validity"  # the facet (and filter) of validity, counted here, not by the engine


class SearchPipeline:
    """Answer search, document and decision requests from one engine."""

    def __init__(self, engine: Engine, settings: SearchSettings | None = None):
        self.engine = engine
        self.settings = settings or SearchSettings()
        self._loaded = False

    @property
    def name(self) -> str:
        return self.engine.name

    def today(self) -> str:
        """The day validity is judged on: the settings' (tests fix it), else today's date."""
        return self.settings.today or date.today().isoformat()

    def standing(self, reader: Reader = ANONYMOUS) -> standing.Standing:
        """Validity as ``reader`` may know it: a document the reader may not read
        neither decides nor names another's validity."""
        engine, today = self._for(reader), self.today()
        # Made from the whole archive's acts: once per build, day and filter, not per page.
        return engine.memo(("standing", today), lambda: standing.Standing(engine, today))

    def _for(self, reader: Reader) -> Engine:
        """The engine as ``reader`` sees it: every question carries the reader's filter
        (``readable``); an admin's none."""
        node = read_node(reader)
        return self.engine if node is None else ReadableEngine(self.engine, node)

    # --- what a request selects ------------------------------------------
    def _ask(self, req: SearchRequest, pq: ParsedQuery, names: tuple[str, ...], start: int, size: int,
             fields=HIT_FIELDS, now: standing.Standing | None = None) -> Ask:
        chosen = {k: v for k, v in req.filters.items() if k != VALIDITY}
        selection, filters = facets.resolve(pq, chosen, self._for(req.reader))
        node = read_node(req.reader)
        if node is not None:
            filters.append(node)  # the reader's filter: hits, totals, facets, the relaxed tier
        if req.date_from or req.date_to:
            filters.append(query.date_range(req.date_from, req.date_to))
        if (req.filters.get(VALIDITY) or req.in_force) and now is None:
            now = self.standing(req.reader)
        if req.in_force:
            filters.append(query.Not(query.EVERYTHING, now.ended()))
        if req.filters.get(VALIDITY):
            filters.append(query.any_of([now.node(v) for v in req.filters[VALIDITY]]))
        relevance = req.sort == "relevance" and not pq.is_empty()
        return Ask(
            query=query.build(pq, self.engine.analyzer), filters=filters, selection=selection, facets=names,
            facet_limit=self.settings.facet_limit, order="relevance" if relevance else
            ("oldest" if req.sort == "oldest" else "newest"),
            groups=proximity_groups(pq) if relevance else [], depth=self.settings.rerank_depth,
            start=start, size=size, fields=fields, deadline=time.monotonic() + self.settings.time_limit,
        )

    def _run(self, ask: Ask, pq: ParsedQuery) -> tuple[Answer, int, bool]:
        """(the answer, how many documents have every word, whether it was relaxed)."""
        answer = self.engine.run(ask)
        s = self.settings
        if not rules.relax(answer.total, len(pq.groups), answer.partial, s.relax_below, s.relax_min_words):
            return answer, answer.total, False
        strict = answer.total
        return self.engine.run(replace(ask, query=query.build(pq, self.engine.analyzer, relaxed=True),
                                       first=ask.query)), strict, True

    def _load_models(self) -> None:
        """Load what a query may need once per process (the OCR model, pyvi: seconds),
        before the clock of the time limit starts: the limit is about the query's work."""
        if not self._loaded:
            self.engine.analyzer.query_terms("số", "repaired")
            proximity_groups(parse("kế hoạch cải cách"))
            self._loaded = True

    # --- search ----------------------------------------------------------
    @one_question
    def search(self, req: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        self._load_models()
        pq = parse(req.q)
        now = self.standing(req.reader)
        engine = self._for(req.reader)
        ask = self._ask(req, pq, FACETS, (req.page - 1) * req.per_page, req.per_page, now=now)
        answer, strict, relaxed = self._run(ask, pq)
        uncertain = self._uncertain(ask, strict)
        hits = [with_validity(h, now.of(f.stored), f.stored)  # snippets of filtered hits only
                for h, f in zip(self._hits(answer.hits, pq, req.snippets), answer.hits)]
        # Ranking and snippets past the time limit are cut short too: say so.
        partial = answer.partial or time.monotonic() > ask.deadline
        number = pq.only_number()
        plain = strip_accents(req.q)
        selection = ask.selection
        lookup.link_matches(engine, hits)
        target, candidates, candidates_total, how = lookup.resolve(engine, number) \
            if number and req.page == 1 else (None, [], 0, "")
        # "tìm không dấu" is offered only when it finds something (OCR text often has no accents).
        unaccented_total = self._count(replace(req, q=plain)) \
            if plain != req.q and not answer.total and req.page == 1 else 0
        return SearchResult(
            query=req.q, read_as=pq.describe(), notes=pq.notes, total=answer.total, page=req.page,
            per_page=req.per_page, sort=req.sort, hits=hits,
            facets={**facets.listed(engine, answer.counts, selection),
                    VALIDITY: self._validity_counts(req, pq, relaxed, now)},
            selection={**selection, **({VALIDITY: list(req.filters[VALIDITY])} if req.filters.get(VALIDITY) else {})}, relaxed=relaxed, partial=partial,
            elapsed_ms=round((time.perf_counter() - started) * 1000, 1), number=number,
            strict_total=strict,
            target=target, candidates=candidates, candidates_total=candidates_total,
            candidates_match=how,
            unaccented=plain if plain != req.q else "", unaccented_total=unaccented_total,
            uncertain_total=uncertain,
        )

    def _uncertain(self, ask: Ask, strict: int) -> int:
        """How many of the ``strict`` documents (every word) match an accented word only
        through text whose marks are unknown: one more count, asked only when the
        query has such a word."""
        if not strict or not query.asks_unsure(ask.query):
            return 0
        return max(0, strict - self._total(replace(ask, query=query.known_marks(ask.query))))

    def _total(self, ask: Ask) -> int:
        """How many documents an ask matches: no page, no facets, no ranking (a
        proximity rescore would cost OpenSearch an idf lookup for a count)."""
        return self.engine.run(replace(ask, facets=(), groups=[], start=0, size=0, fields=("id",))).total

    def _validity_counts(self, req: SearchRequest, pq: ParsedQuery, relaxed: bool, now) -> list[FacetCount]:
        """The validity facet: how many documents of the match set (the request's without
        its own validity choice: counts are disjunctive, as every facet's) have each value."""
        base = self._ask(replace(req, filters={k: v for k, v in req.filters.items() if k != VALIDITY}),
                         pq, (), 0, 0, ("id",), now=now)
        if relaxed:
            base = replace(base, query=query.build(pq, self.engine.analyzer, relaxed=True))
        chosen = req.filters.get(VALIDITY) or []
        out = []
        for value in VALUES:
            n = self._total(replace(base, filters=[*base.filters, now.node(value)]))
            if n or value in chosen:
                out.append(FacetCount(value, n, validity_label(value), value in chosen))
        return out

    def _hits(self, found: list[Found], pq: ParsedQuery, with_snippets: bool) -> list[Hit]:
        stored = [f.stored for f in found]
        passages: list[list] = [[] for _ in found]
        places: list[tuple[int | None, int]] = [(None, 1) for _ in found]
        if with_snippets and found:
            analyzer = self.engine.analyzer
            marks = wanted(pq, analyzer)
            best = self.engine.best_chunks(stored, position_terms(pq, analyzer))
            passages, places = [], []
            for f, (n, record) in zip(stored, best):
                count = len(f.get("chunks") or [0])
                passages.append(snippets(shown_text(record), marks, shown_unsure(record),
                                         more_before=n > 0, more_after=n < count - 1))
                places.append(hit_page(f, n))
        return [hit(f.stored, f.score, pq, shown, place) for f, shown, place in zip(found, passages, places)]

    @one_question
    def export(self, req: SearchRequest) -> list[dict]:
        """EXPORT_FIELDS of every match (up to the export limit), in the request's order."""
        self._load_models()
        pq = parse(req.q)
        answer, _, _ = self._run(self._ask(req, pq, (), 0, self.settings.export_limit, EXPORT_FIELDS), pq)
        return [{name: f.stored.get(name, "") for name in EXPORT_FIELDS} for f in answer.hits]

    # --- pages -----------------------------------------------------------
    # A document the reader may not read is None here, as an unknown id is: the web
    # answers both with the same 404, never a refusal that says it exists.
    @one_question
    def document(self, doc_id: str, q: str = "", section: int = 1, reader: Reader = ANONYMOUS) -> DocumentPage | None:
        engine = self._for(reader)
        page = pages.document(engine, doc_id, q, section, self.settings)
        return lineage.document(engine, page, self.standing(reader)) if page is not None else None

    @one_question
    def source_path(self, doc_id: str, reader: Reader = ANONYMOUS) -> str | None:
        found = self._for(reader).stored(doc_id)
        return found.get("path") if found is not None else None

    @one_question
    def decision(self, key: str, page: int = 1, reader: Reader = ANONYMOUS) -> DecisionPage | None:
        engine = self._for(reader)
        found = pages.decision(engine, key, page, self.settings)
        return lineage.decision(engine, found, self.standing(reader)) if found is not None else None

    @one_question
    def similar(self, doc_id: str, limit: int = 5, reader: Reader = ANONYMOUS) -> list[DocumentSummary]:
        return similar.more_like(self._for(reader), doc_id, limit, self.settings.similar_terms)

    @one_question
    def did_you_mean(self, req: SearchRequest | str, total: int, reader: Reader | None = None) -> Suggestion | None:
        """A better reading of the request's query, counted under the request's
        filters and its reader's (a suggestion's count is what its link will show;
        its words are counted among what the reader may read)."""
        req = SearchRequest(q=req) if isinstance(req, str) else req
        if reader is not None:
            req = replace(req, reader=reader)
        return suggest.did_you_mean(self._for(req.reader), req.q, total,
                                    lambda text: self._count(replace(req, q=text)))

    def _count(self, req: SearchRequest) -> int:
        return self._total(self._ask(req, parse(req.q), (), 0, 0))

    @one_question
    def complete(self, q: str, limit: int = 8, reader: Reader = ANONYMOUS) -> list[Completion]:
        return suggest.complete(self._for(reader), q, limit)

    def status(self) -> IndexStatus:
        return self.engine.status()

    def close(self) -> None:
        self.engine.close()


def hit(f: dict, score: float | None, pq: ParsedQuery, passages: list, place: tuple[int | None, int]) -> Hit:
    """A hit from a document's stored fields; ``place`` is the page and section of its snippets."""
    page, section = place
    return Hit(
        id=f["id"], path=f.get("path", ""), title=f.get("title", ""), number=f.get("number", ""),
        date=f.get("date", ""), year=f.get("year", ""), type=f.get("type", ""), type_name=f.get("type_name", ""),
        unit=f.get("unit", ""), province=f.get("province", ""),
        score=round(score, 3) if score is not None else None,
        passages=passages, matched_numbers=matched_numbers(pq, f),
        page=page, pages=len(f.get("pages") or []) + 1, section=section,
        restored_title=restored_values(f)["restored_title"],
    )


def with_validity(h: Hit, v, f: dict) -> Hit:
    """A hit marked with its validity (and whether it is no longer in force)."""
    h.validity, h.validity_label, h.in_force = v.value, validity_label(v.value), v.value not in ended_values()
    h.effective_date = f.get("effective_date") or ""
    return h

