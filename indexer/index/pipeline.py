"""Prepare documents in worker processes; the index writer only writes.

Whoosh's writer runs every analyzer inside ``add_document`` in one process,
and its own multiprocessing writer pickles whole texts to sub-writers and then
merges their segments (slower here, measured).  Instead, each worker turns a
file into a Document *and* its analysed postings (``PreAnalyzed``), so the
single writer process is left with appending postings and committing.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from indexer.extract.records import Document
from indexer.errors import SkipFile
from indexer.extract.document import document_from_file
from indexer.index.schema import TEXT_FIELDS, PreAnalyzed, make_schema
from indexer.extract.sources import SourceFile

# Below this many files a pool costs more to start than it saves.
POOL_THRESHOLD = 16


@dataclass
class Prepared:
    source: SourceFile
    doc: Document | None = None
    postings: dict[str, PreAnalyzed] | None = None
    skipped: str | None = None  # the reason, when the file cannot be indexed


_schemas: dict[bool, object] = {}


def analyse(doc: Document, repair: bool) -> dict[str, PreAnalyzed]:
    """Compute the text fields' postings now, exactly as the writer would."""
    schema = _schemas.setdefault(repair, make_schema(repair))
    out = {}
    for name in TEXT_FIELDS:
        field = schema[name]
        fmt = field.format
        out[name] = PreAnalyzed(field.analyzer.postings(doc.text, fmt.field_boost, fmt.encode))
    return out


def prepare(source: SourceFile, max_bytes: int, repair: bool) -> Prepared:
    """File -> Document and postings; a bad file becomes a reason, never an error."""
    try:
        doc = document_from_file(source.path, source.relpath, max_bytes)
    except SkipFile as exc:
        return Prepared(source, skipped=str(exc))
    except OSError as exc:
        return Prepared(source, skipped=f"cannot read ({exc.strerror or exc})")
    return Prepared(source, doc, analyse(doc, repair))


def _exit_with(parent: int) -> None:
    """Worker initializer: exit when the indexer is gone (killed workers would wait forever)."""

    def watch():
        while True:
            time.sleep(0.5)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _bounded_map(executor: Executor, fn: Callable, items: Iterable, window: int) -> Iterator:
    """executor.map that keeps at most ``window`` tasks in flight, in order."""
    pending: deque = deque()
    for item in items:
        pending.append(executor.submit(fn, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def prepared_stream(sources: list[SourceFile], max_bytes: int, repair: bool, workers: int | None = None) -> Iterator[Prepared]:
    """Prepared documents in source order, from a process pool when it pays."""
    from functools import partial

    fn = partial(prepare, max_bytes=max_bytes, repair=repair)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(sources) < POOL_THRESHOLD:
        yield from map(fn, sources)
        return
    # Workers come from a fork server, not forked from this process: a forked
    # worker inherits the index's write lock (an flock) and, when the indexer
    # is killed, keeps it forever, so every later build says "busy".
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(workers, context, initializer=_exit_with, initargs=(os.getpid(),)) as pool:
        yield from _bounded_map(pool, fn, sources, window=workers * 8)
