"""The search service of this process, and the security headers of every answer.

One service lives for the whole worker process: opening a searcher and
building facet arrays per request would cost more than the query.  It
refreshes itself when a build commits.  The engine and its settings come
from the app's config: ``SEARCH_BACKEND`` ("whoosh" with ``INDEX_DIR``, or
"opensearch" with ``OPENSEARCH_URL`` and ``OPENSEARCH_INDEX``), ``TIME_LIMIT`` ...
"""

from __future__ import annotations

from flask import Flask, current_app, g

from indexer.search import SearchService, SearchSettings, open_service

# Config keys that tune the service, and the SearchSettings field each sets.
SETTINGS = {
    "TIME_LIMIT": "time_limit", "FACET_LIMIT": "facet_limit", "EXPORT_LIMIT": "export_limit",
    "RERANK_DEPTH": "rerank_depth", "REFRESH_SECONDS": "refresh_seconds",
    "POSTINGS_CACHE_MB": "postings_cache_mb", "VALIDITY_TODAY": "today",
}


def make_service(config) -> SearchService:
    settings = SearchSettings(**{field: config[key] for key, field in SETTINGS.items() if key in config})
    backend = config.get("SEARCH_BACKEND") or "whoosh"
    if backend == "opensearch":
        return open_service(backend, url=config.get("OPENSEARCH_URL"), index=config.get("OPENSEARCH_INDEX"),
                            settings=settings)
    return open_service(backend, index_dir=config.get("INDEX_DIR"), settings=settings)


def init_app(app: Flask) -> None:
    app.extensions["vdoc_service"] = make_service(app.config)

    @app.after_request
    def security_headers(response):
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response


def service() -> SearchService:
    """The search service for this request (the process-wide one)."""
    if "vdoc_service" not in g:
        g.vdoc_service = current_app.extensions["vdoc_service"]
    return g.vdoc_service
