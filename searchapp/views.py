"""HTML pages: home, search, document (and its original file), decision."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, redirect, render_template, request, send_file, url_for

from . import docpage, navigation
from .accounts import reader
from .browse import home_data
from .errors import not_found
from .facets import toggle_url, chips, facet_views, with_args
from .marks import document_html
from .pager import pager
from .params import PER_PAGE_CHOICES, back_args, page_arg, search_request, section_arg
from .resources import service

bp = Blueprint("views", __name__)

SORT_LABELS = {"relevance": "Liên quan nhất", "newest": "Mới nhất", "oldest": "Cũ nhất"}
OCR_VIEW = "ocr"  # ?view=ocr: the OCR text of a restored document instead of its reading


@bp.get("/")
def home():
    return render_template("home.html", **home_data(service(), reader()))


@bp.get("/search")
def search():
    req = search_request(request.args, current_app.config["MAX_PER_PAGE"], current_app.config["MAX_PAGE"])
    result = service().search(req)
    args = list(request.args.items(multi=True))
    narrowed = any(k != "q" and v for k, v in args if k not in ("sort", "per_page", "go"))
    if result.target and not narrowed and request.args.get("go", "1") != "0":
        # A query that is just a số ký hiệu goes straight to its document, or
        # to the page of the decision when only citations of it are archived.
        # The page it lands on says so and links to the full-text results (go=0).
        kind, target = result.target
        via = {navigation.VIA: navigation.VIA_NUMBER}
        if kind == "document":
            return redirect(url_for("views.document", doc_id=target, q=req.q, **via))
        return redirect(url_for("views.decision", key=target, q=req.q, **via))
    hint = service().did_you_mean(req, result.strict_total) if result.page == 1 else None
    doc_url = lambda hit: url_for("views.document", doc_id=hit.id, q=req.q, back=with_args("", args)[1:])  # noqa: E731
    return render_template(
        "search.html",
        result=result,
        req=req,
        facets=facet_views("/search", args, result.facets),
        # The switch hiding documents no longer in force (search.standing), shown with the validity facet.
        in_force=req.in_force, in_force_url=toggle_url("/search", args, "in_force", "1"),
        chips=chips("/search", args, result.selection, result.facets),
        pager=pager(result.page, result.pages, lambda n: with_args("/search", args, page=str(n)), args,
                    current_app.config["MAX_PAGE"]),
        per_page_choices=PER_PAGE_CHOICES,
        doc_url=doc_url,
        number_links=lambda hit: navigation.number_links(hit, doc_url(hit)),
        candidates=navigation.candidates(result.candidates, req.q),
        # "trang 3": the document page's section holding that page, scrolled to it.
        hit_page_url=lambda hit: url_for("views.document", doc_id=hit.id, q=req.q, back=with_args("", args)[1:],
                                         part=str(hit.section), _anchor=f"trang-{hit.page}"),
        suggestion=hint,
        suggestion_url=with_args("/search", args, drop=("page",), q=hint.text) if hint else "",
        unfiltered_url=with_args("/search", [(k, v) for k, v in args if k in ("q", "sort")]) if narrowed else "",
        unaccented=result.unaccented_total,
        unaccented_url=with_args("/search", args, drop=("page",), q=result.unaccented) if result.unaccented else "",
        sort_labels=SORT_LABELS,
        export_args=with_args("", args, drop=("page", "per_page", "go")),
    )


@bp.get("/documents/<path:doc_id>")
def document(doc_id: str):
    if doc_id.endswith("/original"):
        return original(doc_id[: -len("/original")])
    q = request.args.get("q", "")[:2000]
    # A document this reader may not read is None, as an unknown id: the same 404.
    doc = service().document(doc_id, q, section_arg(request.args), reader=reader())
    if doc is None:
        raise not_found(f"Không có văn bản với mã {doc_id!r} trong kho.", "document_not_found")
    # An OCR'd document shows its restored reading unless ?view=ocr asks for the scan's text.
    reading = doc.restored and request.args.get("view") != OCR_VIEW
    shown_html = document_html(doc, reading)
    args = list(request.args.items(multi=True))
    here = url_for("views.document", doc_id=doc_id)
    return render_template(
        "document.html",
        doc=doc,
        q=q,
        reading=reading,
        shown_html=shown_html,
        view_urls={"restored": with_args(here, args, drop=("view",)), "ocr": with_args(here, args, view=OCR_VIEW),
                   "forms": with_args(here, args, **{docpage.OCR_FORMS: "1"}),
                   "no_forms": with_args(here, args, drop=(docpage.OCR_FORMS,))},
        ocr_forms=reading and request.args.get(docpage.OCR_FORMS) == "1",
        citations=docpage.citations_once(doc.citations),
        part_url=lambda n: with_args(here, args, part=str(n)),
        hits_before=_section_with_hits(doc, -1),
        hits_after=_section_with_hits(doc, 1),
        page_link=lambda n: with_args(here, args, part=str(doc.page_sections[n - 1])) + f"#trang-{n}",
        back_url=navigation.back_url(back_args(request.args.get("back", "")), q),
        lookup=navigation.lookup(request.args, doc.type_name or doc.type, doc.number),
        similar=service().similar(doc_id, reader=reader()),
        original_url=url_for("views.document", doc_id=doc_id + "/original") if _source_file(doc.path) else "",
    )


def _section_with_hits(doc, step: int) -> int | None:
    """The nearest section before (step -1) or after (+1) the one shown that has matches."""
    n = doc.section + step
    while 1 <= n <= len(doc.section_matches):
        if doc.section_matches[n - 1]:
            return n
        n += step
    return None


def _source_file(rel: str) -> Path | None:
    """The original file of a document, only if it lies inside SOURCE_DIR."""
    root = current_app.config.get("SOURCE_DIR")
    if not root or not rel:
        return None
    base = Path(root).resolve()
    path = (base / rel).resolve()
    if not path.is_relative_to(base) or not path.is_file():
        return None
    return path


def original(doc_id: str):
    """Download the indexed file as it is on disk; the path is the stored one, never the URL's."""
    rel = service().source_path(doc_id, reader=reader())
    path = _source_file(rel) if rel else None
    if path is None:
        raise not_found(f"Không có tệp gốc của văn bản {doc_id!r}.", "original_not_found")
    return send_file(path, as_attachment=True, download_name=path.name)


@bp.get("/decisions/<key>")
def decision(key: str):
    found = service().decision(key, page_arg(request.args), reader=reader())
    if found is None:
        raise not_found(f"Không có văn bản nào trong kho trích dẫn hay mang số {key!r}.", "decision_not_found")
    args = list(request.args.items(multi=True))
    here = url_for("views.decision", key=key)
    return render_template("decision.html", decision=found, page_url=lambda n: with_args(here, args, page=str(n)),
                           q=request.args.get("q", "")[:2000],
                           lookup=navigation.lookup(request.args, found.kind, found.number or found.key))
