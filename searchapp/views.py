"""HTML pages: home, search, document, decision."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from indexer import lookup

from .facets import chips, facet_views
from .params import search_request
from .resources import service

bp = Blueprint("views", __name__)


@bp.get("/")
def home():
    return render_template("home.html")


@bp.get("/search")
def search():
    req = search_request(request.args, current_app.config["MAX_PER_PAGE"], current_app.config["MAX_PAGE"])
    result = service().search(req)
    if result.number and result.total == 1 and request.args.get("go", "1") != "0" and result.page == 1:
        # A query that is just a số ký hiệu goes straight to its document.
        return redirect(url_for("views.document", doc_id=result.hits[0].id, q=req.q))
    args = list(request.args.items(multi=True))
    return render_template(
        "search.html",
        result=result,
        req=req,
        facets=facet_views("/search", args, result.facets),
        chips=chips("/search", args, result.selection, result.facets),
        page_url=lambda n: "/search?" + _with_page(args, n),
    )


def _with_page(args, n: int) -> str:
    from urllib.parse import urlencode

    return urlencode([(k, v) for k, v in args if k != "page"] + [("page", str(n))])


@bp.get("/documents/<path:doc_id>")
def document(doc_id: str):
    q = request.args.get("q", "")[:2000]
    doc = lookup.document(service().handle, doc_id, q)
    if doc is None:
        abort(404, description=f"Không có văn bản với mã {doc_id!r} trong chỉ mục.")
    return render_template("document.html", doc=doc, q=q)


@bp.get("/decisions/<key>")
def decision(key: str):
    found = lookup.decision(service().handle, key)
    if found is None:
        abort(404, description=f"Không có văn bản nào trích dẫn {key!r}.")
    return render_template("decision.html", decision=found)
