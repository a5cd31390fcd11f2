"""Admin pages: accounts (list, add, edit), folder policies, the audit log (filter, CSV)."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, time, timedelta, timezone
from functools import wraps

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_login import current_user

from indexer.accounts import AUDIT_ACTIONS, AccountError, AuditQuery

from .accounts import address, login_manager, store
from .facets import with_args
from .forms import CLEARANCES, ROLES, AccountForm
from .params import BadRequest, page_arg

bp = Blueprint("admin", __name__, url_prefix="/admin")
PER_PAGE = 50
ACTION_LABELS = AUDIT_ACTIONS


def admin_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.admin:
            abort(403, description="Chỉ quản trị viên được xem trang này.")
        return view(*args, **kwargs)

    return wrapped


def _changes(form: AccountForm) -> dict:
    return {"role": form.role.data, "clearance": form.clearance.data or None, "groups": form.groups.data or "",
            "password": form.password.data or None, "active": bool(form.active.data)}


@bp.route("/users", methods=["GET", "POST"])
@admin_required
def users():
    form, error = AccountForm(), None
    if request.method == "POST":
        if form.validate_on_submit() and form.name.data and form.password.data:
            c = _changes(form)
            try:
                store().add_user(form.name.data, c["role"], c["password"], c["clearance"], c["groups"],
                                 actor=current_user.name, address=address())
                return redirect(url_for("admin.users"))
            except AccountError as exc:
                error = str(exc)
        else:
            error = "Cần tên đăng nhập và mật khẩu (ít nhất 10 ký tự)."
    return render_template("admin_users.html", users=store().users(), policies=store().policies(), form=form,
                           error=error, roles=ROLES, clearances=CLEARANCES), 400 if error else 200


@bp.route("/users/<name>", methods=["GET", "POST"])
@admin_required
def user(name: str):
    account = store().user(name)
    if account is None:
        abort(404, description=f"Không có tài khoản {name!r}.")
    form, error = AccountForm(), None
    if request.method == "GET":
        form.role.data, form.clearance.data = account.role, account.clearance or ""
        form.groups.data, form.active.data = ", ".join(account.groups), account.active
    elif form.validate_on_submit():
        if account.name == current_user.name and (form.role.data != "admin" or not form.active.data):
            error = "Không thể tự bỏ quyền quản trị hoặc tự khóa tài khoản của mình."
        else:
            try:
                store().update_user(account.name, current_user.name, address(), **_changes(form))
                return redirect(url_for("admin.users"))
            except AccountError as exc:
                error = str(exc)
    else:
        error = "Biểu mẫu không hợp lệ."
    return render_template("admin_user.html", account=account, form=form, error=error, roles=ROLES,
                           clearances=CLEARANCES), 400 if error else 200


def _day(name: str) -> datetime | None:
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
        raise BadRequest(name, "phải là ngày dạng YYYY-MM-DD", raw[:20])
    try:
        return datetime.combine(date.fromisoformat(raw), time(), tzinfo=timezone.utc)
    except ValueError:
        raise BadRequest(name, "không phải là một ngày có thật", raw) from None


def _query(limit: int | None, offset: int = 0) -> AuditQuery:
    until = _day("until")
    action = request.args.get("action") or None
    if action is not None and action not in ACTION_LABELS:
        raise BadRequest("action", f"phải là một trong {', '.join(ACTION_LABELS)}", action[:40])
    return AuditQuery(since=_day("since"), until=until + timedelta(days=1) if until else None,
                      actor=(request.args.get("user") or "").strip().casefold()[:128] or None,
                      document=(request.args.get("document") or "").strip()[:1024] or None,
                      action=action, limit=limit, offset=offset)


@bp.get("/audit")
@admin_required
def audit():
    page = page_arg(request.args)
    entries, total = store().audit_entries(_query(PER_PAGE, (page - 1) * PER_PAGE))
    args = list(request.args.items(multi=True))
    return render_template("admin_audit.html", entries=entries, total=total, page=page,
                           pages=max(1, -(-total // PER_PAGE)), labels=ACTION_LABELS, args=request.args,
                           page_url=lambda n: with_args(url_for("admin.audit"), args, page=str(n)),
                           csv_url=with_args(url_for("admin.audit_csv"), args, drop=("page",)))


@bp.get("/audit.csv")
@admin_required
def audit_csv():
    out = io.StringIO()
    out.write("\ufeff")
    store().audit_csv(_query(None), out)
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="nhat-ky.csv"'})
