"""A long-lived handle on an index: the current searcher and its facet table.

Opening a Whoosh searcher and building facet arrays costs far more than a
query, so a process keeps one handle and refreshes it only when a build has
committed (``up_to_date`` compares the on-disk generation).  A reader that is
still serving keeps its files open, so a concurrent build never breaks it.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from indexer.search.whoosh.facets import FacetTable
from indexer.index.store import open_index

# Checking the generation lists the folder; at most once per this many seconds.
REFRESH_CHECK_SECONDS = 0.5


class IndexHandle:
    def __init__(self, index_dir: Path | str):
        self.index_dir = Path(index_dir)
        self._lock = threading.Lock()
        self._ix = None
        self._searcher = None
        self._table: FacetTable | None = None
        self._checked = 0.0

    def current(self):
        """Return (searcher, facet table), refreshed if a build has committed."""
        with self._lock:
            now = time.monotonic()
            if self._searcher is None:
                self._ix = open_index(self.index_dir)
                self._set(self._ix.searcher())
            elif now - self._checked > REFRESH_CHECK_SECONDS:
                self._checked = now
                if not self._searcher.up_to_date():
                    self._set(self._searcher.refresh())
            return self._searcher, self._table

    def _set(self, searcher) -> None:
        self._searcher = searcher
        self._table = FacetTable(searcher.reader())
        self._checked = time.monotonic()

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = self._table = self._ix = None
