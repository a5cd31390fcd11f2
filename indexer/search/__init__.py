"""Search: the one door the web uses, and the engines behind it.

``open_service`` returns a ``SearchService`` (see ``service``): the
engine-neutral request pipeline (``pipeline``) over one engine adapter
(``engine.Engine``: ``whoosh`` or ``opensearch``, each a subpackage that
only matches, counts, ranks and reads).  Every product rule is written once,
in the neutral modules: ``parse`` (query text -> ParsedQuery), ``query`` (the
query tree and the rules of matching), ``rules`` (weights, BM25, relaxing,
date order, similar documents), ``plan`` (which words earn a together-bonus),
``facets``, ``pages``, ``similar``, ``suggest``, ``terms`` and ``highlight``
(marks and snippets on stored text), ``reading`` (an OCR'd text's restored
reading), ``paging``, and who may read what: ``access`` (the reader and the
rule) and ``readable`` (the engine as one reader sees it: every question the
pipeline asks carries the reader's filter).

May import: analysis, legal, the index's schema, store and fingerprint
(to read what a build wrote: its fields, weights and chunks).  Never: extraction, the build, the web.
"""

from __future__ import annotations

from indexer.errors import (  # the errors the web turns into pages
    EngineUnavailableError, IndexDamagedError, IndexerError, IndexMismatchError, IndexMissingError,
    IndexUnavailableError,
)
from indexer.search.service import (
    EXPORT_FIELDS, FACETS, MISSING, SORTS, Completion, DecisionPage, DocumentPage, DocumentSummary, FacetCount, Hit,
    IndexStatus, SearchRequest, SearchResult, SearchService, Suggestion,
)
from indexer.search.settings import SearchSettings
# Validity and relation kinds as the web names them (domain data: legal.relations).
from indexer.legal.relations import kind_label as relation_label, validity_label
from indexer.legal.validity import VALUES as VALIDITIES

BACKENDS = ("whoosh", "opensearch")

__all__ = [
    "BACKENDS", "EXPORT_FIELDS", "FACETS", "MISSING", "SORTS", "Completion", "DecisionPage", "DocumentPage",
    "DocumentSummary", "EngineUnavailableError", "FacetCount", "Hit", "IndexDamagedError", "IndexerError",
    "IndexMismatchError", "IndexMissingError", "IndexStatus", "IndexUnavailableError", "SearchRequest",
    "SearchResult", "SearchService", "SearchSettings", "Suggestion", "VALIDITIES", "open_service", "relation_label",
    "validity_label",
]


def open_service(backend: str = "whoosh", *, index_dir=None, settings: SearchSettings | None = None,
                 url: str | None = None, index: str | None = None, **options) -> SearchService:
    """The search service of one engine: ``whoosh`` over ``index_dir``, or
    ``opensearch`` over the alias ``index`` of the cluster at ``url`` (nodes
    separated by commas).  Nothing is contacted until the first request."""
    if backend == "opensearch":
        from indexer.index.opensearch.client import DEFAULT_INDEX, DEFAULT_URL
        from indexer.search.opensearch.engine import OpenSearchEngine

        engine = OpenSearchEngine(url or DEFAULT_URL, index or DEFAULT_INDEX, settings)
    elif backend == "whoosh":
        if index_dir is None:
            raise ValueError("the whoosh backend needs index_dir")
        from indexer.search.whoosh.engine import WhooshEngine

        engine = WhooshEngine(index_dir, settings)
    else:
        raise ValueError(f"unknown search backend {backend!r} (known: {', '.join(BACKENDS)})")
    from indexer.search.pipeline import SearchPipeline

    return SearchPipeline(engine, settings)
