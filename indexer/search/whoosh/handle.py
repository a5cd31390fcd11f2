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
folder changes.  Damage under a searcher already open is looked for too
(``index.whoosh.integrity``): the files of the commit are stat'ed once per
question of the service (``current(files=True)`` under ``engine.one_question``:
a search, a document page; a stat per file at every read cost a document page
its fifteen reads' worth) and every half
second, a read that fails is checked against the commit's checksums and a
document not found against its files' sizes and mtimes, so damage is a 503
that names the build to run, never a 500 or a wrong 404.  Once damage is found every request says so
until the folder changes (a build repairs it): a damaged index gives no
answer that may be silently short.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from indexer.analysis.analyzer import Analyzer
from indexer.errors import IndexDamagedError, IndexerError
from indexer.index.whoosh.integrity import Sums, checksum_problems, fingerprint_of_files
from indexer.index.whoosh.store import built_at, damaged, manifest_state, open_current, quick_check, toc_state
from indexer.search.engine import question
from indexer.search.service import IndexStatus
from indexer.search.settings import SearchSettings
from indexer.search.whoosh.facets import FacetTable


# After a failed read, checksums computed longer ago than this are computed again
# (else from the stats they were computed at): a bug that fails every request
# reads the whole index at most this often, and a sector rotten since is seen.
REREAD_SECONDS = 60.0


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
        self._files = None  # size and mtime of each file of the commit, as opened
        self._files_checked_for: object | None = None  # the question they were last checked for
        self._damage: str | None = None  # what was found damaged under the open searcher
        self._sums, self._sums_since = Sums(), time.monotonic()

    def current(self, files: bool = False):
        """Return (searcher, facet table), reopened if the folder changed since;
        IndexDamagedError when the files of the open commit were damaged.
        ``files``: stat every file of the commit now (once per question of the
        service, ``engine.question``; at each call outside one), not only every
        half second."""
        with self._lock:
            now = time.monotonic()
            # Each use: one stat of the manifest (a rebuild renames a new one in, and
            # one deleted is an index that cannot be opened again).  Every half
            # second: the tables of contents, and the size and mtime of every file.
            due = False
            if self._searcher is None or now - self._checked > self.settings.refresh_seconds or \
                    manifest_state(self.index_dir) != self._state[0]:
                self._checked = now
                state = toc_state(self.index_dir)
                if self._searcher is None or state != self._state:
                    self._open(state)
                    files = False
                else:
                    due = True
            # ``files``: once per question of the service (engine.one_question; a document
            # page reads the index fifteen times), every time outside one.
            asked = question()
            if due or (files and (asked is None or asked is not self._files_checked_for)):
                self._files_checked_for = asked
                if self._files != fingerprint_of_files(self.index_dir, self._manifest):
                    self._look_for_damage(quick_check(self.index_dir, self._manifest, self._sums))
            if self._damage is not None:
                raise IndexDamagedError(self._damage)
            return self._searcher, self._table

    def _open(self, state) -> None:
        # Raises (IndexUnavailableError) before anything is replaced: a failed
        # check leaves nothing half-open, and the next request checks again.
        ix, manifest = open_current(self.index_dir, self._sums)
        try:
            searcher = ix.searcher()
            table = FacetTable(searcher.reader(), self.settings.postings_cache_mb * 1024 * 1024)
        except Exception as exc:  # noqa: BLE001 - the index's own files failed to read: damage
            problems = checksum_problems(self.index_dir, manifest, self._sums)
            raise damaged(self.index_dir, problems or [f"reading it failed ({exc.__class__.__name__}: {exc})"]) from None
        # The old searcher is not closed here: a request in another thread may
        # still be reading it; it closes its files when the last one lets go.
        self._searcher, self._table, self._manifest, self._state = searcher, table, manifest, state
        self._files, self._damage = fingerprint_of_files(self.index_dir, manifest), None

    def _look_for_damage(self, problems: list[str]) -> None:
        # No problem: a build's merge, or a copy's new mtimes over the same bytes.
        # Found damage stays said until the folder changes (a build repairs it).
        if problems:
            self._damage = str(damaged(self.index_dir, problems))
        self._files = fingerprint_of_files(self.index_dir, self._manifest)

    def read_failed(self, exc: Exception) -> None:
        """A read of the open index raised ``exc``: raise IndexDamagedError when its
        files are not what the commit wrote (every checksum is computed once per
        process), else return and let the caller raise ``exc`` (a bug, not damage)."""
        if isinstance(exc, IndexerError):
            return
        with self._lock:
            now = time.monotonic()
            if now - self._sums_since > REREAD_SECONDS:  # bytes that rotted under unchanged stats
                self._sums, self._sums_since = Sums(), now
            if self._damage is None and self._manifest is not None:
                self._look_for_damage(checksum_problems(self.index_dir, self._manifest, self._sums))
            if self._damage is not None:
                raise IndexDamagedError(self._damage) from None

    def confirm_absent(self) -> None:
        """Before a document is said not to exist: are the files it would be read
        from the commit's (sizes and mtimes; their bytes only if those moved)?"""
        with self._lock:
            if self._damage is None and self._manifest is not None:
                self._look_for_damage(quick_check(self.index_dir, self._manifest, self._sums))
            if self._damage is not None:
                raise IndexDamagedError(self._damage)

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
            self._searcher = self._table = self._manifest = self._files = self._damage = None
