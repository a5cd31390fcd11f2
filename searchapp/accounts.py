"""Who is asking: the account store of this process, Flask-Login, CSRF, the secret key.

The store (``indexer.accounts``) is opened on first use, from
``DATABASE_URL`` (default: SQLite var/app.sqlite), so `make serve` with no
account set up serves as before.  A signed-in browser holds a Flask session
(signed with ``SECRET_KEY``) that names a server-side login session; the
store decides whether it is still alive (logout, idle time, max age), so a
replayed or forged cookie is an anonymous visitor.  Every POST carries a
CSRF token (Flask-WTF, field ``csrf_token``) or is refused.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

from flask import Flask, current_app, g, redirect, request, session, url_for
from flask_login import LoginManager, UserMixin, current_user
from flask_wtf.csrf import CSRFError, CSRFProtect

from indexer.accounts import ANONYMOUS, Account, AccountStore, Reader, SessionRules, Throttle, open_store

ROOT = Path(__file__).resolve().parent.parent
csrf = CSRFProtect()
login_manager = LoginManager()
# Pages a visitor reaches without signing in when LOGIN_REQUIRED is set.
OPEN_ENDPOINTS = {"auth.login", "static", "saved.feed_of"}


class SignedIn(UserMixin):
    """Flask-Login's user: an account and the token of its login session (the session's id)."""

    def __init__(self, account: Account, token: str):
        self.account, self.token = account, token

    def get_id(self) -> str:
        return self.token

    @property
    def name(self) -> str:
        return self.account.name

    @property
    def admin(self) -> bool:
        return self.account.admin


def _secret_key(app: Flask) -> str:
    """SECRET_KEY from the config, else one made once and kept in var/secret_key (0600), so
    every worker of this machine signs cookies alike.  Several machines: set SECRET_KEY."""
    path = Path(app.config.get("SECRET_KEY_FILE") or ROOT / "var" / "secret_key")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def store() -> AccountStore:
    """The account store of this process (opened, and its schema upgraded, on first use)."""
    found = current_app.extensions.get("vdoc_accounts")
    if found is None:
        c = current_app.config
        found = open_store(c.get("DATABASE_URL"),
                           throttle_rules=Throttle(c["LOGIN_MAX_FAILURES_ACCOUNT"], c["LOGIN_MAX_FAILURES_ADDRESS"],
                                                   timedelta(minutes=c["LOGIN_WINDOW_MINUTES"])),
                           session_rules=SessionRules(timedelta(minutes=c["SESSION_IDLE_MINUTES"]),
                                                      timedelta(hours=c["SESSION_MAX_HOURS"])),
                           **({"clock": c["ACCOUNTS_CLOCK"]} if c.get("ACCOUNTS_CLOCK") else {}))
        current_app.extensions["vdoc_accounts"] = found
    return found


def reader() -> Reader:
    """The reader of this request: the signed-in account's, else the anonymous one."""
    return current_user.account.reader if current_user.is_authenticated else ANONYMOUS


def actor() -> str:
    return current_user.name if current_user.is_authenticated else ""


def address() -> str:
    return request.remote_addr or ""


def init_app(app: Flask) -> None:
    app.config.setdefault("SESSION_IDLE_MINUTES", 30)
    app.config.setdefault("SESSION_MAX_HOURS", 12)
    app.config.setdefault("LOGIN_MAX_FAILURES_ACCOUNT", 5)
    app.config.setdefault("LOGIN_MAX_FAILURES_ADDRESS", 20)
    app.config.setdefault("LOGIN_WINDOW_MINUTES", 15)
    app.config.setdefault("LOGIN_REQUIRED", False)
    # Flask's own defaults are in the config already: replace them unless the caller chose.
    if app.config.get("SESSION_COOKIE_SAMESITE") is None:
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    if app.config.get("SESSION_COOKIE_NAME") == "session":
        app.config["SESSION_COOKIE_NAME"] = "vdoc_session"
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # the token lives as long as the session
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.session_protection = app.config.get("SESSION_PROTECTION", "strong")
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Vui lòng đăng nhập để tiếp tục."

    @app.before_request
    def login_wall():
        if app.config["LOGIN_REQUIRED"] and not current_user.is_authenticated \
                and request.endpoint not in OPEN_ENDPOINTS:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return None

    @app.context_processor
    def who():
        # document_openers: for the admins' part of the document page (_openers.html).
        return {"signed_in": current_user if current_user.is_authenticated else None,
                "document_openers": lambda doc_id: store().openers(doc_id)}

    @app.errorhandler(CSRFError)
    def no_csrf(exc):
        from .errors import error_response

        return error_response(400, "Biểu mẫu thiếu mã xác thực (CSRF) hoặc mã đã hết hạn: "
                                   "tải lại trang rồi gửi lại.")


@login_manager.user_loader
def load_user(token: str) -> SignedIn | None:
    """The signed-in account of the session's token, while its login session lives."""
    if "vdoc_user" in g:
        return g.vdoc_user
    account = store().session_account(token)
    g.vdoc_user = SignedIn(account, token) if account else None
    if account is None:
        session.pop("_user_id", None)  # an ended session: the cookie is dropped at once
    return g.vdoc_user
