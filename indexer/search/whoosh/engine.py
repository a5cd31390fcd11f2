"""The Whoosh engine: an index folder answering the search pipeline (``search.engine``).

Matching is set algebra over postings arrays (``postings``), facets are
counted over per-document columns (``facets``), ranking is BM25 and the
proximity bonus over numpy (``ranking``, ``proximity``), texts are read a
chunk at a time (``texts``).  Every rule of what to ask and how to show it
is the pipeline's; this class only knows where Whoosh keeps things.
"""

from __future__ import annotations

import functools
import time
import weakref

import numpy as np
from whoosh import query as Q

from indexer.analysis.analyzer import Analyzer
from indexer.search import rules
from indexer.search.engine import Answer, Ask, Found, HandleEngine
from indexer.search.settings import SearchSettings
from indexer.search.whoosh.compile import compile_node
from indexer.search.whoosh.facets import facet_counts
from indexer.search.whoosh.handle import IndexHandle
from indexer.search.whoosh.postings import EMPTY_IDS, match_ids, phrase_count, phrase_slots, term_postings
from indexer.search.whoosh.ranking import rank
from indexer.search.whoosh.texts import best_chunks, chunk_record, details, word_counts

# What is derived once per build, per facet table (one per generation of the index:
# dropped with it).
_memos: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
NO_DEADLINE = float("inf")
# Number terms listed for one completion prefix at most (a prefix of one digit
# has thousands).
MAX_NUMBER_TERMS = 2000


def _reads_checked(cls):
    """Every public method: a failed read of the index is damage (a 503 naming the
    build to run) when the files are not what the commit wrote, else the error it was."""
    def guard(fn):
        @functools.wraps(fn)
        def method(self, *args, **kwargs):
            try:
                return fn(self, *args, **kwargs)
            except Exception as exc:
                self.handle.read_failed(exc)  # raises IndexDamagedError on damage
                raise
        return method

    for name, fn in list(vars(cls).items()):
        if not name.startswith("_") and callable(fn):
            setattr(cls, name, guard(fn))
    return cls


@_reads_checked
class WhooshEngine(HandleEngine):
    name = "whoosh"

    def __init__(self, index_dir, settings: SearchSettings | None = None):
        self.handle = IndexHandle(index_dir, settings)

    @property
    def analyzer(self) -> Analyzer:
        return self.handle.analyzer

    def documents(self) -> int:
        return int(len(self.handle.current(files=True)[1].live))

    def memo(self, key, compute):
        return self._memo(self.handle.current()[1], key, compute)

    @staticmethod
    def _memo(table, key, compute):
        memos = _memos.setdefault(table, {})
        if key not in memos:
            memos[key] = compute()
        return memos[key]

    def _date_ranks(self, table, newest: bool) -> np.ndarray:
        """Each document's place in the archive's date order (``rules.by_date``), once per
        build: a date-ordered listing sorts its matches by it (sorting the whole archive's
        rows in Python cost the home page, an empty query, 25 ms at 10,000 documents)."""
        def compute():
            rows = [(table.dates[d], table.ids[d], d) for d in range(table.size)]
            ranks = np.empty(table.size, dtype=np.int64)
            ranks[np.asarray(rules.by_date(rows, newest), dtype=np.int64)] = np.arange(table.size, dtype=np.int64)
            return ranks
        return self._memo(table, ("date order", newest), compute)

    # --- listing ---------------------------------------------------------
    def _matching(self, searcher, table, node, deadline: float) -> np.ndarray:
        return match_ids(searcher, compile_node(node), table.live, table.postings, deadline)

    def run(self, ask: Ask) -> Answer:
        searcher, table = self.handle.current(files=True)  # once per listing: are its files the commit's?
        deadline = ask.deadline if ask.deadline is not None else NO_DEADLINE
        docnums = self._matching(searcher, table, ask.query, deadline)
        for node in ask.filters:
            if not len(docnums):
                break
            docnums = np.intersect1d(docnums, self._matching(searcher, table, node, deadline), assume_unique=True)
        partial = time.monotonic() > deadline
        counts, final = facet_counts(table, docnums, ask.selection, ask.facets, ask.facet_limit)
        stop = min(ask.start + ask.size, len(final))
        ranked = self._order(searcher, table, ask, final, stop, deadline)[ask.start:stop] if ask.start < stop else []
        hits = [Found(_fields(searcher.stored_fields(d), ask.fields), score) for d, score in ranked]
        return Answer(int(len(final)), hits, counts, partial)

    def _order(self, searcher, table, ask: Ask, final: np.ndarray, stop: int, deadline: float) -> list[tuple[int, float | None]]:
        """The first ``stop`` (docnum, score) of ``final`` in the asked order."""
        if ask.order != "relevance":
            ranks = self._date_ranks(table, ask.order == "newest")[final]
            first = np.argpartition(ranks, stop - 1)[:stop] if stop < len(final) else np.arange(len(final))
            return [(int(d), None) for d in final[first[np.argsort(ranks[first])]]]
        q = compile_node(ask.query)
        if ask.first is None:
            return rank(searcher, table, q, ask.groups, final, stop, ask.depth, deadline)
        strict = np.intersect1d(final, self._matching(searcher, table, ask.first, deadline), assume_unique=True)
        first = rank(searcher, table, compile_node(ask.first), ask.groups, strict, stop, ask.depth, deadline)
        rest = np.setdiff1d(final, strict, assume_unique=True)
        return first + rank(searcher, table, q, ask.groups, rest, stop - len(first), ask.depth, deadline)

    def count(self, node) -> int:
        searcher, table = self.handle.current()
        return int(len(self._matching(searcher, table, node, NO_DEADLINE)))

    def counts(self, nodes: list, cap: int) -> list[int]:
        searcher, table = self.handle.current()
        return [self._bounded(searcher, table, compile_node(node), cap) for node in nodes]

    @staticmethod
    def _bounded(searcher, table, q, cap: int) -> int:
        """A phrase, alone or with conditions (a reader's filter), is counted by
        ``phrase_count`` among the documents the conditions allow; anything else
        exactly.  Kept for the reader's generation: did-you-mean asks the same
        pairs again on the next page of the same query, and at each facet click."""
        key = ("count", q, cap)
        if (kept := table.postings.get(key)) is not None:
            return int(kept[0][0])
        found = WhooshEngine._count_bounded(searcher, table, q, cap)
        table.postings.put(key, (np.array([found], dtype=np.int64),))
        return found

    @staticmethod
    def _count_bounded(searcher, table, q, cap: int) -> int:
        rest = list(q.subqueries) if isinstance(q, Q.And) else [q]
        phrases = [p for p in rest if phrase_slots(p)]
        if len(phrases) != 1:
            return min(cap, int(len(match_ids(searcher, q, table.live, table.postings))))
        others = [p for p in rest if p is not phrases[0]]
        within = match_ids(searcher, Q.And(others), table.live, table.postings) if others else None
        return phrase_count(searcher, phrase_slots(phrases[0]), table.postings, cap, within=within)

    def facet_values(self, name: str) -> list[str]:
        return list(self.handle.current()[1].values[name])

    def cite_labels(self, keys: list[str]) -> dict[str, str]:
        labels = self.handle.current()[1].cite_labels
        return {k: labels.get(k, k) for k in keys}

    def cited_keys(self, number_term: str) -> dict[str, str]:
        searcher, table = self.handle.current()
        docnums = term_postings(searcher, "cited_numbers", number_term, table.postings)[0]
        keys = set()
        for d in docnums.tolist():
            keys.update(table.cite_idx[table.cite_ptr[d]:table.cite_ptr[d + 1]].tolist())
        values = table.values["cites"]
        return {values[k]: table.cite_labels.get(values[k], values[k]) for k in keys}

    def number_terms(self, prefix: str, limit: int) -> dict[str, int]:
        reader = self.handle.current()[0].reader()
        found: dict[str, int] = {}
        for field in ("numbers", "cited_numbers"):
            for n, term in enumerate(reader.expand_prefix(field, prefix)):
                if n >= MAX_NUMBER_TERMS:
                    break
                t = term.decode("utf-8") if isinstance(term, bytes) else term
                found[t] = found.get(t, 0) + reader.doc_frequency(field, t)
        return found

    def unit_provinces(self) -> dict[str, str]:
        """Each unit's most common province, computed once per build."""
        table = self.handle.current()[1]

        def compute():
            pairs = np.stack([table.codes["unit"], table.codes["province"]], axis=1) if table.size else np.zeros((0, 2), int)
            rows, counts = np.unique(pairs, axis=0, return_counts=True)
            found: dict[str, str] = {}
            for (u, p), _n in sorted(zip(rows.tolist(), counts.tolist()), key=lambda r: -r[1]):
                found.setdefault(table.values["unit"][u], table.values["province"][p])
            return found
        return self._memo(table, "provinces", compute)

    def keyword_terms(self, field: str, within=None) -> list[str]:
        """Every term of a keyword field that a live document (matching ``within``)
        holds (a deleted document's terms stay in Whoosh's lexicon until a merge),
        once per build and filter."""
        searcher, table = self.handle.current()

        def compute():
            docs = table.live if within is None else self._matching(searcher, table, within, NO_DEADLINE)
            terms = []
            for raw in searcher.lexicon(field):
                term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                found = term_postings(searcher, field, term)[0]
                if len(found) and len(np.intersect1d(found, docs, assume_unique=True)):
                    terms.append(term)
            return terms
        return self._memo(table, ("terms", field, within), compute)

    # --- one document ----------------------------------------------------
    def stored(self, doc_id: str) -> dict | None:
        searcher, _ = self.handle.current(files=True)
        docnum = searcher.document_number(id=doc_id)
        if docnum is None:
            self.handle.confirm_absent()  # a damaged lexicon loses ids: a 503, not a wrong 404
            return None
        return searcher.stored_fields(docnum)

    def owners(self, keys: list[str]) -> dict[str, str]:
        """key -> the first (by id) archive document whose own key it is."""
        searcher, table = self.handle.current()
        out = {}
        for key in dict.fromkeys(k for k in keys if k):
            ids = [table.ids[d] for d in term_postings(searcher, "key", key, table.postings)[0].tolist() if table.ids[d]]
            if ids:
                out[key] = min(ids)
        return out

    def chunks(self, doc_id: str, numbers: range) -> list[dict]:
        searcher, _ = self.handle.current()
        return [chunk_record(searcher, doc_id, n) for n in numbers]

    def best_chunks(self, hits: list[dict], terms: set[str]) -> list[tuple[int, dict]]:
        searcher, table = self.handle.current()
        # Whoosh keeps where each chunk starts in the positions view (``chunk_positions``)
        # with the document: the hit's listed fields lack it.
        docnums = [d for d in (searcher.document_number(id=f["id"]) for f in hits) if d is not None]
        full = [(d, searcher.stored_fields(d)) for d in docnums]
        chosen = {f["id"]: n for (_, f), n in zip(full, best_chunks(searcher, table, full, terms))}
        return [(chosen.get(f["id"], 0), chunk_record(searcher, f["id"], chosen.get(f["id"], 0))) for f in hits]

    def word_counts(self, doc_id: str, stored: dict, words, per: int) -> list[list[int]]:
        searcher, table = self.handle.current()
        count = len(stored.get("chunks") or [0])
        docnum = searcher.document_number(id=doc_id)
        if docnum is None or not words:
            return [[0] * len(words) for _ in range(0, count, per)]
        full = searcher.stored_fields(docnum)  # with where each chunk starts in the positions
        per_chunk = word_counts(searcher, table, docnum, full, words)
        return [[sum(c[k] for c in per_chunk[i:i + per]) for k in range(len(words))] for i in range(0, count, per)]

    def details(self, doc_id: str, most: int) -> tuple[list[dict], int]:
        searcher, _ = self.handle.current()
        found = details(searcher, doc_id).get("citations", [])
        return found[:most], len(found)

    def citing(self, key: str, start: int, size: int) -> tuple[list[dict], int]:
        searcher, table = self.handle.current()
        docnums = term_postings(searcher, "cites", key, table.postings)[0] if key else EMPTY_IDS
        rows = [(table.dates[d], table.ids[d], d) for d in docnums.tolist() if table.ids[d]]
        ordered = rules.by_date(rows, newest=True)
        return [searcher.stored_fields(d) for d in ordered[start:start + size]], len(ordered)

    def mentions(self, ids: list[str], key: str) -> dict[str, dict]:
        searcher, _ = self.handle.current()
        out = {}
        for doc_id in ids:
            said = [c for c in details(searcher, doc_id).get("citations", []) if c.get("key") == key]
            if said:
                out[doc_id] = {**said[0], "mentions": len(said)}
        return out

    # --- the lexicon -----------------------------------------------------
    def term_stats(self, view: str, terms: list[str]) -> dict[str, tuple[int, int]]:
        # Kept for the reader's generation, absent terms too: suggestions ask every
        # accented spelling of each typed syllable (hundreds a query, most absent),
        # and each lookup in Whoosh's term table reads the files.
        searcher, table = self.handle.current()
        reader, cache = searcher.reader(), table.postings
        out = {}
        for t in dict.fromkeys(terms):
            if not t:
                continue
            key = ("stats", view, t)
            if (kept := cache.get(key)) is None:
                df = reader.doc_frequency(view, t)
                kept = (np.array([df, reader.frequency(view, t) if df else 0], dtype=np.int64),)
                cache.put(key, kept)
            df, freq = kept[0].tolist()
            if df:
                out[t] = (df, freq)
        return out


def _fields(stored: dict, names) -> dict:
    return stored if names is None else {n: stored[n] for n in names if n in stored}
