"""Prepare documents in worker processes; the index writer only writes.

Whoosh's writer runs every analyzer inside ``add_document`` in one process,
and its own multiprocessing writer pickles whole texts to sub-writers and then
merges their segments (slower here, measured).  Instead, each worker turns a
file into a Document *and* its analysed postings (``PreAnalyzed``), so the
single writer process is left with appending postings and committing.

One bad file never stops a build: whatever reading it raises becomes the
reason it is skipped (the traceback goes to the log), and each file has a
time budget, enforced inside the worker by an alarm (pure-Python loops and
``re`` both honour it) and, should a worker stop answering altogether, by
the parent, which replaces the pool and carries on with the other files.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor, TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Iterator

from indexer.analysis.analyzer import Analyzer
from indexer.errors import SkipFile
from indexer.extract.document import document_from_file
from indexer.extract.loaders import DEFAULT_MAX_BYTES, OCR_SUFFIXES, OcrOptions
from indexer.extract.records import Document
from indexer.extract.sources import SourceFile
from indexer.index.fields import Analysed, analyse, marks_of

log = logging.getLogger("indexer.build")


@dataclass(frozen=True)
class PrepareOptions:
    analyzer: Analyzer = field(default_factory=Analyzer)
    max_bytes: int = DEFAULT_MAX_BYTES
    # Seconds one file may take to read, extract and analyse, plus so many per MB:
    # the budget stops what runs away (a quadratic path, a crafted file), not a
    # large honest file (a 19 MB text takes 30 to 60 s on a busy 2-core machine).
    file_seconds: float = 60.0
    seconds_per_mb: float = 10.0
    workers: int | None = None  # None: one per core
    # Below this many files a pool costs more to start than it saves.
    pool_threshold: int = 16
    # Whose analysed form the workers produce: "whoosh" postings (Analysed), or
    # the token strings of "opensearch" (index.opensearch_mapping).
    engine: str = "whoosh"
    # OCR of scans and page images (None: off); its page time limit adds to
    # the file's budget for every page it reads.
    ocr: OcrOptions | None = field(default_factory=OcrOptions)


@dataclass
class Prepared:
    source: SourceFile
    doc: Document | None = None
    analysed: Analysed | dict | None = None  # dict: OpenSearch's (opensearch_chunks.analyse)
    skipped: str | None = None  # the reason, when the file cannot be indexed

    @property
    def pages(self) -> int:
        """Pages this file counts for on the progress bar."""
        return len(self.doc.pages) + 1 if self.doc is not None else 1


class FileTimeout(Exception):
    """The file's time budget ran out (raised by the alarm)."""


def analysed(doc: Document, options: PrepareOptions) -> Analysed | dict:
    """The document's text fields in the form its engine takes."""
    if options.engine == "opensearch":
        from indexer.index.opensearch_chunks import analyse as analyse_for_opensearch

        return analyse_for_opensearch(doc.text, tuple(doc.pages), options.analyzer, marks_of(doc))
    return analyse(doc, options.analyzer)


def _extend(seconds: float) -> None:
    """Give the running alarm ``seconds`` more (an OCR page's own limit)."""
    remaining, _ = signal.getitimer(signal.ITIMER_REAL)
    if remaining > 0:
        signal.setitimer(signal.ITIMER_REAL, remaining + seconds)


@contextmanager
def time_budget(seconds: float):
    """Raise FileTimeout in this thread after ``seconds`` (main thread only; elsewhere no-op).

    Yields a function that extends the budget (OCR calls it before each page).
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield lambda _seconds: None
        return

    def expire(signum, frame):
        raise FileTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield _extend
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def budget(options: PrepareOptions, size: int) -> float:
    """The seconds a file of ``size`` bytes may take (0: no budget)."""
    if options.file_seconds <= 0:
        return 0.0
    return options.file_seconds + options.seconds_per_mb * size / 2**20


def prepare(source: SourceFile, options: PrepareOptions) -> Prepared:
    """File -> Document and postings; a bad file becomes a reason, never an error."""
    try:
        seconds = budget(options, source.path.stat().st_size)
    except OSError:
        seconds = options.file_seconds
    try:
        with time_budget(seconds) as extend:
            ocr = replace(options.ocr, on_page=extend) if options.ocr is not None else None
            doc = document_from_file(source.path, source.relpath, options.max_bytes, ocr)
            return Prepared(source, doc, analysed(doc, options))
    except SkipFile as exc:
        return Prepared(source, skipped=str(exc))
    except FileTimeout:
        return Prepared(source, skipped=f"took longer than {seconds:.0f} s to read (time budget per file)")
    except OSError as exc:
        return Prepared(source, skipped=f"cannot read ({exc.strerror or exc})")
    except MemoryError:
        return Prepared(source, skipped="too large to read in memory")
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop a build
        log.exception("reading %s failed", source.relpath)
        return Prepared(source, skipped=f"could not be read ({exc.__class__.__name__}: {str(exc)[:200]})")


def _init_worker(parent: int, analyzer: Analyzer) -> None:
    """Worker initializer: watch the parent, and warm up."""
    _exit_with(parent)
    warm_up(analyzer)


def warm_up(analyzer: Analyzer) -> None:
    """Load models and modules before the first file, so loading never counts
    against one file's time budget."""
    from indexer.extract.document import document_from_text
    from indexer.extract.restore.reading import warm_up as warm_up_restorer

    warm_up_restorer()
    analyse(document_from_text("warm-up", "warm-up", "UBND XÃ A\nSố: 1/BC-UBND\nBÁO CÁO\nKết luận của Chủ tịch"), analyzer)


def _exit_with(parent: int) -> None:
    """Exit when the indexer is gone (killed workers would wait forever)."""

    def watch():
        while True:
            time.sleep(0.5)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


class _Pool:
    """A process pool that can be replaced when a worker hangs or dies."""

    def __init__(self, workers: int, analyzer: Analyzer):
        self.workers = workers
        self.analyzer = analyzer
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # Workers come from a fork server, not forked from this process: a forked
        # worker inherits the index's write lock (an flock) and, when the indexer
        # is killed, keeps it forever, so every later build says "busy".
        context = multiprocessing.get_context("forkserver")
        return ProcessPoolExecutor(self.workers, context, initializer=_init_worker, initargs=(os.getpid(), self.analyzer))

    def submit(self, source: SourceFile, options: PrepareOptions) -> Future:
        return self.executor.submit(prepare, source, options)

    def replace(self) -> None:
        """Kill every worker (a stuck one never returns) and start afresh."""
        for proc in list(getattr(self.executor, "_processes", {}).values()):
            proc.kill()
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def prepared_stream(sources: list[SourceFile], options: PrepareOptions = PrepareOptions()) -> Iterator[Prepared]:
    """Prepared documents in source order, from a process pool when it pays."""
    workers = options.workers if options.workers is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(sources) < options.pool_threshold:
        if sources and options.file_seconds > 0:
            warm_up(options.analyzer)
        for source in sources:
            yield prepare(source, options)
        return
    pool = _Pool(workers, options.analyzer)
    try:
        yield from _pooled(pool, sources, options, window=workers * 8)
    finally:
        pool.close()


def _pooled(pool: _Pool, sources: list[SourceFile], options: PrepareOptions, window: int) -> Iterator[Prepared]:
    """Results in order with at most ``window`` files in flight.

    A worker that does not answer within twice the file budget (plus start-up
    slack) is stuck in code no alarm reaches: the pool is replaced, that file
    skipped and the others in flight submitted again.  A worker process that
    died (killed for memory) breaks the pool and every file in flight with it:
    those are then read one at a time in a fresh pool, so only the file that
    kills a worker on its own is skipped.
    """
    pending: deque[tuple[SourceFile, Future]] = deque()
    queue = iter(sources)

    def fill():
        while len(pending) < window:
            source = next(queue, None)
            if source is None:
                return
            pending.append((source, pool.submit(source, options)))

    fill()
    while pending:
        source, future = pending[0]
        hard_limit = _hard_limit(source, options)
        try:
            result = future.result(timeout=hard_limit)
        except FutureTimeout:
            others = [s for s, _ in list(pending)[1:]]
            pool.replace()
            pending.clear()
            pending.extend((s, pool.submit(s, options)) for s in others)
            result = _stuck(source, hard_limit)
        except BrokenProcessPool:
            suspects = [s for s, _ in pending]
            pool.replace()
            pending.clear()
            for suspect in suspects:
                yield _alone(pool, suspect, options, _hard_limit(suspect, options))
            fill()
            continue
        else:
            pending.popleft()
        yield result
        fill()


def _hard_limit(source: SourceFile, options: PrepareOptions) -> float | None:
    """Past twice its budget (and some slack for a busy machine) a worker is stuck
    where no alarm reaches."""
    try:
        size = source.path.stat().st_size
    except OSError:
        size = 0
    seconds = budget(options, size)
    if seconds and options.ocr is not None and source.path.suffix.lower() in OCR_SUFFIXES:
        # The worker's alarm grows by each OCR page's limit; the parent must not give up first.
        seconds += options.ocr.max_pages * options.ocr.page_seconds
    return 2 * seconds + 30 if seconds else None


def _stuck(source: SourceFile, seconds: float | None) -> Prepared:
    reason = f"reading stopped answering after {seconds:g} s (time budget per file)"
    log.error("%s: %s", source.relpath, reason)
    return Prepared(source, skipped=reason)


def _alone(pool: _Pool, source: SourceFile, options: PrepareOptions, hard_limit: float | None) -> Prepared:
    """Read one file with nothing else in flight, so a crash names its cause."""
    try:
        return pool.submit(source, options).result(timeout=hard_limit)
    except FutureTimeout:
        pool.replace()
        return _stuck(source, hard_limit)
    except BrokenProcessPool:
        pool.replace()
        reason = "the process reading it died (out of memory?)"
        log.error("%s: %s", source.relpath, reason)
        return Prepared(source, skipped=reason)
