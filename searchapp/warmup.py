"""Load everything a first search needs, once per process."""

from __future__ import annotations

from flask import Flask

from indexer.search import SearchRequest


def warm_up(app: Flask) -> None:
    """Open the index and run one accented and one OCR-spelled search."""
    service = app.extensions["vdoc_service"]
    for q in ("kế hoạch cải cách", "Két luan ciia"):
        service.search(SearchRequest(q=q, per_page=1))
