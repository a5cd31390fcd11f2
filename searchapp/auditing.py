"""What the audit log records of the pages, recorded after they answered.

One hook for every page and API answer, keyed by endpoint, so the views
stay as they are: searches (query and filters), document views, original
downloads, exports.  Only answers that gave something count (2xx, and the
redirect of a số ký hiệu query); a 404 of an unknown id is not a view.
"""

from __future__ import annotations

from flask import Flask, request

from .accounts import actor, address, store

ACTIONS = {
    "views.search": "search", "api.search": "search",
    "views.document": "document.view", "api.document": "document.view",
    "export.export_csv": "export", "export.export_json": "export",
}
SEARCH_ARGS = ("q", "year", "type", "unit", "province", "cites", "date_from", "date_to", "sort", "page")


def _what() -> tuple[str, str | None, dict] | None:
    action = ACTIONS.get(request.endpoint or "")
    if action is None:
        return None
    if action == "document.view":
        doc_id = (request.view_args or {}).get("doc_id", "")
        if doc_id.endswith("/original"):
            return "document.original", doc_id[: -len("/original")], {}
        return action, doc_id, {}
    args = {k: request.args.getlist(k) if k not in ("q", "sort", "page", "date_from", "date_to") else request.args[k]
            for k in SEARCH_ARGS if request.args.get(k)}
    if action == "export":
        args["format"] = request.endpoint.rsplit("_", 1)[1]
    return action, None, args


def init_app(app: Flask) -> None:
    @app.after_request
    def audit(response):
        if not (200 <= response.status_code < 300 or (response.status_code == 302 and request.endpoint == "views.search")):
            return response
        what = _what()
        if what is not None:
            action, document, detail = what
            store().record(action, actor(), address(), document, detail)
        return response
