"""One reading worker process: its life (in the child), its handle (in the parent),
and the warmed workers a process keeps between runs (``index.workers`` runs them).

Workers come from the forkserver, not forked from the builder: a forked worker
inherits the index's write lock (an flock) and, when the builder is killed,
keeps it forever, so every later build says "busy".  A worker leads its own
process group, so that killing the group ends what it started (a Tesseract)
with it, and it exits when the parent dies: it waits on a pipe whose other end
only the parent holds, and EOF means the parent is gone.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from multiprocessing.connection import Connection
from typing import Any


def _serve(conn: Connection, alive: Connection) -> None:
    """A worker's life: ("use", Task) -> ("ready"); ("item", x) -> ("done", result)."""
    os.setpgid(0, 0)  # its own process group, so the parent's kill takes its children too
    threading.Thread(target=_exit_with, args=(alive,), daemon=True).start()
    warmed: set = set()
    work = None

    def extend(more: float) -> None:
        conn.send(("extend", more))

    while True:
        try:
            kind, payload = conn.recv()
        except EOFError:
            return
        try:
            if kind == "use":
                if payload.key not in warmed:
                    if payload.setup is not None:
                        payload.setup()
                    warmed.add(payload.key)
                work = payload.work
                conn.send(("ready", None))
            else:
                conn.send(("done", work(payload, extend)))
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which decides
            conn.send(("error", f"{exc.__class__.__name__}: {str(exc)[:300]}"))


def _exit_with(alive: Connection) -> None:
    """End this worker and what it started once the parent is gone (EOF: the
    parent held the only other end)."""
    try:
        alive.recv()
    except (EOFError, OSError):
        pass
    if os.getpgid(0) == os.getpid():
        os.killpg(0, signal.SIGKILL)
    os._exit(1)



class Worker:
    """One worker process as the parent sees it."""

    def __init__(self):
        context = multiprocessing.get_context("forkserver")
        self.conn, child = context.Pipe()
        alive, self._alive = context.Pipe(duplex=False)
        self.process = context.Process(target=_serve, args=(child, alive), daemon=True, name="vdoc-reader")
        self.process.start()
        child.close()
        alive.close()
        self.ready = False
        self.key: Any = None  # the key of the last setup it ran
        self.job: Any = None  # what it reads now (the supervisor's)

    def send(self, message: tuple) -> None:
        self.conn.send(message)

    def kill(self) -> None:
        """SIGKILL the worker's process group (what it started) and the worker."""
        pid = self.process.pid
        for kill in (os.killpg, os.kill):
            try:
                kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass  # gone already, or the group was never made
        self.process.join(30)
        self.close()

    def close(self) -> None:
        self.conn.close()
        self._alive.close()
        if self.process.exitcode is not None:
            self.process.close()


_kept: list[Worker] = []  # warmed idle workers, for the next run of this process, oldest first
_kept_lock = threading.Lock()


def take_kept(key: Any) -> Worker | None:
    """A live idle worker kept from an earlier run whose setup had ``key``.

    Only the same key: a worker's caches hold what its setup loaded (a model, by
    path), so a worker warmed for other data (or for a model file since changed,
    which the key says) would read with it."""
    with _kept_lock:
        for worker in [w for w in _kept if w.key == key]:
            _kept.remove(worker)
            if worker.process.is_alive() and not worker.conn.poll():
                return worker
            worker.kill()
    return None


def keep(worker: Worker) -> None:
    """Keep an idle worker for the next run; at most one per core (the oldest go)."""
    worker.ready = False  # the next run sends its own Task first
    with _kept_lock:
        _kept.append(worker)
        extra = _kept[:max(0, len(_kept) - (os.cpu_count() or 1))]
        del _kept[:len(extra)]
    for old in extra:
        old.kill()
