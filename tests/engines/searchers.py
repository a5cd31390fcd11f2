"""Searches running in threads while a fault happens, and polling with a deadline
(the fault tests of tests/engines: no fixed sleeps, no wall-clock asserts)."""

from __future__ import annotations

import threading
import time
from typing import Callable

from indexer.search import SearchRequest, open_service

QUERIES = ["kế hoạch", "ke hoach", "Két luan ciia Cha tich", "quyết định", "ủy ban nhân dân", ""]


class Searcher(threading.Thread):
    """Searches in a loop until stopped; keeps every total seen and every failure."""

    def __init__(self, url: str, alias: str):
        super().__init__(daemon=True)
        self.service = open_service("opensearch", url=url, index=alias)
        self.stop = threading.Event()
        self.totals: dict[str, set[int]] = {q: set() for q in QUERIES}
        self.failures: list[str] = []
        self.count = 0

    def run(self) -> None:
        while not self.stop.is_set():
            for q in QUERIES:
                try:
                    self.totals[q].add(self.service.search(SearchRequest(q=q)).total)
                    self.count += 1
                except Exception as exc:  # noqa: BLE001 - every failure is what the test counts
                    self.failures.append(f"{q!r}: {exc.__class__.__name__}: {exc}")


class Searchers:
    """``n`` searchers over one alias, as a context: started on entry, stopped on exit."""

    def __init__(self, url: str, alias: str, n: int = 3):
        self.all = [Searcher(url, alias) for _ in range(n)]

    def __enter__(self) -> "Searchers":
        for s in self.all:
            s.start()
        return self

    def __exit__(self, *exc) -> None:
        for s in self.all:
            s.stop.set()
        for s in self.all:
            s.join(timeout=120)

    @property
    def count(self) -> int:
        return sum(s.count for s in self.all)

    @property
    def failures(self) -> list[str]:
        return [f for s in self.all for f in s.failures]

    def seen(self, q: str) -> set[int]:
        return {t for s in self.all for t in s.totals[q]}

    def rounds(self, n: int = 1, timeout: float = 300) -> None:
        """Until every searcher has run every query ``n`` more times: whatever happened
        before this call, each query has then been searched by each searcher after it."""
        # +1: a search already under way when called counts, though it started before.
        targets = [s.count + len(s.failures) + n * len(QUERIES) + 1 for s in self.all]
        until(lambda: all(s.count + len(s.failures) >= t for s, t in zip(self.all, targets)), timeout,
              f"{n} more rounds of every query by each searcher")

    def wait_for_more(self, n: int, timeout: float = 180) -> None:
        """Until ``n`` more searches have been answered (or failed) than now."""
        start = self.count + len(self.failures)
        until(lambda: self.count + len(self.failures) >= start + n, timeout, f"{n} more searches")


def until(ready: Callable[[], object], timeout: float, what: str, every: float = 0.2):
    """Poll ``ready`` until it returns something true; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        found = ready()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what} after {timeout:g} s")
        time.sleep(every)
