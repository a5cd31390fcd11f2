"""Prepare documents in worker processes; the index writer only writes.

Whoosh's writer runs every analyzer inside ``add_document`` in one process,
and its own multiprocessing writer pickles whole texts to sub-writers and then
merges their segments (slower here, measured).  Instead, each worker turns a
file into a Document, analyses it (``analysed``: the same for every engine)
and encodes it with the encoder the writer chose (``Encoded``: Whoosh's
postings, OpenSearch's token strings), so the single writer process is left
with appending them and committing.

One bad file never stops a build: whatever reading it raises becomes the
reason it is skipped (the traceback goes to the log), and each file has a
time budget, kept by the parent (``index.workers``): the file is read in a
worker process that is killed at the file's deadline, also when a build has
only a few files.  Only a build without a budget reads its few files in this
process.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Iterator

from indexer.analysis.analyzer import Analyzer
from indexer.analysis.ocr_repair import DEFAULT_MODEL
from indexer.errors import SkipFile
from indexer.extract.document import document_from_file
from indexer.extract.loaders import DEFAULT_MAX_BYTES, OcrOptions
from indexer.extract.records import Document
from indexer.extract.sources import SourceFile
from indexer.index.analysed import Encoded, Encoder, analyse, encode
from indexer.index.workers import Died, Extend, Failed, Task, TimedOut, supervised

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
    # The engine's form of the text views, computed in the workers (chosen by
    # the writer: index.engine.EngineWriter.encoder); None: the views unencoded.
    encoder: Encoder | None = None
    # OCR of scans and page images (None: off); its page time limit adds to
    # the file's budget for every page it reads.
    ocr: OcrOptions | None = field(default_factory=OcrOptions)


@dataclass
class Prepared:
    source: SourceFile
    doc: Document | None = None
    encoded: Encoded | None = None
    skipped: str | None = None  # the reason, when the file cannot be indexed

    @property
    def pages(self) -> int:
        """Pages this file counts for on the progress bar."""
        return len(self.doc.pages) + 1 if self.doc is not None else 1


def encoded(doc: Document, options: PrepareOptions) -> Encoded:
    """The document's text views analysed, in the form its engine takes."""
    return encode(analyse(doc, options.analyzer), options.encoder)


def budget(options: PrepareOptions, size: int) -> float:
    """The seconds a file of ``size`` bytes may take (0: no budget)."""
    if options.file_seconds <= 0:
        return 0.0
    return options.file_seconds + options.seconds_per_mb * size / 2**20


def prepare(source: SourceFile, options: PrepareOptions, on_page: Extend | None = None) -> Prepared:
    """File -> Document and postings; a bad file becomes a reason, never an error.

    ``on_page`` is called before each OCR page with the seconds the page may
    take (a worker asks its supervisor for that much more time).
    """
    try:
        ocr = replace(options.ocr, on_page=on_page) if options.ocr is not None and on_page else options.ocr
        doc = document_from_file(source.path, source.relpath, options.max_bytes, ocr)
        return Prepared(source, doc, encoded(doc, options))
    except SkipFile as exc:
        return Prepared(source, skipped=str(exc))
    except OSError as exc:
        return Prepared(source, skipped=f"cannot read ({exc.strerror or exc})")
    except MemoryError:
        return Prepared(source, skipped="too large to read in memory")
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop a build
        log.exception("reading %s failed", source.relpath)
        return Prepared(source, skipped=f"could not be read ({exc.__class__.__name__}: {str(exc)[:200]})")


def warm_up(analyzer: Analyzer) -> None:
    """Load models and modules before the first file, so loading never counts
    against one file's time budget."""
    from indexer.extract.document import document_from_text
    from indexer.extract.restore.reading import warm_up as warm_up_restorer

    warm_up_restorer()
    analyse(document_from_text("warm-up", "warm-up", "UBND XÃ A\nSố: 1/BC-UBND\nBÁO CÁO\nKết luận của Chủ tịch"), analyzer)


def prepared_stream(sources: list[SourceFile], options: PrepareOptions = PrepareOptions()) -> Iterator[Prepared]:
    """Prepared documents in source order, read by supervised worker processes
    (a pool when it pays, else one), or here when there is no time budget to keep
    and too few files for a pool."""
    workers = options.workers if options.workers is not None else (os.cpu_count() or 1)
    pooled = workers > 1 and len(sources) >= options.pool_threshold
    if not pooled and options.file_seconds <= 0:
        for source in sources:
            yield prepare(source, options)
        return
    processes = workers if pooled else 1
    task = Task(key=_warm_up_key(options.analyzer), setup=partial(warm_up, options.analyzer),
                work=partial(_prepare_in_worker, options))
    for source, outcome in supervised(sources, task, processes=processes, seconds=partial(_seconds, options),
                                      window=processes * 8):
        yield _prepared(source, outcome)


def _warm_up_key(analyzer: Analyzer) -> tuple:
    """What a worker's warm-up loaded: a kept worker is used again only for the same
    analyzer and the same OCR-repair model file (models are cached by path, so a
    model retrained in place needs a fresh worker)."""
    model = Path(analyzer.model or DEFAULT_MODEL)
    try:
        stat = model.stat()
        return ("prepare", analyzer, stat.st_mtime_ns, stat.st_size)
    except OSError:
        return ("prepare", analyzer, None, None)


def _prepare_in_worker(options: PrepareOptions, source: SourceFile, extend: Extend) -> Prepared:
    return prepare(source, options, on_page=extend)


def _seconds(options: PrepareOptions, source: SourceFile) -> float:
    try:
        return budget(options, source.path.stat().st_size)
    except OSError:
        return budget(options, 0)


def _prepared(source: SourceFile, outcome: Any) -> Prepared:
    """A worker's outcome as a Prepared file (the reason, when it is skipped)."""
    if isinstance(outcome, Prepared):
        return outcome
    if isinstance(outcome, TimedOut):
        return Prepared(source, skipped=f"took longer than {outcome.seconds:.0f} s to read (time budget per file)")
    if isinstance(outcome, Died):
        reason = "the process reading it died (out of memory?)"
    else:
        assert isinstance(outcome, Failed), outcome
        reason = f"could not be read ({outcome.message})"
    log.error("%s: %s", source.relpath, reason)
    return Prepared(source, skipped=reason)
