"""The JSON API: the same data as the pages, under /api/."""

from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, current_app, jsonify, request

from .errors import not_found
from .params import page_arg, search_request, section_arg
from .accounts import reader
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
        "uncertain_total": result.uncertain_total,
        "partial": result.partial,
        "in_force": req.in_force,  # documents no longer in force hidden (search.standing)
        "elapsed_ms": result.elapsed_ms,
        "hits": [hit.to_dict() for hit in result.hits],
        # A query that is only a số ký hiệu: where it leads, else what it may mean.
        "number": result.number,
        "target": list(result.target) if result.target else None,
        "candidates": [asdict(c) for c in result.candidates],
        "candidates_total": result.candidates_total,
        "candidates_match": result.candidates_match,
        "unaccented": result.unaccented,
        "unaccented_total": result.unaccented_total,
        "facets": {
            name: [asdict(c) for c in counts]
            for name, counts in result.facets.items()
        },
    })


@bp.get("/documents/<path:doc_id>")
def document(doc_id: str):
    doc = service().document(doc_id, request.args.get("q", "")[:2000], section_arg(request.args), reader=reader())
    if doc is None:
        raise not_found(f"Không có văn bản với mã {doc_id!r} trong kho.", "document_not_found")
    return jsonify(doc.to_dict())


@bp.get("/decisions/<key>")
def decision(key: str):
    found = service().decision(key, page_arg(request.args), reader=reader())
    if found is None:
        raise not_found(f"Không có văn bản nào trong kho trích dẫn hay mang số {key!r}.", "decision_not_found")
    return jsonify(found.to_dict())


@bp.get("/suggest")
def suggest():
    """Autocomplete: [{"kind": "term"|"number", "value": the whole completed query}]."""
    q = request.args.get("q", "")[:200]
    return jsonify({"query": q, "suggestions": [c.to_dict() for c in service().complete(q, reader=reader())]})
