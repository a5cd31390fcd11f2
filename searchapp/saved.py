"""Saved searches (/saved) and their Atom feeds (/feeds/<token>.atom).

A signed-in reader saves the search on screen with a name; its list runs
each again and shows its private feed URL, which a feed reader or mail
client polls without a session (the token is the key: keep it private).
The feed is built on the search service (``indexer.accounts.feed``) and
runs as its owner's reader: it lists only what the owner may read.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.datastructures import MultiDict

from indexer.accounts import AccountError, FeedUnavailable, baseline, feed, saved_request

from .accounts import address, store
from .forms import ButtonForm, SaveSearchForm
from .params import search_request
from .resources import service

bp = Blueprint("saved", __name__)


def search_url(found) -> str:
    args = [("q", found.q)] + [(k, v) for k, vs in found.filters.items() for v in vs]
    args += [(k, v) for k, v in (("sort", found.sort), ("date_from", found.date_from), ("date_to", found.date_to))
             if v and not (k == "sort" and v == "relevance")]
    return "/search?" + urlencode(args)


@bp.get("/saved")
@login_required
def saved_list():
    found = store().saved_searches(current_user.name)
    return render_template("saved.html", saved=found, search_url=search_url, delete_form=ButtonForm(),
                           feed_url=lambda s: url_for("saved.feed_of", token=s.feed_token, _external=True))


@bp.post("/saved")
@login_required
def save():
    form = SaveSearchForm()
    if not form.validate_on_submit():
        abort(400, description="Cần đặt tên cho tìm kiếm (tối đa 200 ký tự).")
    args = MultiDict(parse_qsl((form.query.data or "")[:8000], keep_blank_values=False))
    req = search_request(args, current_app.config["MAX_PER_PAGE"], current_app.config["MAX_PAGE"])
    query = {"q": req.q, "filters": req.filters, "sort": req.sort, "date_from": req.date_from, "date_to": req.date_to}
    try:
        store().save_search(current_user.name, form.name.data, query, baseline(service(), req), address())
    except AccountError as exc:
        abort(400, description=str(exc))
    return redirect(url_for("saved.saved_list"))


@bp.post("/saved/<int:saved_id>/delete")
@login_required
def delete(saved_id: int):
    if not ButtonForm().validate_on_submit():
        abort(400, description="Biểu mẫu không hợp lệ.")
    if not store().delete_saved(current_user.name, saved_id, address()):
        abort(404, description="Không có tìm kiếm đã lưu này.")
    return redirect(url_for("saved.saved_list"))


@bp.get("/feeds/<token>.atom")
def feed_of(token: str):
    try:
        found = feed(store(), service(), token)
    except FeedUnavailable as exc:
        abort(503, description=f"Nguồn tin này chưa dùng được: {exc}.")
    if found is None:
        abort(404, description="Không có nguồn tin này.")
    saved, owner, entries = found
    store().record("feed.read", owner.name, address(), detail={"saved": saved.name})
    body = render_template("feed.xml", saved=saved, entries=entries, search_url=search_url(saved),
                           self_url=request.base_url)
    return Response(body, mimetype="application/atom+xml")
