"""A long-lived handle on an index: the current searcher and its facet table.

Opening a Whoosh searcher and building facet arrays costs far more than a
query, so a process keeps one handle and reopens it only when the folder
changes: a commit adds a table of contents, a rebuild replaces the manifest.
It always opens afresh: Whoosh 2.7's ``searcher.refresh()`` reuses readers by
segment id alone, so deletions committed since are ignored and dropped
segments come back (stale and duplicate hits after an update).  A searcher
that is still serving keeps its files open, so a build never breaks it.

On open the index is checked (fingerprint, files against the manifest); an
index that cannot be served raises an IndexUnavailableError that the web
turns into a 503 page saying what to run.  The check is repeated when the
folder changes, never per request.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from indexer.analysis.analyzer import Analyzer
from indexer.index.whoosh.store import built_at, open_current, toc_state
from indexer.search.service import IndexStatus
from indexer.search.settings import SearchSettings
from indexer.search.whoosh.facets import FacetTable


class IndexHandle:
    def __init__(self, index_dir: Path | str, settings: SearchSettings | None = None):
        self.index_dir = Path(index_dir)
        self.settings = settings or SearchSettings()
        self._lock = threading.Lock()
        self._searcher = None
        self._table: FacetTable | None = None
        self._manifest = None
        self._state = None
        self._checked = 0.0

    def current(self):
        """Return (searcher, facet table), reopened if the folder changed since."""
        with self._lock:
            now = time.monotonic()
            if self._searcher is None or now - self._checked > self.settings.refresh_seconds:
                self._checked = now
                state = toc_state(self.index_dir)
                if self._searcher is None or state != self._state:
                    self._open(state)
            return self._searcher, self._table

    def _open(self, state) -> None:
        # Raises (IndexUnavailableError) before anything is replaced: a failed
        # check leaves nothing half-open, and the next request checks again.
        ix, manifest = open_current(self.index_dir)
        searcher = ix.searcher()
        table = FacetTable(searcher.reader(), self.settings.postings_cache_mb * 1024 * 1024)
        # The old searcher is not closed here: a request in another thread may
        # still be reading it; it closes its files when the last one lets go.
        self._searcher, self._table, self._manifest, self._state = searcher, table, manifest, state

    @property
    def analyzer(self) -> Analyzer:
        """The analysis the index was built with: queries are analysed the same way."""
        self.current()
        return self._manifest.analyzer

    def status(self) -> IndexStatus:
        _, table = self.current()
        m = self._manifest
        return IndexStatus("whoosh", str(self.index_dir), int(len(table.live)), m.fingerprint, m.last_build,
                           built_at(self.index_dir))

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = self._table = self._manifest = None
