"""Load everything a first search needs, once per process."""

from __future__ import annotations

from flask import Flask

from indexer.search import SearchRequest


def warm_up(app: Flask) -> None:
    """Open the index, run one accented and one OCR-spelled search, and read the
    vocabulary of did-you-mean (seconds on a large archive, once per commit)."""
    service = app.extensions["vdoc_service"]
    for q in ("kế hoạch cải cách", "Két luan ciia"):
        result = service.search(SearchRequest(q=q, per_page=1))
        service.did_you_mean(q, result.total)
