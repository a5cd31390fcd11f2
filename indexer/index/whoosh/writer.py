"""The Whoosh engine's writer: one writer per folder, one atomic commit per build.

Whoosh writes new segment files and only then swaps in a new table of
contents, so a build that dies (even by SIGKILL) leaves the previous commit
as it was; the next run redoes the work.  A lock file held with flock (the OS
releases it when the process dies) keeps a second indexer out of the folder.

An index this code cannot trust (built with another fingerprint, or damaged)
is not patched: the build writes a new index beside it and switches the
manifest to it when it commits (see ``store``), saying why.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.index import LockError
from whoosh.util.numeric import byte_to_length

from indexer.analysis.analyzer import Analyzer
from indexer.errors import IndexBusyError, IndexerError
from indexer.extract.records import Document
from indexer.index import build as build_loop
from indexer.index.analysed import Encoded
from indexer.index.report import BuildReport
from indexer.index.whoosh import integrity, store
from indexer.index.whoosh.encoder import WhooshEncoder, chunk_records, document
from indexer.index.whoosh.schema import make_schema

WRITER_MEMORY_MB = 256
LOCK_FILE = "build.lock"
OCR_CACHE = "ocr-cache"
BUSY = "another indexer is writing to this index; wait for it to finish and run again"


@contextmanager
def folder_lock(index_dir: Path):
    """Hold the folder's build lock; IndexBusyError when another indexer holds it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(index_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusyError(BUSY) from None
        yield
    finally:
        os.close(fd)


class WhooshWriter:
    """The index in the folder ``index_dir`` (an ``index.engine.EngineWriter``)."""

    name = "whoosh"

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        # Beside the index's generations, so a rebuild from scratch keeps them.
        self.ocr_cache = self.index_dir / OCR_CACHE

    def lock(self):
        return folder_lock(self.index_dir)

    def encoder(self, analyzer: Analyzer) -> WhooshEncoder:
        return WhooshEncoder(analyzer)

    def open(self, analyzer: Analyzer, full: bool = False) -> "WhooshTarget":
        """Reuse the current index when it is this code's and sound; otherwise start a new one."""
        index_dir, fp = self.index_dir, store.fingerprint(analyzer).digest
        try:
            manifest = store.read_manifest(index_dir)
        except IndexerError as exc:
            manifest, why = None, f"the manifest was unreadable ({exc})"
        else:
            why = None
        if manifest is not None:
            if manifest.fingerprint != fp:
                why = (f"the index was built by other code or another OCR model "
                       f"(fingerprint {manifest.fingerprint}, now {fp})")
            elif full:
                why = "a full rebuild was asked for"
            else:
                # Every byte against the checksums of the last commit: a build repairs
                # whatever `check` would report, not only what a reader sees.
                problems = store.sound_check(index_dir, manifest)
                if not problems:
                    try:
                        ix = whoosh_index.open_dir(str(index_dir), indexname=manifest.index_name)
                        return WhooshTarget(index_dir, ix, manifest.index_name, analyzer, False,
                                            store.read_states(ix), None)
                    except Exception as exc:  # noqa: BLE001 - any failure to read it is damage
                        problems = [f"{exc.__class__.__name__}: {exc}"]
                why = f"the index was damaged ({'; '.join(problems[:3])})"
        elif why is None and store.incomplete(index_dir):
            why = f"the index {store.INCOMPLETE}"
        name = _new_name(index_dir, fp)
        _remove_other_indexes(index_dir, keep={manifest.index_name} if manifest else set())
        ix = whoosh_index.create_in(str(index_dir), make_schema(analyzer), indexname=name)
        return WhooshTarget(index_dir, ix, name, analyzer, True, {}, why)


@dataclass
class WhooshTarget:
    """The index a build writes to, and what it knew before (an ``index.engine.Target``)."""

    index_dir: Path
    ix: object
    name: str
    analyzer: Analyzer
    fresh: bool  # a new index: nothing in it is kept; the others go once it is committed
    known: dict[str, tuple[str, float, int, str]]
    rebuilt: str | None

    def __post_init__(self):
        self.location = str(self.index_dir)
        try:
            # compound=False: a compound segment is read back as in-memory copies of
            # its parts (Whoosh BufferFile), 125 MB of worker RSS at 10,000 documents.
            self.writer = self.ix.writer(limitmb=WRITER_MEMORY_MB, timeout=0.0, compound=False)
        except LockError:
            raise IndexBusyError(BUSY) from None
        make = self.writer.per_document_reader
        self.writer.per_document_reader = lambda: _LengthsOnce(make())

    def put(self, doc: Document, encoded: Encoded) -> None:
        """The document's record (replacing any of the same id) and its text's chunk records."""
        if doc.id in self.known:
            self.writer.delete_by_term("chunk_of", doc.id)
        self.writer.update_document(**document(doc, encoded))
        for record in chunk_records(doc, encoded.chunks):
            self.writer.add_document(**record)

    def delete(self, doc_id: str) -> None:
        self.writer.delete_by_term("id", doc_id)
        self.writer.delete_by_term("chunk_of", doc_id)

    def flush(self) -> dict[str, str]:
        return {}  # Whoosh refuses nothing it was given

    def cancel(self) -> None:
        self.writer.cancel()

    def finish(self, report: BuildReport) -> None:
        """Commit, point the manifest at what was committed, then drop the index it replaces."""
        self.writer.commit(optimize=False)
        index_dir = self.index_dir
        files = store.index_files(index_dir, self.name)
        try:
            previous = None if self.fresh else store.read_manifest(index_dir)
        except IndexerError:
            previous = None
        mtimes, checksums = integrity.record(index_dir, files, previous)  # only new files are read
        store.write_manifest(index_dir, store.Manifest(
            index_name=self.name, fingerprint=store.fingerprint(self.analyzer).digest,
            repair=self.analyzer.repair, model=self.analyzer.model,
            generation=store.latest_generation(index_dir, self.name),
            files=files, last_build=report.record(), mtimes=mtimes, checksums=checksums,
        ))
        if self.fresh:
            _remove_other_indexes(index_dir, keep={self.name})


class _LengthsOnce:
    """Whoosh's per-document reader of the segment being committed, each field's lengths
    read once.  The commit asks the length of a document's field once per posting, to
    keep each block's shortest and longest: 736,000 column reads of 20 µs for 1,000
    documents, a seventh of the single writer's time.  Here each field's column is read
    in one piece: the one-byte length codes of whoosh-reloaded 2.7.5's lengths column
    (the version is pinned; ``tests/index/test_whoosh_lengths.py`` checks every value
    against the public one-document API).  ``SegmentWriter._flush_segment`` is the only
    caller."""

    def __init__(self, reader):
        self._reader = reader
        self._lengths: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        table = self._lengths.get(fieldname)
        if table is None:
            table = self._lengths[fieldname] = field_lengths(self._reader, fieldname)
        return table[docnum] or default

    def __getattr__(self, name):
        return getattr(self._reader, name)


def field_lengths(reader, fieldname: str) -> list[int]:
    """Every document's length of ``fieldname`` in a segment's per-document ``reader``
    (0 where it has none)."""
    count = reader.doc_count_all()
    if not reader.has_column(_lenfield(fieldname)):
        return [0] * count
    column = reader.column_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    codes = column._dbfile.get(column._basepos, column._count)
    return [byte_to_length(b) if b else 0 for b in codes] + [0] * (count - len(codes))


def _index_names(index_dir: Path) -> set[str]:
    return {m.group("name") for f in store._listing(index_dir) if (m := store._TOC.match(f))}


def _new_name(index_dir: Path, fp: str) -> str:
    taken = [int(n.rsplit("_", 1)[1]) for n in _index_names(index_dir)
             if n.startswith(f"docs_{fp}_") and n.rsplit("_", 1)[1].isdigit()]
    return f"docs_{fp}_{max(taken, default=0) + 1}"


def _remove_other_indexes(index_dir: Path, keep: set[str]) -> None:
    """Delete the files of every index but ``keep`` (orphans of killed rebuilds, replaced ones)."""
    names = _index_names(index_dir)
    for f in store._listing(index_dir):
        owner = next((n for n in names if f.startswith(n + "_") or f.startswith(f"_{n}_")), None)
        if owner is not None and owner not in keep:
            try:
                (index_dir / f).unlink()
            except FileNotFoundError:
                pass


def open_writer(index: str, url: str, shards: int, user_cache: str | None,
                recovery_seconds: float | None = None) -> WhooshWriter:
    """The writer of the folder ``index`` (indexer.backends); its OCR cache is in the folder."""
    return WhooshWriter(Path(index))


def build(src_dir: Path, index_dir: Path, **options) -> BuildReport:
    """``index.build.build`` into the Whoosh folder ``index_dir``."""
    return build_loop.build(src_dir, WhooshWriter(index_dir), **options)


def write_documents(index_dir: Path, docs: Iterable[Document], **options) -> int:
    """``index.build.write_documents`` into the Whoosh folder ``index_dir``."""
    return build_loop.write_documents(WhooshWriter(index_dir), docs, **options)
