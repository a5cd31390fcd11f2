"""The OpenSearch engine when things go wrong: a node dies, a rebuild swaps the
alias, the cluster is gone, the index is another version's, two builders race.

All against the real cluster (two nodes, one replica), with real searches
running in threads while the fault happens.
"""

from __future__ import annotations

import shutil
import threading
import time

import pytest

from indexer.errors import IndexBusyError
from indexer.index.opensearch.writer import build
from indexer.index.opensearch.client import connect
from indexer.index.opensearch.lock import BuildLock
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


def _run_searchers(url: str, alias: str, n: int = 3) -> list[Searcher]:
    searchers = [Searcher(url, alias) for _ in range(n)]
    for s in searchers:
        s.start()
    return searchers


def _rounds(searchers: list[Searcher], rounds: int = 1, seconds: float = 300) -> None:
    """Until every searcher has run every query ``rounds`` more times: whatever happened
    before this call, each query has then been searched by each searcher after it."""
    # +1: a search already under way when called counts, though it started before.
    targets = [s.count + rounds * len(QUERIES) + 1 for s in searchers]
    deadline = time.monotonic() + seconds
    while any(s.count < t for s, t in zip(searchers, targets)):
        assert time.monotonic() < deadline, f"the searchers stalled: {[s.failures[-1:] for s in searchers]}"
        time.sleep(0.05)


def _stop(searchers: list[Searcher]) -> None:
    for s in searchers:
        s.stop.set()
    for s in searchers:
        s.join(timeout=60)


def test_a_node_dies_while_searching_and_nothing_is_lost(cluster, archive, alias):
    assert cluster.nodes >= 2
    build(archive, cluster.url, alias)
    client = connect(cluster.url)
    shards = client.cat.shards(index=alias, format="json")
    assert sorted(s["prirep"] for s in shards) == ["p", "r"]  # one replica, on the other node
    service = open_service("opensearch", url=cluster.url, index=alias)
    before = {q: service.search(SearchRequest(q=q)).total for q in QUERIES}
    documents = service.status().documents
    searchers = _run_searchers(cluster.url, alias)
    _rounds(searchers)
    cluster.stop_node(1, kill=True)  # a crash: no clean hand-over
    _rounds(searchers, 2)  # every query, by every searcher, with the node gone
    during = {q: service.search(SearchRequest(q=q)).total for q in QUERIES}
    assert service.status().documents == documents
    cluster.start_node(1)
    health = cluster.wait("green")
    _stop(searchers)
    assert [f for s in searchers for f in s.failures] == []
    assert during == before
    assert all(s.totals[q] == {before[q]} for s in searchers for q in QUERIES)
    assert (health["status"], health["number_of_nodes"]) == ("green", cluster.nodes)
    assert service.status().documents == documents


def test_a_full_rebuild_swaps_the_alias_under_searches(cluster, archive, alias, tmp_path):
    small = tmp_path / "src"
    shutil.copytree(archive / "ocr", small / "ocr")
    first = build(small, cluster.url, alias)
    service = open_service("opensearch", url=cluster.url, index=alias)
    old_total = service.search(SearchRequest(q="")).total
    assert old_total == len(first.indexed)
    old_index = service.engine.handle.current().name
    shutil.copytree(archive / "clean", small / "clean")
    searchers = _run_searchers(cluster.url, alias)
    _rounds(searchers)
    report = build(small, cluster.url, alias, full=True)
    _rounds(searchers)  # each searcher searches the swapped alias
    _stop(searchers)
    new_total = old_total + len([d for d in report.indexed if d.startswith("clean/")])
    assert [f for s in searchers for f in s.failures] == []
    seen = {t for s in searchers for t in s.totals[""]}
    assert seen <= {old_total, new_total} and new_total in seen  # never half an index
    client = connect(cluster.url)
    assert list(client.indices.get_alias(name=alias)) != [old_index]
    assert not client.indices.exists(index=old_index)
    assert service.search(SearchRequest(q="")).total == new_total


def test_incremental_build_adds_replaces_and_deletes_by_id(cluster, archive, alias, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(archive / "ocr", src)
    files = sorted(src.iterdir())
    first = build(src, cluster.url, alias)
    files[0].unlink()
    files[1].write_text(files[1].read_text(encoding="utf-8") + "\nPhụ lục bổ sung kèm theo", encoding="utf-8")
    (src / "new.txt").write_text("Kế hoạch thí điểm chuyển đổi số xã Hương Long", encoding="utf-8")
    second = build(src, cluster.url, alias)
    assert (second.indexed, second.updated, second.removed, second.rebuilt) == (
        ["new.txt"], [files[1].name], [files[0].name], None)
    assert second.unchanged == len(first.indexed) - 2
    service = open_service("opensearch", url=cluster.url, index=alias)
    assert service.search(SearchRequest(q="")).total == len(first.indexed)
    assert service.document(files[0].name) is None
    assert "Phụ lục bổ sung" in service.document(files[1].name).text
    assert [h.id for h in service.search(SearchRequest(q="thí điểm chuyển đổi số")).hits][:1] == ["new.txt"]


def test_a_second_builder_on_the_same_alias_exits(cluster, archive, alias):
    client = connect(cluster.url)
    with BuildLock(client, alias):
        with pytest.raises(IndexBusyError, match="another indexer is writing"):
            build(archive / "ocr", cluster.url, alias)


def test_an_index_of_another_fingerprint_is_refused_then_rebuilt(cluster, archive, alias, tmp_path):
    from searchapp import create_app

    src = tmp_path / "src"
    shutil.copytree(archive / "ocr", src)
    build(src, cluster.url, alias)
    client = connect(cluster.url)
    index = next(iter(client.indices.get_alias(name=alias)))
    meta = client.indices.get_mapping(index=index)[index]["mappings"]["_meta"]
    client.indices.put_mapping(index=index, body={"_meta": dict(meta, fingerprint="0" * 16)})
    app = create_app({"SEARCH_BACKEND": "opensearch", "OPENSEARCH_URL": cluster.url, "OPENSEARCH_INDEX": alias,
                      "TESTING": True})
    resp = app.test_client().get("/search?q=ke+hoach")
    assert resp.status_code == 503
    assert "--backend opensearch" in resp.get_data(as_text=True)
    report = build(src, cluster.url, alias)
    assert report.rebuilt and "fingerprint 0000000000000000" in report.rebuilt
    assert create_app({"SEARCH_BACKEND": "opensearch", "OPENSEARCH_URL": cluster.url, "OPENSEARCH_INDEX": alias,
                       "TESTING": True}).test_client().get("/search?q=ke+hoach").status_code == 200


@pytest.mark.parametrize("path", ["/search?q=ke+hoach", "/api/search?q=ke+hoach", "/documents/x", "/api/suggest?q=ke"])
def test_an_unreachable_cluster_is_a_503_that_says_so(path):
    from searchapp import create_app

    app = create_app({"SEARCH_BACKEND": "opensearch", "OPENSEARCH_URL": "http://127.0.0.1:9", "TESTING": True})
    resp = app.test_client().get(path)
    body = resp.get_data(as_text=True)
    assert resp.status_code == 503
    assert "cannot be reached" in body and "Traceback" not in body
