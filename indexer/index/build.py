"""Build or update an index from a folder: one writer, one atomic commit.

Whoosh writes new segment files and only then swaps in a new table of
contents, so a build that dies (even by SIGKILL) leaves the previous commit
as it was; the next run redoes the work.  A lock file held with flock (the OS
releases it when the process dies) keeps a second indexer out of the folder.

An index this code cannot trust (built with another fingerprint, or damaged)
is not patched: the build writes a new index beside it and switches the
manifest to it when it commits (see ``index.store``), saying why.
"""

from __future__ import annotations

import fcntl
import logging
import os
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

from whoosh import index as whoosh_index
from whoosh.index import LockError

from indexer.analysis.analyzer import Analyzer
from indexer.errors import IndexBusyError, IndexerError
from indexer.extract.records import Document
from indexer.extract.sources import discover
from indexer.index.whoosh import store
from indexer.index.fields import chunk_records, index_fields
from indexer.index.fingerprint import fingerprint
from indexer.index.fields import analyse
from indexer.index.pipeline import Prepared, PrepareOptions, prepared_stream
from indexer.index.whoosh.schema import TEXT_FIELDS, make_schema

log = logging.getLogger("indexer.build")
WRITER_MEMORY_MB = 256
LOCK_FILE = "build.lock"
OCR_CACHE = "ocr-cache"


@dataclass
class BuildReport:
    indexed: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    rebuilt: str | None = None  # why the index was rebuilt from scratch, if it was
    converted: list[tuple[str, str]] = field(default_factory=list)  # (path, legacy encoding it was in)
    flagged: list[tuple[str, str]] = field(default_factory=list)  # (path, what a reader should know)
    ocr_pages: int = 0  # pages read by OCR in this build
    ocr_cached: int = 0  # ... of which came from the OCR cache

    def summary(self) -> str:
        lines = [f"rebuilt from scratch: {self.rebuilt}"] if self.rebuilt else []
        lines.append(
            f"indexed {len(self.indexed)}, updated {len(self.updated)}, "
            f"removed {len(self.removed)}, unchanged {self.unchanged}, skipped {len(self.skipped)}"
        )
        if self.ocr_pages:
            lines.append(f"OCR: {self.ocr_pages} pages ({self.ocr_cached} from the OCR cache)")
        lines += [f"  converted {path}: {encoding}" for path, encoding in self.converted]
        lines += [f"  flagged {path}: {note}" for path, note in self.flagged]
        lines += [f"  skipped {path}: {reason}" for path, reason in self.skipped]
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {
            "rebuilt": self.rebuilt,
            "indexed": self.indexed,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
            "converted": [{"path": p, "encoding": e} for p, e in self.converted],
            "flagged": [{"path": p, "note": n} for p, n in self.flagged],
            "ocr_pages": self.ocr_pages,
            "ocr_cached": self.ocr_cached,
        }


@contextmanager
def folder_lock(index_dir: Path):
    """Hold the folder's build lock; IndexBusyError when another indexer holds it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(index_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusyError(
                "another indexer is writing to this index; wait for it to finish and run again"
            ) from None
        yield
    finally:
        os.close(fd)


@dataclass
class _Target:
    """The index a build writes to, and what it knew before."""

    ix: object
    name: str
    fresh: bool  # a new index: nothing in it is kept
    known: dict[str, tuple[str, float, int]]
    rebuilt: str | None
    previous: str | None  # the index this one replaces, removed after the switch


def _open_target(index_dir: Path, analyzer: Analyzer) -> _Target:
    """Reuse the current index when it is this code's and sound; otherwise start a new one."""
    fp = fingerprint(analyzer).digest
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
        else:
            problems = store.quick_check(index_dir, manifest)
            if not problems:
                try:
                    ix = whoosh_index.open_dir(str(index_dir), indexname=manifest.index_name)
                    return _Target(ix, manifest.index_name, False, store.read_states(ix), None, None)
                except Exception as exc:  # noqa: BLE001 - any failure to read it is damage
                    problems = [f"{exc.__class__.__name__}: {exc}"]
            why = f"the index was damaged ({'; '.join(problems[:3])})"
    elif why is None and any(store.latest_generation(index_dir, n) >= 0 for n in _index_names(index_dir)):
        why = "the index was built by an older version"
    name = _new_name(index_dir, fp)
    _remove_other_indexes(index_dir, keep={manifest.index_name} if manifest else set())
    ix = whoosh_index.create_in(str(index_dir), make_schema(analyzer), indexname=name)
    return _Target(ix, name, True, {}, why, manifest.index_name if manifest else None)


def _index_names(index_dir: Path) -> set[str]:
    return {m.group("name") for f in store._listing(index_dir) if (m := store._TOC.match(f))}


def _new_name(index_dir: Path, fp: str) -> str:
    taken = [int(n.rsplit("_", 1)[1]) for n in _index_names(index_dir) if n.startswith(f"docs_{fp}_") and n.rsplit("_", 1)[1].isdigit()]
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


def _writer(ix):
    try:
        # compound=False: a compound segment is read back as in-memory copies of
        # its parts (Whoosh BufferFile), 125 MB of worker RSS at 10,000 documents.
        return ix.writer(limitmb=WRITER_MEMORY_MB, timeout=0.0, compound=False)
    except LockError:
        raise IndexBusyError(
            "another indexer is writing to this index; wait for it to finish and run again"
        ) from None


def _commit(index_dir: Path, target: _Target, writer, analyzer: Analyzer, report: BuildReport) -> None:
    """Commit, point the manifest at what was committed, then drop the index it replaces."""
    writer.commit(optimize=False)
    gen = store.latest_generation(index_dir, target.name)
    store.write_manifest(index_dir, store.Manifest(
        index_name=target.name, fingerprint=fingerprint(analyzer).digest, repair=analyzer.repair,
        model=analyzer.model, generation=gen, files=store.index_files(index_dir, target.name),
        last_build=report.to_dict(),
    ))
    if target.fresh:
        _remove_other_indexes(index_dir, keep={target.name})


def build(
    src_dir: Path,
    index_dir: Path,
    *,
    analyzer: Analyzer | None = None,
    options: PrepareOptions | None = None,
    progress: Callable[[Iterable], Iterable] = lambda it: it,
    repair: bool = True,
    workers: int | None = None,
) -> BuildReport:
    """Bring the index in line with the folder: add, update, remove, skip.

    ``options`` carry the analyzer, the size limit, the time budget per file
    and the worker count; ``repair`` and ``workers`` are shorthands for them.
    """
    if options is None:
        options = PrepareOptions(analyzer or Analyzer(repair=repair), workers=workers)
    index_dir = Path(index_dir)
    options = with_ocr_cache(options, index_dir)
    analyzer = options.analyzer
    report = BuildReport()
    files, passed = discover(src_dir)
    report.skipped.extend(passed)
    with folder_lock(index_dir):
        target = _open_target(index_dir, analyzer)
        report.rebuilt = target.rebuilt
        if report.rebuilt:  # said before the work, so a long rebuild is not a mystery (the summary says it again)
            log.warning("rebuilding %s from scratch: %s", index_dir, report.rebuilt)
        changed = _changed(files, target.known, report)
        writer = _writer(target.ix)
        try:
            for prepared in progress(prepared_stream(changed, options)):
                _index_one(writer, prepared, target.known, report)
            seen = {source.relpath for source in files}
            for doc_id in sorted(set(target.known) - seen):
                writer.delete_by_term("id", doc_id)
                writer.delete_by_term("chunk_of", doc_id)
                report.removed.append(doc_id)
        except BaseException:
            writer.cancel()
            raise
        _commit(index_dir, target, writer, analyzer, report)
    return report


def with_ocr_cache(options: PrepareOptions, index_dir: Path) -> PrepareOptions:
    """OCR results go to ``<index_dir>/ocr-cache`` unless a folder was configured:
    beside the index's generations, so a rebuild from scratch keeps them."""
    if options.ocr is None or options.ocr.cache_dir:
        return options
    return replace(options, ocr=replace(options.ocr, cache_dir=str(Path(index_dir) / OCR_CACHE)))


def _changed(files, known, report: BuildReport) -> list:
    """The files whose size or mtime differ from what the index recorded."""
    changed = []
    for source in files:
        previous = known.get(source.relpath)
        try:
            stat = source.path.stat()
        except OSError:
            changed.append(source)  # prepare() will say why it cannot be read
            continue
        if previous and previous[1:] == (stat.st_mtime, stat.st_size):
            report.unchanged += 1
        else:
            changed.append(source)
    return changed


def _index_one(writer, prepared: Prepared, known, report: BuildReport) -> None:
    if prepared.skipped is not None:
        report.skipped.append((prepared.source.relpath, prepared.skipped))
        return
    doc = prepared.doc
    if doc.encoding:
        report.converted.append((doc.id, doc.encoding))
    report.flagged.extend((doc.id, note) for note in doc.notes)
    report.ocr_pages += doc.ocr_pages
    report.ocr_cached += doc.ocr_pages if doc.ocr_cached else 0
    previous = known.get(doc.id)
    if previous and previous[0] == doc.checksum:
        # Touched but not changed: refresh the recorded state only.
        report.unchanged += 1
    elif previous:
        report.updated.append(doc.id)
    else:
        report.indexed.append(doc.id)
    _write(writer, doc, prepared.analysed, replace=bool(previous))


def _write(writer, doc: Document, analysed, replace: bool) -> None:
    """One document: its record (replacing any of the same id) and its text's chunk records."""
    if replace:
        writer.delete_by_term("chunk_of", doc.id)
    fields = index_fields(doc, analysed.chunks, analysed.chunk_positions, analysed.key_terms)
    writer.update_document(**fields, **analysed.postings)
    for record in chunk_records(doc, analysed.chunks):
        writer.add_document(**record)


def write_documents(index_dir: Path, docs: Iterable[Document], *, analyzer: Analyzer | None = None,
                    repair: bool = True) -> int:
    """Add or replace documents by id in one commit (benchmarks index texts, not files)."""
    analyzer = analyzer or Analyzer(repair=repair)
    index_dir = Path(index_dir)
    count = 0
    report = BuildReport()
    with folder_lock(index_dir):
        target = _open_target(index_dir, analyzer)
        writer = _writer(target.ix)
        try:
            for doc in docs:
                _write(writer, doc, analyse(doc, analyzer), replace=doc.id in target.known)
                report.indexed.append(doc.id)
                count += 1
        except BaseException:
            writer.cancel()
            raise
        _commit(index_dir, target, writer, analyzer, report)
    return count


__all__ = ["BuildReport", "build", "write_documents", "TEXT_FIELDS"]
