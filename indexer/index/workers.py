"""Read items in worker processes, one at a time each, under deadlines the parent keeps.

Why the parent keeps the time: a limit raised inside the reading process (an
alarm's exception) lands wherever that process happens to be, and where it
lands in a garbage-collector callback Python swallows it ("Exception ignored
in gc_callback"): the file was never stopped.  A process killed by its parent
stops, whatever it was doing.  So a worker (``index.worker_process``) handles
one item and nothing else; the parent notes when it sent the item and, at the
item's deadline, kills the worker and what it started, reports the item as
timed out and starts a replacement.  A worker may ask for more time
("extend", before each OCR page); the parent reads every message a worker sent
before it decides that the worker is late.

A worker that dies by itself (killed for memory) costs only the item that
killed it: the item is read again alone, with nothing else in flight, and only
when it kills a worker alone is it reported (the others go on meanwhile).

A worker runs the run's ``setup`` (loading models) before it gets an item, so
loading never counts against an item's time; a warmed worker left idle after a
run is kept for the next run of this process (a warm-up costs seconds, and a
process that builds many small indexes, as the tests do, would pay it every time).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Callable, Hashable, Iterator, Sequence

from indexer.errors import IndexerError
from indexer.index.worker_process import Worker, keep, take_kept

log = logging.getLogger("indexer.build")

Extend = Callable[[float], None]  # "give me so many seconds more", called in the worker


@dataclass(frozen=True)
class Task:
    """What the workers of a run do: ``setup()`` once per worker process (a kept
    worker that ran the setup of the same ``key`` skips it), then ``work(item,
    extend)`` for each item.  All three are pickled to the worker."""

    key: Hashable
    setup: Callable[[], None] | None
    work: Callable[[Any, Extend], Any]


@dataclass(frozen=True)
class TimedOut:
    """The item ran past its deadline; ``seconds`` is its budget before extensions."""

    seconds: float


@dataclass(frozen=True)
class Died:
    """The worker died while it read the item alone (out of memory?)."""


@dataclass(frozen=True)
class Failed:
    """``work`` raised, or its result could not be sent back."""

    message: str


def supervised(items: Sequence, task: Task, *, processes: int, seconds: Callable[[Any], float],
               window: int) -> Iterator[tuple[Any, Any]]:
    """(item, outcome) in the order of ``items``: outcome is what ``work`` returned,
    or TimedOut, Died or Failed.  ``seconds(item)`` is the item's budget (0: none);
    at most ``window`` items are read ahead of the consumer."""
    if not items:
        return
    run = _Run(items, task, processes, seconds, window)
    try:
        for i, item in enumerate(items):
            yield item, run.take(i)
    finally:
        run.close()


@dataclass
class _Job:
    index: int
    seconds: float  # the budget, 0: none
    deadline: float | None
    alone: bool = False


class _Run:
    """One supervised run: a thread in the parent starts workers, sends items,
    reads messages and keeps the deadlines while the consumer takes outcomes."""

    SETUP_DEATHS = 3  # workers dying before their first item: the setup itself is broken

    def __init__(self, items: Sequence, task: Task, processes: int, seconds: Callable[[Any], float], window: int):
        self.items, self.task, self.seconds = items, task, seconds
        self.processes, self.window = max(1, processes), max(1, window)
        self.workers: list[Worker] = []
        self.next = 0  # the next item never sent
        self.suspects: deque[int] = deque()  # items whose worker died: read again, alone
        self.outcomes: dict[int, Any] = {}
        self.produced = self.consumed = self.setup_deaths = 0
        self.error: BaseException | None = None
        self.stopping = False
        self.cond = threading.Condition()
        self._wake_r, self._wake_w = os.pipe()
        self.thread = threading.Thread(target=self._supervise, name="vdoc-supervisor", daemon=True)
        self.thread.start()

    # the consumer's side

    def take(self, i: int) -> Any:
        with self.cond:
            while i not in self.outcomes and self.error is None and self.thread.is_alive():
                self.cond.wait()
            if i not in self.outcomes:
                raise self.error or RuntimeError("the supervisor of the reading workers stopped")
            self.consumed = i + 1
            outcome = self.outcomes.pop(i)
        self._wake()
        return outcome

    def close(self) -> None:
        self.stopping = True
        self._wake()
        self.thread.join()
        for worker in self.workers:
            if worker.ready and worker.job is None and worker.process.is_alive():
                keep(worker)
            else:
                worker.kill()
        self.workers = []
        os.close(self._wake_r)
        os.close(self._wake_w)

    def _wake(self) -> None:
        try:
            os.write(self._wake_w, b".")
        except OSError:
            pass  # closed: the run is over

    # the supervisor thread

    def _supervise(self) -> None:
        try:
            while not self.stopping and self.produced < len(self.items):
                self._staff()
                self._dispatch()
                self._wait()
                self._expire()
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised there
            with self.cond:
                self.error = exc
        finally:
            with self.cond:
                self.cond.notify_all()

    def _staff(self) -> None:
        """As many workers as there is work for, each told the run's Task."""
        busy = sum(1 for w in self.workers if w.job is not None)
        wanted = min(self.processes, len(self.items) - self.next + len(self.suspects) + busy)
        while len(self.workers) < wanted:
            worker = take_kept(self.task.key) or Worker()
            worker.send(("use", self.task))
            self.workers.append(worker)

    def _dispatch(self) -> None:
        if any(w.job is not None and w.job.alone for w in self.workers):
            return  # a suspect is being read alone
        for worker in self.workers:
            if not worker.ready or worker.job is not None:
                continue
            if self.suspects:
                if any(w.job is not None for w in self.workers):
                    return  # a suspect is read with nothing else in flight
                self._send(worker, self.suspects.popleft(), alone=True)
            elif self.next < len(self.items) and self.next < self.consumed + self.window:
                self.next += 1
                self._send(worker, self.next - 1)
            else:
                return

    def _send(self, worker: Worker, index: int, alone: bool = False) -> None:
        item = self.items[index]
        seconds = self.seconds(item)
        worker.job = _Job(index, seconds, time.monotonic() + seconds if seconds > 0 else None, alone)
        worker.send(("item", item))

    def _wait(self) -> None:
        deadlines = [w.job.deadline for w in self.workers if w.job is not None and w.job.deadline is not None]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        handles = [self._wake_r] + [w.conn for w in self.workers] + [w.process.sentinel for w in self.workers]
        ready = set(wait(handles, timeout))
        if self._wake_r in ready:
            os.read(self._wake_r, 4096)
        for worker in list(self.workers):
            if worker.conn in ready or worker.process.sentinel in ready:
                self._read(worker)
            if worker.process.sentinel in ready:
                self._lost(worker)

    def _read(self, worker: Worker) -> None:
        """Every message the worker has sent so far."""
        try:
            while worker.conn.poll():
                kind, payload = worker.conn.recv()
                self._handle(worker, kind, payload)
        except (EOFError, OSError):
            pass  # it died: its sentinel says so

    def _handle(self, worker: Worker, kind: str, payload: Any) -> None:
        job = worker.job
        if kind == "ready":
            worker.ready = True
            worker.key = self.task.key
        elif kind == "extend":
            if job is not None and job.deadline is not None:
                job.deadline += payload
        elif job is None:  # an error before any item: the setup failed
            raise IndexerError(f"a reading worker could not start: {payload}")
        else:
            worker.job = None
            self._outcome(job.index, payload if kind == "done" else Failed(payload))

    def _lost(self, worker: Worker) -> None:
        """The worker process ended by itself."""
        self.workers.remove(worker)
        code = worker.process.exitcode
        job = worker.job
        worker.kill()
        if job is None:
            if not worker.ready:
                self.setup_deaths += 1
                if self.setup_deaths >= self.SETUP_DEATHS:
                    raise IndexerError(f"reading workers die while they start (exit code {code})")
            return
        if job.alone:
            self._outcome(job.index, Died())
        else:
            log.warning("a reading worker died (exit code %s) on %s; reading it again alone",
                        code, self.items[job.index])
            self.suspects.append(job.index)

    def _expire(self) -> None:
        now = time.monotonic()
        for worker in list(self.workers):
            job = worker.job
            if job is None or job.deadline is None or now < job.deadline:
                continue
            self._read(worker)  # a last "extend" or the result itself may be waiting
            if worker.job is job and now >= job.deadline:
                self.workers.remove(worker)
                worker.kill()
                self._outcome(job.index, TimedOut(job.seconds))

    def _outcome(self, index: int, outcome: Any) -> None:
        with self.cond:
            self.outcomes[index] = outcome
            self.produced += 1
            self.cond.notify_all()
