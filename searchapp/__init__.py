"""The Flask app: search page, document and decision pages, JSON API.

Never imports Whoosh: everything about the index goes through
``indexer.search.SearchService`` and ``indexer.lookup``.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    """Create the app; ``config["INDEX_DIR"]`` names the index to serve."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(Path(__file__).parent / "static"),
    )
    app.config.from_mapping(INDEX_DIR=str(ROOT / "var" / "index"), MAX_PER_PAGE=100, MAX_PAGE=10000, SOURCE_DIR=None)
    if config:
        app.config.from_mapping(config)
    app.json.ensure_ascii = False
    app.json.sort_keys = False

    from . import api, errors, resources, views

    resources.init_app(app)
    errors.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    return app
