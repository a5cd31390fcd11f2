"""The JSON API: the same data as the pages, under /api/."""

from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, abort, current_app, jsonify, request

from indexer.search.whoosh import pages as lookup

from indexer.search.whoosh import suggest

from .facets import value_label
from .params import search_request
from .resources import service

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search():
    req = search_request(request.args, current_app.config["MAX_PER_PAGE"], current_app.config["MAX_PAGE"])
    result = service().search(req)
    return jsonify({
        "query": result.query,
        "read_as": result.read_as,
        "notes": result.notes,
        "total": result.total,
        "page": result.page,
        "per_page": result.per_page,
        "pages": result.pages,
        "sort": result.sort,
        "relaxed": result.relaxed,
        "strict_total": result.strict_total,
        "partial": result.partial,
        "elapsed_ms": result.elapsed_ms,
        "hits": [hit.to_dict() for hit in result.hits],
        "facets": {
            name: [dict(asdict(c), label=value_label(name, c.value, c.label)) for c in counts]
            for name, counts in result.facets.items()
        },
    })


@bp.get("/documents/<path:doc_id>")
def document(doc_id: str):
    doc = lookup.document(service().handle, doc_id, request.args.get("q", "")[:2000])
    if doc is None:
        abort(404, description=f"no document with id {doc_id!r}")
    doc.pop("text_html", None)
    return jsonify(doc)


@bp.get("/decisions/<key>")
def decision(key: str):
    found = lookup.decision(service().handle, key)
    if found is None:
        abort(404, description=f"no document cites {key!r}")
    return jsonify(found)


@bp.get("/suggest")
def suggest_():
    """Autocomplete: [{"kind": "term"|"number", "value": the whole completed query}]."""
    q = request.args.get("q", "")[:200]
    return jsonify({"query": q, "suggestions": suggest.complete(service().handle, q)})
