"""The Flask app: search page, document and decision pages, JSON API.

Never imports Whoosh: everything about the index goes through
``indexer.search.SearchService`` and ``indexer.lookup``.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    """Create the app; ``INDEX_DIR`` names the index to serve, ``SOURCE_DIR`` the
    folder it was built from (original files are downloaded from there only)."""
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

    from . import api, errors, export, formatting, resources, views

    resources.init_app(app)
    errors.init_app(app)
    formatting.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(export.bp)
    return app
