"""The index handle of this process, and the per-request view of it.

One SearchService (holding an IndexHandle) lives for the whole worker process:
opening a searcher and building facet arrays per request would cost more than
the query.  The handle refreshes itself when a build commits.
"""

from __future__ import annotations

from flask import Flask, current_app, g

from indexer.search.whoosh.engine import SearchService


def init_app(app: Flask) -> None:
    app.extensions["vdoc_service"] = SearchService(app.config["INDEX_DIR"])

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
