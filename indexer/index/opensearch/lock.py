"""One builder per alias: a lease document in the cluster itself.

A folder lock (flock) cannot be seen by a builder on another machine, so the
lock is a document ``<alias>`` in the index ``<alias>-build-lock``, created
with ``op_type=create`` (the cluster refuses a second one).  It is a lease:
a thread renews it while the build runs, compare-and-set on its sequence
number, so a builder killed with SIGKILL frees the alias when the lease runs
out (``LEASE_SECONDS``) instead of locking it forever.
"""

from __future__ import annotations

import os
import socket
import threading
import time

from indexer.errors import IndexBusyError

LEASE_SECONDS = 90.0
RENEW_SECONDS = 15.0


def lock_index(alias: str) -> str:
    return f"{alias}-build-lock"


class BuildLock:
    def __init__(self, client, alias: str, lease: float = LEASE_SECONDS):
        self.client, self.alias, self.lease = client, alias, lease
        self.index = lock_index(alias)
        self.version: tuple[int, int] | None = None  # (seq_no, primary_term) of our lease
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _body(self) -> dict:
        return {"host": socket.gethostname(), "pid": os.getpid(), "since": time.strftime("%Y-%m-%d %H:%M:%S"),
                "expires": time.time() + self.lease}

    def __enter__(self) -> "BuildLock":
        from opensearchpy.exceptions import ConflictError, RequestError

        if not self.client.indices.exists(index=self.index):
            try:
                self.client.indices.create(index=self.index, body={"settings": {"number_of_shards": 1,
                                                                                "auto_expand_replicas": "0-1"}})
            except RequestError as exc:  # created by another builder meanwhile
                if exc.error != "resource_already_exists_exception":
                    raise
        try:
            found = self.client.create(index=self.index, id=self.alias, body=self._body(), refresh="true")
        except ConflictError:
            found = self._take_over()
        self.version = (found["_seq_no"], found["_primary_term"])
        self._thread = threading.Thread(target=self._renew, daemon=True)
        self._thread.start()
        return self

    def _take_over(self) -> dict:
        """Another lease exists: refuse while it is alive, replace it when it expired."""
        from opensearchpy.exceptions import ConflictError

        held = self.client.get(index=self.index, id=self.alias)
        owner = held["_source"]
        if owner.get("expires", 0) > time.time():
            raise IndexBusyError(
                f"another indexer is writing to the OpenSearch index '{self.alias}' (pid {owner.get('pid')} on "
                f"{owner.get('host')}, since {owner.get('since')}); wait for it to finish and run again")
        try:
            return self.client.index(index=self.index, id=self.alias, body=self._body(), refresh="true",
                                     if_seq_no=held["_seq_no"], if_primary_term=held["_primary_term"])
        except ConflictError:
            raise IndexBusyError(f"another indexer took the OpenSearch index '{self.alias}' just now; "
                                 "wait for it to finish and run again") from None

    def _renew(self) -> None:
        while not self._stop.wait(RENEW_SECONDS):
            try:
                seq, term = self.version
                done = self.client.index(index=self.index, id=self.alias, body=self._body(),
                                         if_seq_no=seq, if_primary_term=term)
                self.version = (done["_seq_no"], done["_primary_term"])
            except Exception:  # noqa: BLE001 - a node restarting: the next renewal tries again
                continue

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self.version is None:
            return
        from opensearchpy.exceptions import ConflictError, NotFoundError, TransportError

        seq, term = self.version
        try:
            self.client.delete(index=self.index, id=self.alias, if_seq_no=seq, if_primary_term=term, refresh="true")
        except (ConflictError, NotFoundError):
            pass  # our lease ran out and another builder holds it now: not ours to delete
        except TransportError:  # includes a cluster gone: the lease runs out by itself
            if exc[0] is None:
                raise  # else the build's own error is the one to tell
