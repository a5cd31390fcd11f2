"""An engine seen through one reader's filter: every question it answers carries it.

The pipeline hands the neutral modules (``pages``, ``similar``, ``suggest``,
``facets``) this engine instead of the raw one whenever the reader is not an
admin, so no path from a request to an answer can forget the filter: lists
and totals (``run``, ``count``, ``counts``) match the filter's node
(``access.read_node``) too; a document, its chunks and its citations exist
only when the reader may read it (``stored``: the same "not found" as an
unknown id); the citing lists, the archive copies of cited documents
(``owners``), the numbers offered for completion and the words behind
did-you-mean are counted again under the filter, so a word, a number or a
citation known only from documents the reader may not read is never
offered.  It is the filter, not each engine, that makes this true: the
engine adapters answer the nodes as they answer any other.
"""

from __future__ import annotations

from dataclasses import replace

from indexer.search import query
from indexer.search.engine import Answer, Ask
from indexer.search.query import Node

# Counting never needs more than this many documents per question (a df above
# it reads the same to every consumer: did-you-mean and completion rank by it).
COUNT_CAP = 1_000_000


class ReadableEngine:
    """``engine`` answering only with what ``node`` (a reader's filter) lets through."""

    def __init__(self, engine, node: Node):
        self.engine = engine
        self.node = node
        self.name = engine.name
        # The ids found readable: this engine lives for one request (the pipeline makes
        # one per call), whose page asks of the same document many times.
        self._readable: set[str] = set()

    def _within(self, node: Node) -> Node:
        return query.all_of([node, self.node])

    @property
    def analyzer(self):
        return self.engine.analyzer

    def documents(self) -> int:
        """How many documents the reader may read: counted once per build (``memo``; each
        similar list and did-you-mean asked it again, matching the filter anew)."""
        return self.memo("documents", lambda: self.engine.count(self.node))

    def memo(self, key, compute):
        """Kept per build and per filter: what one reader may know is not another's."""
        return self.engine.memo(("readable", self.node, key), compute)

    # --- listing ---------------------------------------------------------
    def run(self, ask: Ask) -> Answer:
        return self.engine.run(replace(ask, filters=[*ask.filters, self.node]))

    def count(self, node: Node) -> int:
        return self.engine.count(self._within(node))

    def counts(self, nodes: list[Node], cap: int) -> list[int]:
        return self.engine.counts([self._within(n) for n in nodes], cap)

    def facet_values(self, name: str) -> list[str]:
        """The values of a facet among readable documents (a typed ``don-vi:`` never
        resolves to a unit only restricted documents name)."""
        answer = self.run(Ask(query.EVERYTHING, facets=(name,), facet_limit=COUNT_CAP, size=0, fields=("id",)))
        return [value for value, n in answer.counts.get(name, []) if n]

    def cite_labels(self, keys: list[str]) -> dict[str, str]:
        return self.engine.cite_labels(keys)  # keys come from counts already filtered

    def cited_keys(self, number_term: str) -> dict[str, str]:
        found = self.engine.cited_keys(number_term)
        keys = list(found)
        readable = self.counts([query.Keyword("cites", k) for k in keys], 1) if keys else []
        return {k: found[k] for k, n in zip(keys, readable) if n}

    def number_terms(self, prefix: str, limit: int) -> dict[str, int]:
        found = list(self.engine.number_terms(prefix, limit))
        nodes = [query.any_of([query.Keyword("numbers", t), query.Keyword("cited_numbers", t)]) for t in found]
        return {t: n for t, n in zip(found, self.counts(nodes, COUNT_CAP) if found else []) if n}

    def keyword_terms(self, field: str, within: Node | None = None) -> list[str]:
        """The terms of a keyword field that a readable document holds (a relation
        act of a document the reader may not read neither decides nor names another's
        validity): one pass of the engine under the filter, cached as its lexicon is."""
        return self.engine.keyword_terms(field, self.node if within is None else self._within(within))

    def unit_provinces(self) -> dict[str, str]:
        return self.engine.unit_provinces()  # asked of units already listed under the filter

    # --- one document ----------------------------------------------------
    def _readable_ids(self, ids: list[str]) -> set[str]:
        ids = list(dict.fromkeys(i for i in ids if i))
        asked = [i for i in ids if i not in self._readable]
        if asked:
            found = self.run(Ask(query.any_of([query.Keyword("id", i) for i in asked]), order="newest",
                                 size=len(asked), fields=("id",)))
            self._readable.update(f.stored["id"] for f in found.hits)
        return {i for i in ids if i in self._readable}

    def _may_read(self, doc_id: str) -> bool:
        return bool(doc_id) and doc_id in self._readable_ids([doc_id])

    def stored(self, doc_id: str) -> dict | None:
        return self.engine.stored(doc_id) if self._may_read(doc_id) else None

    def owners(self, keys: list[str]) -> dict[str, str]:
        """key -> the first (by id) readable archive document whose own key it is."""
        found = self.engine.owners(keys)
        readable = self._readable_ids(list(found.values()))
        out = {k: i for k, i in found.items() if i in readable}
        for key in (k for k in found if k not in out):
            # Its first copy is not readable: another may be.
            others = self.run(Ask(query.Keyword("key", key), order="oldest", size=50, fields=("id",)))
            ids = [f.stored["id"] for f in others.hits]
            if ids:
                out[key] = min(ids)
        return out

    def chunks(self, doc_id: str, numbers: range) -> list[dict]:
        return self.engine.chunks(doc_id, numbers) if self._may_read(doc_id) else []

    def best_chunks(self, hits: list[dict], words) -> list[tuple[int, dict]]:
        return self.engine.best_chunks(hits, words)  # hits of a filtered run

    def word_counts(self, doc_id: str, stored: dict, words, per: int) -> list[list[int]]:
        return self.engine.word_counts(doc_id, stored, words, per)  # stored: of a readable document

    def details(self, doc_id: str, most: int) -> tuple[list[dict], int]:
        return self.engine.details(doc_id, most) if self._may_read(doc_id) else ([], 0)

    def citing(self, key: str, start: int, size: int) -> tuple[list[dict], int]:
        if not key:
            return [], 0
        answer = self.run(Ask(query.Keyword("cites", key), order="newest", start=start, size=size,
                              fields=None))  # what each engine's own citing gives
        return [f.stored for f in answer.hits], answer.total

    def mentions(self, ids: list[str], key: str) -> dict[str, dict]:
        readable = self._readable_ids(ids)
        return self.engine.mentions([i for i in ids if i in readable], key)

    # --- the lexicon -----------------------------------------------------
    def term_stats(self, view: str, terms: list[str]) -> dict[str, tuple[int, int]]:
        """(documents, occurrences) of each term among readable documents; the
        occurrences are the archive's scaled to them (no engine counts them per filter)."""
        found = self.engine.term_stats(view, terms)
        words = list(found)
        if not words:
            return {}
        if self.documents() == self.engine.documents():
            # The filter lets every document through (nothing restricted, or nothing
            # this reader may not read): the archive's figures are the reader's, and
            # counting each term again under the filter read its whole postings.
            return found
        dfs = self.counts([query.Term(view, t) for t in words], COUNT_CAP)
        out = {}
        for t, df in zip(words, dfs):
            if df:
                all_df, occurrences = found[t]
                out[t] = (df, max(df, round(occurrences * df / max(all_df, 1))))
        return out

    def status(self):
        return self.engine.status()

    def close(self) -> None:
        self.engine.close()
