"""The home page's view of the archive: how many documents, when it was built, and
browsing by year, unit and type (the facets of the empty query, each value a link)."""

from __future__ import annotations

from dataclasses import dataclass

from indexer.accounts import ANONYMOUS, Reader
from indexer.search import SearchRequest, SearchService

from .facets import FacetValueView, facet_views

BROWSE = ("year", "type", "unit")  # in this order on the page
SHOWN = {"year": 12, "type": 12, "unit": 12}  # values shown before "Xem thêm"


@dataclass
class Browse:
    name: str
    label: str
    values: list[FacetValueView]
    shown: int


def home_data(service: SearchService, reader: Reader = ANONYMOUS) -> dict:
    """documents, built_at (ISO, or "" while the service does not say) and browse lists,
    of what ``reader`` may read (the count too: restricted documents are not counted)."""
    status = service.status()
    result = service.search(SearchRequest(q="", per_page=1, snippets=False, reader=reader))
    views = {v.name: v for v in facet_views("/search", [], {n: result.facets.get(n, []) for n in BROWSE})}
    browse = [Browse(n, views[n].label, views[n].values, SHOWN[n]) for n in BROWSE if n in views]
    return {
        "documents": result.total,
        "built_at": status.built_at,
        "browse": browse,
    }
