"""The OpenSearch engine's writer: bulk requests into an index behind an alias.

The index the app reads is an alias (``vdoc``) pointing at one physical index
``vdoc-<fingerprint>-<n>``, and ``vdoc.chunks`` at its companion
``vdoc-<fingerprint>-<n>.chunks`` (the texts and citations, in chunk records:
``chunks``).  Physical indexes never refresh by themselves
(``refresh_interval: -1``): a build writes, then refreshes once, so searchers
see the whole update at once and never half of it.

- Incremental build (same fingerprint): add, replace and delete by document
  id in the current physical index; what it holds is read from doc values
  (with each document's number of chunk and details records, so an update
  deletes the records past its new count).
- Full rebuild (no index yet, another fingerprint, ``full``): write a new
  physical index pair (no replica while loading), give it its replicas, then
  move both aliases in one ``_aliases`` call and delete the old pair.  A
  killed rebuild leaves indexes no alias points at; the next rebuild deletes them.

Which physical indexes a build writes and the alias swap are ``alias``.
Workers analyse and encode (``encoder``); this process sends bulk requests.
A second builder on the same alias finds the lock (``lock``) and exits with a message.
"""

from __future__ import annotations

import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Iterable

from indexer.analysis.analyzer import Analyzer
from indexer.extract.records import Document
from indexer.index import build as build_loop
from indexer.index.analysed import Encoded
from indexer.index.opensearch.alias import Target, finish, open_target
from indexer.index.opensearch.chunks import chunks_name, record_ids
from indexer.index.opensearch.client import connect, reaching
from indexer.index.opensearch.encoder import OpenSearchEncoder, records, source
from indexer.index.opensearch.health import NODE_LOST, require_manager, wait_for_shards
from indexer.index.opensearch.lock import BuildLock
from indexer.index.opensearch.mapping import fingerprint
from indexer.index.report import BuildReport

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
    ``recovery_seconds`` (``health.wait_for_shards``)."""

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
            # A node the cluster has not yet seen go (node_not_connected_exception and
            # kin) is a lost node too: wait for its shards like any other.
            if exc.status_code in RESEND_STATUS or exc.error in NODE_LOST:
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


class OpenSearchWriter:
    """The alias ``alias`` in the cluster at ``url`` (an ``index.engine.EngineWriter``).
    ``shards``: primaries of a new index; ``ocr_cache``: where OCR results are
    cached (there is no index folder to keep them beside); a node lost during
    the build is waited for up to ``recovery_seconds`` (its shards' other copies
    take over at once; a first build's have none)."""

    name = "opensearch"

    def __init__(self, url: str, alias: str, shards: int = 1, ocr_cache: Path | None = None, timeout: float = 30.0,
                 recovery_seconds: float = RECOVERY_SECONDS):
        self.url, self.alias, self.shards, self.ocr_cache = url, alias, shards, ocr_cache
        self.recovery_seconds = recovery_seconds
        self.client = connect(url, timeout=timeout)

    @contextmanager
    def lock(self):
        # Every failure to reach the cluster, for the whole build, becomes a message
        # that says what the cluster sees about this alias's indexes.
        names = [self.alias, chunks_name(self.alias)]
        with reaching(self.url, self.client, names):
            require_manager(self.client, self.url)  # at once, not the cluster's 30 s per request
        with ExitStack() as stack:
            stack.enter_context(reaching(self.url, self.client, names))
            stack.enter_context(BuildLock(self.client, self.alias))
            yield

    def encoder(self, analyzer: Analyzer) -> OpenSearchEncoder:
        return OpenSearchEncoder()

    def open(self, analyzer: Analyzer, full: bool = False) -> "OpenSearchTarget":
        fp = fingerprint(analyzer)
        target = open_target(self.client, self.alias, fp, analyzer, self.shards, fresh=full)
        return OpenSearchTarget(self, target, analyzer, fp)


class OpenSearchTarget:
    """The physical index pair a build writes (an ``index.engine.Target``)."""

    def __init__(self, writer: OpenSearchWriter, target: Target, analyzer: Analyzer, fp: str):
        self.writer, self.target, self.analyzer, self.fp = writer, target, analyzer, fp
        self.known, self.rebuilt = target.known, target.rebuilt
        self.location = f"OpenSearch index {writer.alias}"
        self.bulk = BulkWriter(writer.client, target.name, writer.url, writer.recovery_seconds, target.chunks)

    def put(self, doc: Document, encoded: Encoded) -> None:
        """The document, its chunk and details records, and the deletion of the records
        an earlier version had beyond the new ones."""
        target, bulk = self.target, self.bulk
        new = records(doc, encoded)
        for record_id, record in new:
            bulk.put(record_id, record, target.chunks,
                     (len(record.get("text", "")) + len(record.get("restored_text", ""))) * 3)
        old = target.layout.get(doc.id)
        if old:
            for record_id in sorted(record_ids(doc.id, *old) - {r for r, _ in new}):
                bulk.delete(record_id, target.chunks)
        bulk.put(doc.id, source(doc, encoded), size=len(doc.text) * 4)

    def delete(self, doc_id: str) -> None:
        for record_id in sorted(record_ids(doc_id, *self.target.layout.get(doc_id, (1, 0)))):
            self.bulk.delete(record_id, self.target.chunks)
        self.bulk.delete(doc_id)

    def flush(self) -> dict[str, str]:
        self.bulk.flush()
        return self.bulk.failed

    def cancel(self) -> None:
        pass  # nothing is refreshed: readers see none of what was sent (a later build refreshes over it)

    def finish(self, report: BuildReport) -> None:
        writer = self.writer
        wait_for_shards(writer.client, writer.url, self.bulk.indexes, writer.recovery_seconds)  # a refresh needs every primary
        finish(writer.client, self.target, writer.alias, self.fp, self.analyzer, report, writer.url)


def open_writer(index: str, url: str, shards: int, user_cache: str | None,
                recovery_seconds: float | None = None) -> OpenSearchWriter:
    """The writer of the alias ``index`` in the cluster at ``url`` (indexer.backends)."""
    return OpenSearchWriter(url, index, shards, Path(user_cache) if user_cache else None,
                            recovery_seconds=RECOVERY_SECONDS if recovery_seconds is None else recovery_seconds)


def build(src_dir: Path, url: str, alias: str, *, shards: int = 1, ocr_cache: Path | None = None,
          recovery_seconds: float = RECOVERY_SECONDS, **options) -> BuildReport:
    """``index.build.build`` into the alias ``alias`` of the cluster at ``url``."""
    writer = OpenSearchWriter(url, alias, shards, ocr_cache, recovery_seconds=recovery_seconds)
    return build_loop.build(src_dir, writer, **options)


def write_documents(url: str, alias: str, docs: Iterable[Document], *, shards: int = 1, **options) -> int:
    """``index.build.write_documents`` into a fresh physical index, then the alias moves to it."""
    return build_loop.write_documents(OpenSearchWriter(url, alias, shards, timeout=120), docs, full=True, **options)
