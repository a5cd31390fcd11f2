"""Build or update an OpenSearch index from a folder, through an alias.

The index the app reads is an alias (``vdoc``) pointing at one physical index
``vdoc-<fingerprint>-<n>``, and ``vdoc.chunks`` at its companion
``vdoc-<fingerprint>-<n>.chunks`` (the texts and citations, in chunk records:
``opensearch_chunks``).  Physical indexes never refresh by themselves
(``refresh_interval: -1``): a build writes, then refreshes once, so searchers
see the whole update at once and never half of it.

- Incremental build (same fingerprint): add, replace and delete by document
  id in the current physical index; what it holds is read from doc values
  (with each document's number of chunk and details records, so an update
  deletes the records past its new count).
- Full rebuild (no index yet, another fingerprint): write a new physical
  index pair (no replica while loading), give it its replicas, then move both
  aliases in one ``_aliases`` call and delete the old pair.  A killed rebuild
  leaves indexes no alias points at; the next rebuild deletes them.

Which physical indexes a build writes and the alias swap are
``opensearch_alias``.  Workers analyse (``index.pipeline`` with
``engine="opensearch"``); this process sends bulk requests.  A second builder on the same alias finds the
lock (``opensearch_lock``) and exits with a message.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Callable, Iterable

from indexer.analysis.analyzer import Analyzer
from indexer.extract.records import Document
from indexer.extract.sources import discover
from indexer.index.build import BuildReport, _changed
from indexer.index.opensearch_client import connect, reaching
from indexer.index.opensearch_alias import Target, finish, open_target
from indexer.index.opensearch_lock import BuildLock
from indexer.index.fields import index_fields, reading_parts, view_text
from indexer.index.opensearch_chunks import (analyse, chunk_records, chunks_name, detail_pages, detail_records,
                                             record_ids)
from indexer.index.opensearch_health import require_manager, wait_for_shards
from indexer.index.opensearch_mapping import LABEL_SEP, fingerprint
from indexer.index.pipeline import PrepareOptions, prepared_stream

log = logging.getLogger("indexer.build")
BATCH_DOCS = 500
BATCH_BYTES = 16 * 1024 * 1024
RECOVERY_SECONDS = 180.0  # how long a build waits for a lost node's shards to be live again
RESENDS = 3  # a batch is sent again at most this often (each time once its shards are live)
RESEND_STATUS = (429, 502, 503, 504)
PRIMARY_WAIT = "20s"
REQUEST_SECONDS = 60


class BulkWriter:
    """Index and delete actions sent in batches; each item's failure is kept by id.

    A batch the cluster could not take whole (a node died under it: the request
    failed, or items answered 503 because their shard had no live primary yet,
    or 429) is sent again once the shards are live, waiting up to
    ``recovery_seconds`` (``opensearch_health.wait_for_shards``)."""

    def __init__(self, client, index: str, url: str = "", recovery_seconds: float = RECOVERY_SECONDS,
                 chunks: str | None = None):
        self.client, self.index, self.url = client, index, url
        self.indexes = [index] + ([chunks] if chunks else [])
        self.recovery_seconds = recovery_seconds
        self.actions: list[dict] = []
        self.size = 0
        self.failed: dict[str, str] = {}
        self.engine_seconds = 0.0

    def put(self, doc_id: str, body: dict, index: str | None = None, size: int = 0) -> None:
        """Index ``body``; ``size`` (about its JSON's length) cuts batches near BATCH_BYTES."""
        self._add({"_op_type": "index", "_index": index or self.index, "_id": doc_id, "_source": body}, size + 500)

    def delete(self, doc_id: str, index: str | None = None) -> None:
        self._add({"_op_type": "delete", "_index": index or self.index, "_id": doc_id}, 100)

    def _add(self, action: dict, size: int) -> None:
        self.actions.append(action)
        self.size += size
        if len(self.actions) >= BATCH_DOCS or self.size >= BATCH_BYTES:
            self.flush()

    def flush(self) -> None:
        if not self.actions:
            return
        started = time.perf_counter()
        pending, refused = self.actions, []
        for attempt in range(1 + RESENDS):
            pending, errors = self._send(pending)
            refused += errors
            if not pending:
                break
            if attempt < RESENDS:  # raises what is wrong when they are not live in time
                wait_for_shards(self.client, self.url, self.indexes, self.recovery_seconds)
        self.engine_seconds += time.perf_counter() - started
        for item in refused:
            op, info = next(iter(item.items()))
            self.failed[info.get("_id", "?")] = f"OpenSearch refused it ({info.get('status')}: {str(info.get('error'))[:200]})"
        for action in pending:  # live shards that still would not take them
            self.failed[action["_id"]] = f"OpenSearch did not take it after {RESENDS + 1} tries"
        self.actions, self.size = [], 0

    def _send(self, actions: list[dict]) -> tuple[list[dict], list[dict]]:
        """(actions to send again, items refused for good) of one bulk call."""
        from opensearchpy.exceptions import ConnectionError as OSConnectionError, TransportError
        from opensearchpy.helpers import bulk

        try:
            # The cluster waits PRIMARY_WAIT for a shard's primary (it answers 503
            # for the items it could not place), well within the client's timeout.
            _, errors = bulk(self.client, actions, chunk_size=BATCH_DOCS, max_chunk_bytes=BATCH_BYTES * 2,
                             raise_on_error=False, max_retries=5, initial_backoff=1, refresh=False,
                             timeout=PRIMARY_WAIT, request_timeout=REQUEST_SECONDS)
        except OSConnectionError:
            return actions, []  # every node failed it: send it all again once the shards are live
        except TransportError as exc:
            if exc.status_code in RESEND_STATUS:
                return actions, []
            raise
        again, refused = set(), []
        for item in errors:
            op, info = next(iter(item.items()))
            if op == "delete" and info.get("status") == 404:
                continue
            if info.get("status") in RESEND_STATUS:
                again.add((info.get("_index"), info.get("_id")))
            else:
                refused.append(item)
        return [a for a in actions if (a["_index"], a["_id"]) in again], refused


def build(src_dir: Path, url: str, alias: str, *, options: PrepareOptions | None = None,
          progress: Callable[[Iterable], Iterable] = lambda it: it, shards: int = 1,
          full: bool = False, recovery_seconds: float = RECOVERY_SECONDS) -> BuildReport:
    """Bring the alias's index in line with the folder: add, update, remove, skip.
    A node lost meanwhile is waited for up to ``recovery_seconds`` (its shards'
    other copies take over at once; a first build's have none)."""
    options = options or PrepareOptions()
    options = PrepareOptions(**{**options.__dict__, "engine": "opensearch"})
    analyzer, fp = options.analyzer, fingerprint(options.analyzer)
    report = BuildReport()
    files, passed = discover(Path(src_dir))
    report.skipped.extend(passed)
    client = connect(url)
    with reaching(url, client, [alias, chunks_name(alias)]):
        require_manager(client, url)
    with reaching(url, client, [alias, chunks_name(alias)]), BuildLock(client, alias):
        target = open_target(client, alias, fp, analyzer, shards, fresh=full)
        report.rebuilt = target.rebuilt
        if report.rebuilt:  # said before the work (the summary says it again)
            log.warning("rebuilding OpenSearch index %s from scratch: %s", alias, report.rebuilt)
        writer = BulkWriter(client, target.name, url, recovery_seconds, target.chunks)
        for prepared in progress(prepared_stream(_changed(files, target.known, report), options)):
            _index_one(writer, target, prepared, report)
        seen = {s.relpath for s in files}
        for doc_id in sorted(set(target.known) - seen):
            _delete(writer, target, doc_id)
            report.removed.append(doc_id)
        writer.flush()
        _drop_failed(writer.failed, report)
        wait_for_shards(client, url, writer.indexes, recovery_seconds)  # a refresh needs every primary
        finish(client, target, alias, fp, analyzer, report, url)
    return report


def _index_one(writer: BulkWriter, target: Target, prepared, report: BuildReport) -> None:
    if prepared.skipped is not None:
        report.skipped.append((prepared.source.relpath, prepared.skipped))
        return
    doc = prepared.doc
    previous = target.known.get(doc.id)
    if previous and previous[0] == doc.checksum:
        report.unchanged += 1
    elif previous:
        report.updated.append(doc.id)
    else:
        report.indexed.append(doc.id)
    _put(writer, target, doc, prepared.analysed)


def _put(writer: BulkWriter, target: Target, doc: Document, analysed: dict) -> None:
    """The document, its chunk and details records, and the deletion of the records
    an earlier version had beyond the new ones."""
    records = chunk_records(doc.id, doc.text, analysed, reading_parts(doc, analysed["chunks"])) + detail_records(doc.id, [c.to_dict() for c in doc.citations])
    for record_id, record in records:
        writer.put(record_id, record, target.chunks, (len(record.get("text", "")) + len(record.get("restored_text", ""))) * 3)
    old = target.layout.get(doc.id)
    if old:
        for record_id in sorted(record_ids(doc.id, *old) - {r for r, _ in records}):
            writer.delete(record_id, target.chunks)
    writer.put(doc.id, source(doc, analysed), size=len(doc.text) * 4)


def _delete(writer: BulkWriter, target: Target, doc_id: str) -> None:
    for record_id in sorted(record_ids(doc_id, *target.layout.get(doc_id, (1, 0)))):
        writer.delete(record_id, target.chunks)
    writer.delete(doc_id)


def _drop_failed(failed: dict[str, str], report: BuildReport) -> None:
    """Documents the engine refused are reported as skipped, not as indexed."""
    if not failed:
        return
    report.indexed = [d for d in report.indexed if d not in failed]
    report.updated = [d for d in report.updated if d not in failed]
    report.removed = [d for d in report.removed if d not in failed]
    report.skipped += sorted(failed.items())


def write_documents(url: str, alias: str, docs: Iterable[Document], *, analyzer: Analyzer | None = None,
                    shards: int = 1, timings: dict | None = None) -> int:
    """Index documents (not files) into a fresh physical index and move the alias to it
    (benchmarks).  ``timings`` receives the seconds spent analysing and in the engine."""
    analyzer = analyzer or Analyzer()
    fp = fingerprint(analyzer)
    client = connect(url, timeout=120)
    report = BuildReport()
    analysis = 0.0
    with reaching(url, client, [alias, chunks_name(alias)]), BuildLock(client, alias):
        target = open_target(client, alias, fp, analyzer, shards, fresh=True)
        writer = BulkWriter(client, target.name, url, chunks=target.chunks)
        for doc in docs:
            started = time.perf_counter()
            analysed = analyse(doc.text, tuple(doc.pages), analyzer, view_text(doc, "exact", analyzer))
            analysis += time.perf_counter() - started
            _put(writer, target, doc, analysed)
            report.indexed.append(doc.id)
        writer.flush()
        _drop_failed(writer.failed, report)
        started = time.perf_counter()
        finish(client, target, alias, fp, analyzer, report, url)
        writer.engine_seconds += time.perf_counter() - started
    if timings is not None:
        timings.update(analysis=analysis, engine=writer.engine_seconds)
    return len(report.indexed)


def source(doc: Document, analysed: dict) -> dict:
    """The JSON document: stored fields, keywords and the token views (no text:
    that goes to the chunk records)."""
    f = index_fields(doc, analysed["chunks"], [], [])
    entries = json.loads(f.pop("cites_col").decode())
    drop = ("cites", "filestate", "chunk_positions", "key_terms")
    body = {k: v for k, v in f.items() if k not in drop}
    body["chunk_count"] = len(analysed["chunks"])
    body["detail_pages"] = detail_pages(len(doc.citations))
    body["key_terms"] = analysed["key_terms"]
    body["filestate"] = f["filestate"].decode()
    body["numbers"] = [f["numbers"]] if f["numbers"] else []
    body["cited_numbers"] = f["cited_numbers"].split()
    body["cites"] = f["cites"].split()
    body["cite_decisions"] = [key for key, _, type_code in entries if type_code == "QĐ"]
    body["cite_labels"] = [f"{key}{LABEL_SEP}{label}" for key, label, _ in entries]
    body["has_date"] = bool(f["date"])
    body.update(analysed["tokens"])
    return body
