"""The OpenSearch engine: an alias in a cluster answering the search pipeline (``search.engine``).

One listing is one search: the query (``dsl``) with its filters, the page
(BM25, the proximity bonus as a rescore), the disjunctive facet
aggregations and the selection as ``post_filter`` (``facets``).  Texts and
citations are read from the companion index of chunk records (``texts``).
Every rule of what to ask and how to show it is the pipeline's; this class
only knows where OpenSearch keeps things.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict

from indexer.analysis.analyzer import Analyzer
from indexer.index.opensearch.mapping import LABEL_SEP
from indexer.search import rules
from indexer.search.engine import Answer, Ask, Found, HandleEngine
from indexer.search.opensearch import dsl, facets, texts
from indexer.search.opensearch.handle import ClusterHandle
from indexer.search.settings import SearchSettings

WINDOW = 10000  # OpenSearch's result window: from + size never past it
SCAN_PAGE = 1000  # a long date-ordered listing (an export) is read this many at a time
STRICT_BONUS = 1e6  # relaxed: documents matching the strict query come first
_LISTED = ["id", "path", "title", "number", "date", "year", "type", "type_name", "unit", "province", "cited",
           "restored_title", "pages", "chunks", "relations"]
_ORDER = {"newest": "desc", "oldest": "asc"}


class OpenSearchEngine(HandleEngine):
    name = "opensearch"

    def __init__(self, url: str, index: str, settings: SearchSettings | None = None):
        self.settings = settings or SearchSettings()
        self.handle = ClusterHandle(url, index, self.settings)

    @property
    def analyzer(self) -> Analyzer:
        return self.handle.analyzer

    def memo(self, key, compute):
        cache = self.handle.current().cache
        if key not in cache:
            cache[key] = compute()
        return cache[key]

    def documents(self) -> int:
        return self.memo("documents", lambda: self.handle.count({"match_all": {}}))

    # --- listing ---------------------------------------------------------
    def _body(self, ask: Ask, start: int, size: int) -> dict:
        q = dsl.with_filters(dsl.compile_node(ask.query), ask.filters)
        if ask.first is not None:
            strict = dsl.with_filters(dsl.compile_node(ask.first), ask.filters)
            q = {"bool": {"must": [q], "should": [
                {"constant_score": {"filter": strict, "boost": STRICT_BONUS, "_name": "strict"}}]}}
        body = {"query": q, "from": start, "size": size, "track_total_hits": True,
                "_source": list(ask.fields) if ask.fields is not None else _LISTED}
        if ask.deadline is not None:
            body["timeout"] = f"{max(1, int((ask.deadline - time.monotonic()) * 1000))}ms"
        if ask.facets:
            body["aggs"] = facets.aggregations(ask.selection, ask.facets, ask.facet_limit)
        selected = facets.post_filter(ask.selection)
        if selected:
            body["post_filter"] = selected
        if ask.order != "relevance":
            direction = _ORDER[ask.order]
            body["sort"] = [{"has_date": "desc"}, {"date": direction}, {"id": direction}]
        elif ask.groups:
            window = min(WINDOW, max(ask.depth, start + size))
            body["rescore"] = dsl.proximity_rescore(ask.groups, window, self._idf(ask.groups))
        return body

    def _idf(self, groups) -> dict[str, float]:
        """The product's idf of each word of the groups, from the stacked field's document frequencies."""
        words = sorted({w for ws, _ in groups for w in ws})
        counts = self.handle.term_counts("repaired", words)
        n = self.documents()
        return {w: rules.idf(n, counts.get(w, (0, 0))[0]) for w in words}

    def run(self, ask: Ask) -> Answer:
        start = min(ask.start, WINDOW)
        size = max(0, min(ask.size, WINDOW - start))
        scan = ask.order != "relevance" and size > SCAN_PAGE
        found = self.handle.search(self._body(ask, start, SCAN_PAGE if scan else size))
        hits = [self._found(h, ask) for h in found["hits"]["hits"]]
        if scan:
            hits += self._scan(ask, found["hits"]["hits"], size - len(hits))
        counts = {name: facets.counts(found["aggregations"], name, ask.facet_limit) for name in ask.facets}
        return Answer(found["hits"]["total"]["value"], hits, counts, bool(found.get("timed_out")))

    def _scan(self, ask: Ask, last: list[dict], wanted: int) -> list[Found]:
        """The rest of a long date-ordered listing, SCAN_PAGE at a time (search_after)."""
        out: list[Found] = []
        body = self._body(ask, 0, SCAN_PAGE)
        body.pop("from")
        body.pop("aggs", None)
        while last and len(last) == SCAN_PAGE and len(out) < wanted:
            body["search_after"] = last[-1]["sort"]
            last = self.handle.search(body)["hits"]["hits"]
            out += [self._found(h, ask) for h in last]
        return out[:wanted]

    @staticmethod
    def _found(h: dict, ask: Ask) -> Found:
        score = h.get("_score")
        if score is not None and ask.first is not None and "strict" in h.get("matched_queries", []):
            score -= STRICT_BONUS
        return Found(h["_source"], score if ask.order == "relevance" else None)

    def count(self, node) -> int:
        return self.handle.count(dsl.compile_node(node))

    def counts(self, nodes: list, cap: int) -> list[int]:
        """Bounded counts of several queries in one request (a multi-search)."""
        if not nodes:
            return []
        bodies = [{"query": dsl.compile_node(n), "size": 0, "track_total_hits": cap} for n in nodes]
        return [min(cap, int(r.get("hits", {}).get("total", {}).get("value", 0))) for r in self.handle.msearch(bodies)]

    def facet_values(self, name: str) -> list[str]:
        """Every value of a facet field (cached per build)."""
        def ask():
            aggs = {"v": {"terms": {"field": facets.FIELDS[name], "size": 10000}}}
            return [b["key"] for b in self.handle.search({"size": 0, "aggs": aggs})["aggregations"]["v"]["buckets"]]
        return self.memo(("values", name), ask)

    def keyword_terms(self, field: str, within=None) -> list[str]:
        """Every term of a keyword field a document (matching ``within``) holds (cached
        per build and filter), paged through a composite aggregation, so no term is cut off."""
        def ask():
            out, after = [], None
            body = {"size": 0} if within is None else {"size": 0, "query": dsl.compile_node(within)}
            while True:
                comp = {"size": 1000, "sources": [{"t": {"terms": {"field": field}}}]}
                if after:
                    comp["after"] = after
                agg = self.handle.search({**body, "aggs": {"c": {"composite": comp}}})["aggregations"]["c"]
                out += [b["key"]["t"] for b in agg["buckets"]]
                after = agg.get("after_key")
                if not agg["buckets"] or not after:
                    return out
        return self.memo(("terms", field, within), ask)

    def cite_labels(self, keys: list[str]) -> dict[str, str]:
        """The name each cited key goes by (its newest citing document's label), cached per
        build: one search for the keys not seen yet."""
        cache = self.handle.current().cache.setdefault("labels", {})
        missing = sorted({k for k in keys if k and k not in cache})
        if missing:
            newest = {"top_hits": {"size": 1, "_source": False, "docvalue_fields": ["cite_labels"],
                                   "sort": [{"id": "desc"}]}}
            aggs = {"k": {"terms": {"field": "cites", "include": missing, "size": len(missing)},
                          "aggs": {"label": newest}}}
            found = self.handle.search({"size": 0, "query": {"terms": {"cites": missing}}, "aggs": aggs})
            for bucket in found["aggregations"]["k"]["buckets"]:
                for hit in bucket["label"]["hits"]["hits"]:
                    for value in hit.get("fields", {}).get("cite_labels", []):
                        key, _, label = value.partition(LABEL_SEP)
                        if key == bucket["key"]:
                            cache[key] = label
            for key in missing:
                cache.setdefault(key, key)
        return {k: cache.get(k, k) for k in keys}

    def cited_keys(self, number_term: str) -> dict[str, str]:
        body = {"query": {"term": {"cited_numbers": number_term}}, "size": 1000, "_source": False,
                "docvalue_fields": ["cite_labels"]}
        out = {}
        for hit in self.handle.search(body)["hits"]["hits"]:
            for value in hit.get("fields", {}).get("cite_labels", []):
                key, _, label = value.partition(LABEL_SEP)
                out.setdefault(key, label)
        return out

    def number_terms(self, prefix: str, limit: int) -> dict[str, int]:
        pattern = re.sub(r"([^0-9a-z])", r"\\\1", prefix) + ".*"
        aggs = {f: {"terms": {"field": f, "include": pattern, "size": limit * 4}} for f in ("numbers", "cited_numbers")}
        q = {"bool": {"should": [{"prefix": {"numbers": prefix}}, {"prefix": {"cited_numbers": prefix}}]}}
        found = self.handle.search({"query": q, "size": 0, "aggs": aggs})["aggregations"]
        freq: dict[str, int] = defaultdict(int)
        for f in aggs:
            for b in found[f]["buckets"]:
                freq[b["key"]] += b["doc_count"]
        return dict(freq)

    def unit_provinces(self) -> dict[str, str]:
        """Each unit's most common province (cached per build)."""
        def ask():
            aggs = {"u": {"terms": {"field": "unit", "size": 10000},
                          "aggs": {"p": {"terms": {"field": "province", "size": 1}}}}}
            found = self.handle.search({"size": 0, "aggs": aggs})["aggregations"]["u"]["buckets"]
            return {b["key"]: b["p"]["buckets"][0]["key"] for b in found if b["p"]["buckets"]}
        return self.memo("provinces", ask)

    # --- one document ----------------------------------------------------
    def stored(self, doc_id: str) -> dict | None:
        body = {"query": {"term": {"id": doc_id}}, "size": 1}
        hits = self.handle.search(body)["hits"]["hits"]
        return hits[0]["_source"] if hits else None

    def owners(self, keys: list[str]) -> dict[str, str]:
        """key -> id of the archive document whose own key it is (the first by id)."""
        keys = sorted({k for k in keys if k})
        if not keys:
            return {}
        body = {"query": {"terms": {"key": keys}}, "size": min(WINDOW, len(keys) * 5), "_source": ["id", "key"],
                "sort": [{"id": "asc"}]}
        out: dict[str, str] = {}
        for hit in self.handle.search(body)["hits"]["hits"]:
            out.setdefault(hit["_source"]["key"], hit["_source"]["id"])
        return out

    def chunks(self, doc_id: str, numbers: range) -> list[dict]:
        return texts.chunk_records(self.handle, doc_id, numbers)

    def best_chunks(self, hits: list[dict], terms: set[str]) -> list[tuple[int, dict]]:
        chosen = texts.best_chunks(self.handle, [f["id"] for f in hits], terms)
        return [chosen.get(f["id"], (0, {})) for f in hits]

    def word_counts(self, doc_id: str, stored: dict, words, per: int) -> list[list[int]]:
        count = -(-len(stored.get("chunks") or [0]) // per)
        return texts.word_counts(self.handle, doc_id, words, count, per)

    def details(self, doc_id: str, most: int) -> tuple[list[dict], int]:
        return texts.details(self.handle, doc_id, most)

    def citing(self, key: str, start: int, size: int) -> tuple[list[dict], int]:
        start = min(start, WINDOW)
        body = {"query": {"bool": {"filter": [{"term": {"cites": key}}]}}, "from": start,
                "size": max(0, min(size, WINDOW - start)), "_source": _LISTED, "track_total_hits": True,
                "sort": [{"has_date": "desc"}, {"date": "desc"}, {"id": "desc"}]}
        found = self.handle.search(body)["hits"]
        return [h["_source"] for h in found["hits"]], found["total"]["value"]

    def mentions(self, ids: list[str], key: str) -> dict[str, dict]:
        return texts.mentions(self.handle, ids, key)

    # --- the lexicon -----------------------------------------------------
    def term_stats(self, view: str, terms: list[str]) -> dict[str, tuple[int, int]]:
        return self.handle.term_counts(view, terms)
