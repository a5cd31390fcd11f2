"""/login and /logout."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from .accounts import SignedIn, address, store
from .forms import ButtonForm, LoginForm

bp = Blueprint("auth", __name__)

MESSAGES = {
    "wrong": "Tên đăng nhập hoặc mật khẩu không đúng.",
    "disabled": "Tài khoản này đã bị khóa. Liên hệ quản trị viên.",
    "throttled": "Có quá nhiều lần đăng nhập sai. Vui lòng thử lại sau ít phút.",
}


def _local(target: str | None) -> str:
    """Where to go after logging in: a path of this site only (never //evil.example)."""
    if not target:
        return url_for("views.home")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return url_for("views.home")
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")[:2000]
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template("login.html", form=form, message=None), status
    result = store().login(form.username.data, form.password.data, address(),
                           request.headers.get("User-Agent", "")[:256])
    if result.outcome != "ok":
        status = 429 if result.outcome == "throttled" else 401
        return render_template("login.html", form=form, message=MESSAGES[result.outcome]), status
    session.clear()  # a fresh session (and CSRF secret) for the signed-in visitor: no fixation
    # A browser-session cookie (gone when the browser closes, on a shared office PC too), and
    # not "permanent": Flask-Login's strong protection drops only non-permanent sessions whose
    # address and browser changed.  The server ends it anyway after idle time and max age.
    login_user(SignedIn(result.account, result.token))
    return redirect(_local(form.next.data))


@bp.post("/logout")
def logout():
    if ButtonForm().validate_on_submit() and current_user.is_authenticated:
        store().logout(current_user.token, address())
    logout_user()
    session.clear()
    return redirect(url_for("views.home"))
