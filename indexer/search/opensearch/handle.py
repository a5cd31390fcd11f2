"""The alias, the physical index behind it, and what is cached per build.

Each request needs the physical index (to ask term statistics of it) and the
analyzer it was built with; both are read from the index's mapping (its
``_meta``) at most every ``refresh_seconds``.  A build that moves the alias or
records a new build id invalidates the per-build caches (facet values, each
unit's province).  An index built by other code is refused with what to run;
an unreachable cluster raises EngineUnavailableError (a 503 page) that says
what the cluster sees (``index.opensearch.health``).  The mapping is read from
the node's own cluster state (``local``), so searches go on while no manager is
elected; a search with a shard that failed on every copy fails (and is sent to
another node) rather than answer with part of the index.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field

from indexer.analysis.analyzer import Analyzer
from indexer.errors import EngineUnavailableError, IndexMismatchError, IndexMissingError
from indexer.index.opensearch.chunks import chunks_name
from indexer.index.opensearch.client import connect, reaching
from indexer.index.opensearch.health import diagnose, error_types
from indexer.index.opensearch.mapping import fingerprint
from indexer.search.service import IndexStatus
from indexer.search.settings import SearchSettings


@dataclass
class IndexState:
    name: str  # the physical index the alias points at
    meta: dict
    analyzer: Analyzer
    cache: dict = field(default_factory=dict)  # per build: known facet values, unit provinces

    @property
    def build_id(self) -> str:
        return self.meta.get("build_id", "")


# Every shard or none: a shard that failed on each of its copies fails the whole
# search (503, which the client sends to another node) instead of a total short
# of that shard's documents.
WHOLE = {"allow_partial_search_results": False}


class ClusterHandle:
    def __init__(self, url: str, alias: str, settings: SearchSettings | None = None):
        self.url, self.alias = url, alias
        self.settings = settings or SearchSettings()
        self.client = connect(url, timeout=max(5.0, self.settings.time_limit * 3))
        self._lock = threading.Lock()
        self._state: IndexState | None = None
        self._checked = 0.0
        # The fingerprint this code makes for an analyzer (repair, model): hashing
        # the code cost 26 ms, paid by a request every refresh_seconds.
        self._expected: dict[tuple, str] = {}

    def _reaching(self):
        return reaching(self.url, self.client, [self.alias, chunks_name(self.alias)])

    def _hint(self) -> str:
        return (f"run `python -m indexer build SRC_DIR --backend opensearch --opensearch-url {self.url} "
                f"--index {self.alias}`")

    def current(self) -> IndexState:
        with self._lock:
            now = time.monotonic()
            if self._state is None or now - self._checked > self.settings.refresh_seconds:
                state = self._read()
                if self._state is None or (state.name, state.build_id) != (self._state.name, self._state.build_id):
                    self._state = state
                self._checked = now
            return self._state

    def _read(self) -> IndexState:
        from opensearchpy.exceptions import NotFoundError

        with self._reaching():
            try:
                found = self.client.indices.get_mapping(index=self.alias, params={"local": "true"})
            except NotFoundError:
                raise IndexMissingError(f"no index '{self.alias}' in the OpenSearch cluster at {self.url}: "
                                        f"{self._hint()} first") from None
        if len(found) != 1:
            raise IndexMismatchError(f"'{self.alias}' points at {len(found)} indexes, not one: {self._hint()}")
        name, body = next(iter(found.items()))
        meta = body["mappings"].get("_meta") or {}
        key = (meta.get("repair", True), meta.get("model"))
        analyzer = self._state.analyzer if self._state and self._state.name == name and \
            (self._state.analyzer.repair, self._state.analyzer.model) == key else Analyzer(*key)
        if key not in self._expected:
            self._expected[key] = fingerprint(analyzer)
        expected = self._expected[key]
        if meta.get("fingerprint") != expected:
            raise IndexMismatchError(
                f"the OpenSearch index '{self.alias}' ({name}) was built by other code or another OCR model "
                f"(fingerprint {meta.get('fingerprint')}, this version makes {expected}): {self._hint()} "
                "(it rebuilds the index)")
        return IndexState(name, meta, analyzer)

    @property
    def analyzer(self) -> Analyzer:
        return self.current().analyzer

    # Requests name the alias, never the physical index: a rebuild moves the
    # alias and deletes the old index at once, and a request sent just then
    # must land on one index or the other, not on a deleted one.
    def search(self, body: dict, **params) -> dict:
        self.current()
        with self._reaching():
            return self.client.search(index=self.alias, body=body, **WHOLE, **params)

    def msearch(self, bodies: list[dict]) -> list[dict]:
        """Several searches of the alias in one request; each answer in order."""
        self.current()
        lines = []
        for body in bodies:
            lines += [{"index": self.alias, **WHOLE}, body]
        with self._reaching():
            responses = self.client.msearch(body=lines)["responses"]
        # Each search answers on its own: one that failed (or lost a shard) is the
        # cluster's problem said once, not a zero among the answers.
        failed = next((r for r in responses if "error" in r or r.get("_shards", {}).get("failed")), None)
        if failed is not None:
            with self._reaching():
                problem = diagnose(self.client, self.url, [self.alias], said=error_types(failed))
            raise problem or EngineUnavailableError(
                f"the OpenSearch cluster at {self.url} failed a search of '{self.alias}' "
                f"({str(failed.get('error') or failed.get('_shards'))[:200]}); "
                "check `make opensearch-status` or the cluster's logs", "failed")
        return responses

    def search_chunks(self, body: dict) -> dict:
        """A search of the companion index of chunk and details records (``index.opensearch.chunks``)."""
        self.current()
        with self._reaching():
            return self.client.search(index=chunks_name(self.alias), body=body, **WHOLE)

    def count(self, query: dict | None = None) -> int:
        self.current()
        return self._count({"query": query} if query is not None else None)

    def _count(self, body: dict | None) -> int:
        """_count has no allow_partial_search_results: a count short of a failed
        shard is asked once more (of another node), then refused."""
        for _ in range(2):
            with self._reaching():
                found = self.client.count(index=self.alias, body=body)
            if not found.get("_shards", {}).get("failed"):
                return found["count"]
        with self._reaching():
            problem = diagnose(self.client, self.url, [self.alias], said=error_types(found))
        raise problem or EngineUnavailableError(
            f"the OpenSearch cluster at {self.url} counted '{self.alias}' without {found['_shards']['failed']} "
            "of its shards; check `make opensearch-status` or the cluster's logs", "failed")

    def term_stats(self, field_name: str, terms: list[str]) -> dict[str, int]:
        """Total frequency of each term in one field (terms the index lacks are left out)."""
        return {t: ttf for t, (_, ttf) in self.term_counts(field_name, terms).items()}

    def term_counts(self, field_name: str, terms: list[str]) -> dict[str, tuple[int, int]]:
        """(document frequency, total frequency) of each term the field has, from
        the term vectors of an artificial document (statistics of its shard)."""
        terms = [t for t in dict.fromkeys(terms) if t]
        if not terms:
            return {}
        self.current()
        with self._reaching():
            found = self.client.termvectors(index=self.alias, body={
                "doc": {field_name: " ".join(terms)}, "fields": [field_name], "term_statistics": True,
                "field_statistics": False, "positions": False, "offsets": False, "payloads": False})
        got = found.get("term_vectors", {}).get(field_name, {}).get("terms", {})
        return {t: (int(info.get("doc_freq", 0)), int(info["ttf"])) for t, info in got.items() if info.get("ttf")}

    def status(self) -> IndexStatus:
        state = self.current()
        documents = self._count(None)
        return IndexStatus("opensearch", f"{self.url} index {self.alias} ({state.name})", documents,
                           state.meta.get("fingerprint", ""), state.meta.get("last_build"),
                           iso_time(state.meta.get("built_at") or ""))

    def close(self) -> None:
        self.client.close()


def iso_time(stamp: str) -> str:
    """The build's "2026-12-07T08:20:00+0000" as ISO 8601 ("+00:00": what every Python reads)."""
    return re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", stamp)
