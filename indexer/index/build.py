"""Build or update an index from a folder: one loop for every engine.

Sources are found below the folder (``extract.sources``: unsafe ones are
skipped with why), the files whose size or mtime differ from what the index
holds are prepared in worker processes (``pipeline``: read, analysed and
encoded for the engine), and one writer puts, replaces and deletes them and
finishes in one step that readers see whole (``engine``: Whoosh commits and
moves its manifest, OpenSearch refreshes and moves its alias).  The engine's
lock keeps a second builder out for the whole build; an index this code
cannot trust (another fingerprint, damage) is not patched but rebuilt beside
the one it replaces, and the report says why.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from indexer.analysis.analyzer import Analyzer
from indexer.extract.policy import access_of
from indexer.extract.records import Document
from indexer.extract.sources import SourceFile, discover
from indexer.index.access import policy_state
from indexer.index.analysed import analyse, encode
from indexer.index.engine import EngineWriter, FileStates, Target
from indexer.index.pipeline import Prepared, PrepareOptions, prepared_stream
from indexer.index.report import BuildReport

log = logging.getLogger("indexer.build")


def build(
    src_dir: Path,
    writer: EngineWriter,
    *,
    analyzer: Analyzer | None = None,
    options: PrepareOptions | None = None,
    progress: Callable[[Iterable], Iterable] = lambda it: it,
    repair: bool = True,
    workers: int | None = None,
    full: bool = False,
) -> BuildReport:
    """Bring the writer's index in line with the folder: add, update, remove, skip.

    ``options`` carry the analyzer, the size limit, the time budget per file
    and the worker count; ``repair`` and ``workers`` are shorthands for them.
    ``full`` rebuilds into a new index even when the current one could be updated.
    """
    if options is None:
        options = PrepareOptions(analyzer or Analyzer(repair=repair), workers=workers)
    options = with_ocr_cache(replace(options, encoder=writer.encoder(options.analyzer)), writer.ocr_cache)
    report = BuildReport()
    files, passed = discover(Path(src_dir))
    report.skipped.extend(passed)
    with writing(writer, options.analyzer, full, report) as target:
        for prepared in progress(prepared_stream(changed_files(files, target.known, report, Path(src_dir)), options)):
            _put(target, prepared, report)
        seen = {source.relpath for source in files}
        for doc_id in sorted(set(target.known) - seen):
            target.delete(doc_id)
            report.removed.append(doc_id)
    return report


@contextmanager
def writing(writer: EngineWriter, analyzer: Analyzer, full: bool, report: BuildReport) -> Iterator[Target]:
    """Hold the writer's lock and open its index; when the work is done, send what is
    buffered (what the engine refused is reported as skipped) and finish in one
    step, or cancel when the work failed."""
    with writer.lock():
        target = writer.open(analyzer, full=full)
        report.rebuilt = target.rebuilt
        if report.rebuilt:  # said before the work, so a long rebuild is not a mystery (the summary says it again)
            log.warning("rebuilding %s from scratch: %s", target.location, report.rebuilt)
        try:
            yield target
            report.refused(target.flush())
        except BaseException:
            target.cancel()
            raise
        target.finish(report)


def with_ocr_cache(options: PrepareOptions, cache: Path | None) -> PrepareOptions:
    """OCR results go to the engine's cache folder unless one was configured (a
    Whoosh index keeps them beside its generations, so a rebuild from scratch keeps them)."""
    if options.ocr is None or options.ocr.cache_dir or cache is None:
        return options
    return replace(options, ocr=replace(options.ocr, cache_dir=str(cache)))


def changed_files(files: list[SourceFile], known: FileStates, report: BuildReport,
                  root: Path | None = None) -> list[SourceFile]:
    """The files whose size or mtime differ from what the index recorded, or (with
    the archive's ``root``) whose folder policies decide otherwise than when they
    were indexed: a policy written, changed or removed reaches the index on the
    next build although no file changed."""
    changed = []
    for source in files:
        previous = known.get(source.relpath)
        try:
            stat = source.path.stat()
        except OSError:
            changed.append(source)  # prepare() will say why it cannot be read
            continue
        policy = policy_state(access_of(root, source.relpath).groups) if root is not None and previous else None
        if previous and previous[1:3] == (stat.st_mtime, stat.st_size) and policy in (None, previous[3]):
            report.unchanged += 1
        else:
            changed.append(source)
    return changed


def _put(target: Target, prepared: Prepared, report: BuildReport) -> None:
    if prepared.skipped is not None:
        report.skipped.append((prepared.source.relpath, prepared.skipped))
        return
    doc = prepared.doc
    if doc.encoding:
        report.converted.append((doc.id, doc.encoding))
    report.flagged.extend((doc.id, note) for note in doc.notes)
    report.ocr_pages += doc.ocr_pages
    report.ocr_cached += doc.ocr_pages if doc.ocr_cached else 0
    previous = target.known.get(doc.id)
    if previous and previous[0] == doc.checksum and previous[3:] == (policy_state(doc.access_groups),):
        # Touched but not changed: refresh the recorded state only.
        report.unchanged += 1
    elif previous:
        report.updated.append(doc.id)
    else:
        report.indexed.append(doc.id)
    target.put(doc, prepared.encoded)


def write_documents(writer: EngineWriter, docs: Iterable[Document], *, analyzer: Analyzer | None = None,
                    repair: bool = True, full: bool = False) -> int:
    """Add or replace documents (not files) by id in one step (benchmarks index texts)."""
    analyzer = analyzer or Analyzer(repair=repair)
    encoder = writer.encoder(analyzer)
    report = BuildReport()
    with writing(writer, analyzer, full, report) as target:
        for doc in docs:
            target.put(doc, encode(analyse(doc, analyzer), encoder))
            report.indexed.append(doc.id)
    return len(report.indexed)


__all__ = ["BuildReport", "build", "changed_files", "write_documents"]
