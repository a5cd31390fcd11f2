"""The Flask app: search page, document and decision pages, JSON API.

Never imports Whoosh: everything about the index goes through
``indexer.search.SearchService`` and ``indexer.lookup``; everything about
people (accounts, sessions, the audit log, saved searches) through
``indexer.accounts`` (``accounts``, ``auth``, ``admin``, ``saved``, ``auditing``).
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    """Create the app; ``INDEX_DIR`` names the index to serve, ``SOURCE_DIR`` the
    folder it was built from (original files are downloaded from there only),
    ``DATABASE_URL`` the accounts database (default: SQLite var/app.sqlite)."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(Path(__file__).parent / "static"),
    )
    app.config.from_mapping(INDEX_DIR=str(ROOT / "var" / "index"), MAX_PER_PAGE=100, MAX_PAGE=10000,
                            SOURCE_DIR=str(ROOT / "corpus"))
    if config:
        app.config.from_mapping(config)
    app.json.ensure_ascii = False
    app.json.sort_keys = False

    from . import accounts, admin, api, auditing, auth, errors, export, formatting, marks, resources, saved, views

    app.jinja_env.globals["passage_html"] = marks.passage_html

    resources.init_app(app)
    errors.init_app(app)
    formatting.init_app(app)
    accounts.init_app(app)  # DATABASE_URL, SECRET_KEY, sessions, CSRF (see searchapp.accounts)
    auditing.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(export.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(saved.bp)
    if app.config.get("PROXY_COUNT"):
        # Behind N reverse proxies: the client's address (audit, login throttling) from X-Forwarded-For.
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)
    return app
