"""Search: the one door the web uses, and the engines behind it.

``open_service`` returns a ``SearchService`` (see ``service``) for the
configured engine; its answers are the plain records of ``service``.  The
engine-neutral parts live here: ``parse`` (query text -> ParsedQuery),
``plan`` (which words earn a together-bonus), ``terms`` and ``highlight``
(marks and snippets on stored text).  Each engine is a subpackage
(``whoosh``, ``opensearch``) implementing the protocol.

May import: analysis, legal, the index's schema, store and fingerprint
(to read what a build wrote).  Never: extraction, the build, the web.
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

BACKENDS = ("whoosh", "opensearch")

__all__ = [
    "BACKENDS", "EXPORT_FIELDS", "FACETS", "MISSING", "SORTS", "Completion", "DecisionPage", "DocumentPage",
    "DocumentSummary", "EngineUnavailableError", "FacetCount", "Hit", "IndexDamagedError", "IndexerError",
    "IndexMismatchError", "IndexMissingError", "IndexStatus", "IndexUnavailableError", "SearchRequest",
    "SearchResult", "SearchService", "SearchSettings", "Suggestion", "open_service",
]


def open_service(backend: str = "whoosh", *, index_dir=None, settings: SearchSettings | None = None,
                 url: str | None = None, index: str | None = None, **options) -> SearchService:
    """The search service of one engine: ``whoosh`` over ``index_dir``, or
    ``opensearch`` over the alias ``index`` of the cluster at ``url`` (nodes
    separated by commas).  Nothing is contacted until the first request."""
    if backend == "opensearch":
        from indexer.index.opensearch.client import DEFAULT_INDEX, DEFAULT_URL
        from indexer.search.opensearch.service import OpenSearchService

        return OpenSearchService(url or DEFAULT_URL, index or DEFAULT_INDEX, settings)
    if backend == "whoosh":
        if index_dir is None:
            raise ValueError("the whoosh backend needs index_dir")
        from indexer.search.whoosh.service import WhooshSearchService

        return WhooshSearchService(index_dir, settings)
    raise ValueError(f"unknown search backend {backend!r} (known: {', '.join(BACKENDS)})")
