"""What the search pipeline asks of an engine, and the plain records it gets back.

An engine adapter (``search.whoosh.engine``, ``search.opensearch.engine``)
holds only what is the engine's: compiling ``search.query`` nodes into its
query objects, matching and counting, ranking with ``search.rules``,
reading stored fields and chunk records.  Every product rule — how a query
is read, what it matches, when it is relaxed, how hits, facets, snippets and
pages are assembled — lives in the engine-neutral modules that call it
(``search.pipeline``, ``pages``, ``suggest``, ``similar``, ``facets``).
A third engine implements this protocol and nothing else.
"""

from __future__ import annotations

import functools
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Protocol

from indexer.analysis.analyzer import Analyzer
from indexer.search.query import Node
from indexer.search.service import IndexStatus


# One question of the service (a search, a document page, its list of similar documents):
# what an engine checks once per question rather than on every read of it (Whoosh: that
# the index's files are still the ones committed) is keyed by it.  Outside any (None),
# it is checked on every read.
_QUESTION: ContextVar[object | None] = ContextVar("question", default=None)


def question() -> object | None:
    """The question being answered now (an opaque token), or None."""
    return _QUESTION.get()


def one_question(fn):
    """``fn`` answers one question: its reads, and those of what it calls, share a token
    (the outermost call makes it)."""
    @functools.wraps(fn)
    def asked(*args, **kwargs):
        if _QUESTION.get() is not None:
            return fn(*args, **kwargs)
        token = _QUESTION.set(object())
        try:
            return fn(*args, **kwargs)
        finally:
            _QUESTION.reset(token)
    return asked


@dataclass
class Ask:
    """One listing: what matches, how it is narrowed, counted, ordered and cut."""

    query: Node
    filters: list[Node] = field(default_factory=list)  # every hit matches all of them
    # Facet selections (OR within a facet, AND across): hits obey all of them,
    # each facet's counts all but its own (disjunctive counts).
    selection: dict[str, list[str]] = field(default_factory=dict)
    facets: tuple[str, ...] = ()  # the facets to count
    facet_limit: int = 40  # values counted per facet (plus the selected ones)
    order: str = "relevance"  # "relevance", "newest", "oldest" (search.rules.by_date)
    # Relevance: the word groups that earn a bonus when found together
    # (search.plan), scored for the best ``depth`` candidates.
    groups: list = field(default_factory=list)
    depth: int = 200
    start: int = 0
    size: int = 10
    # Relaxed queries: the documents matching ``first`` (the strict query) come
    # first, each part in its own order.
    first: Node | None = None
    fields: tuple[str, ...] | None = None  # stored fields wanted (None: the hit's)
    deadline: float | None = None  # time.monotonic() past which matching and ranking stop


@dataclass
class Found:
    stored: dict
    score: float | None = None


@dataclass
class Answer:
    total: int
    hits: list[Found]
    counts: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    partial: bool = False  # the time limit cut matching or ranking short


class Engine(Protocol):
    """An index that can answer the pipeline.  Documents are dicts of their stored
    fields (``index.fields``); chunk records dicts of theirs (``index.chunks``)."""

    name: str

    @property
    def analyzer(self) -> Analyzer: ...

    def documents(self) -> int:
        """How many documents the index holds."""

    def memo(self, key, compute):
        """``compute()``, once per build of the index: kept under ``key`` (hashable) until a
        build changes what is served (what is derived from the whole archive, such as
        which documents still stand today, is not made again on every page)."""

    # --- listing ---------------------------------------------------------
    def run(self, ask: Ask) -> Answer: ...

    def count(self, query: Node) -> int:
        """How many documents match (no selection, no order)."""

    def counts(self, nodes: list[Node], cap: int) -> list[int]:
        """How many documents each query matches, counted no further than ``cap``
        (a weight for suggestions, not a result's count: an engine may estimate a
        phrase's count from part of its candidates, as Whoosh's adapter does)."""

    def facet_values(self, name: str) -> list[str]:
        """Every value of a facet field in the index (to resolve ``loai:``, ``nam:`` ...)."""

    def cite_labels(self, keys: list[str]) -> dict[str, str]:
        """The name each cited key goes by on pages and facets."""

    def cited_keys(self, number_term: str) -> dict[str, str]:
        """Every citation key cited under this folded số ký hiệu, with its label."""

    def number_terms(self, prefix: str, limit: int) -> dict[str, int]:
        """Folded số ký hiệu (own or cited) starting with ``prefix``, with how many
        documents have each (at least the ``limit`` most common)."""

    def keyword_terms(self, field: str, within: Node | None = None) -> list[str]:
        """Every term of a keyword field that a document of the index holds (its
        lexicon: ``relation_acts`` is every act of the archive, ``legal.relation_terms``);
        ``within``: that a document it matches holds (a reader's filter)."""

    def unit_provinces(self) -> dict[str, str]:
        """Each issuing unit's (most common) province."""

    # --- one document ----------------------------------------------------
    def stored(self, doc_id: str) -> dict | None: ...

    def owners(self, keys: list[str]) -> dict[str, str]:
        """key -> id of the archive document whose own key it is."""

    def chunks(self, doc_id: str, numbers: range) -> list[dict]:
        """Chunk records of one document, in order."""

    def best_chunks(self, hits: list[dict], words) -> list[tuple[int, dict]]:
        """For each hit (its stored fields), the chunk holding most of the query words
        (their (view, term) pairs; then most matches, then the first) and its record:
        what snippets are cut from."""

    def word_counts(self, doc_id: str, stored: dict, words, per: int) -> list[list[int]]:
        """How many times each query word (its (view, term) pairs, ``search.terms``)
        stands in each run of ``per`` chunks of a document."""

    def details(self, doc_id: str, most: int) -> tuple[list[dict], int]:
        """(the first ``most`` citations of a document, how many it has)."""

    def citing(self, key: str, start: int, size: int) -> tuple[list[dict], int]:
        """Documents citing ``key`` at [start, start + size) of their date order, newest
        first (search.rules.by_date), and how many there are."""

    def mentions(self, ids: list[str], key: str) -> dict[str, dict]:
        """doc id -> its first citation of ``key`` (with "mentions": how many times the
        document cites it), for each of ``ids`` citing it."""

    # --- the lexicon -----------------------------------------------------
    def term_stats(self, view: str, terms: list[str]) -> dict[str, tuple[int, int]]:
        """(document frequency, occurrences) of each term a view holds (others left out)."""

    def status(self) -> IndexStatus: ...

    def close(self) -> None: ...


class HandleEngine:
    """What both engines do the same way with their handle (the index or alias they hold)."""

    handle = None

    def status(self) -> IndexStatus:
        return self.handle.status()

    def close(self) -> None:
        self.handle.close()
