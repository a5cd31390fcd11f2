"""The OpenSearch engine when things go wrong: a node dies, a rebuild swaps the
alias, the cluster is gone, the index is another version's, two builders race.

All against the real cluster (two data nodes, one replica, and a small
manager), with real searches running in threads while the fault happens.
"""

from __future__ import annotations

import shutil

import pytest

from indexer.errors import IndexBusyError
from indexer.index.opensearch.writer import build
from indexer.index.opensearch.client import connect
from indexer.index.opensearch.lock import BuildLock
from indexer.search import SearchRequest, open_service
from tests.engines.searchers import Searchers


# A node dying while searching, and during builds: test_opensearch_node_loss.py.


def test_a_full_rebuild_swaps_the_alias_under_searches(cluster, archive, alias, tmp_path):
    small = tmp_path / "src"
    shutil.copytree(archive / "ocr", small / "ocr")
    first = build(small, cluster.url, alias)
    service = open_service("opensearch", url=cluster.url, index=alias)
    old_total = service.search(SearchRequest(q="")).total
    assert old_total == len(first.indexed)
    old_index = service.engine.handle.current().name
    shutil.copytree(archive / "clean", small / "clean")
    with Searchers(cluster.url, alias) as searchers:
        searchers.rounds()
        report = build(small, cluster.url, alias, full=True)
        searchers.rounds()  # each searcher searches the swapped alias
    new_total = old_total + len([d for d in report.indexed if d.startswith("clean/")])
    assert searchers.failures == []
    seen = searchers.seen("")
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


class _NodeNotYetSeenGone:
    """The real client, except that its first bulk request fails as a node's does the
    moment after the node holding the shard died (before the cluster marks it gone)."""

    def __init__(self, client):
        self._client, self.failed = client, 0

    def bulk(self, *args, **kwargs):
        from opensearchpy.exceptions import TransportError

        if not self.failed:
            self.failed += 1
            raise TransportError(500, "node_not_connected_exception", {"error": {
                "type": "node_not_connected_exception", "reason": "[node-1][127.0.0.1:9351] Node not connected"}})
        return self._client.bulk(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._client, name)


def test_a_batch_refused_because_a_node_is_not_connected_is_sent_again(cluster, alias):
    from indexer.index.opensearch.writer import BulkWriter

    client = connect(cluster.url)
    index = f"{alias}-bulk"
    client.indices.create(index=index, body={"settings": {"number_of_replicas": 0}})
    try:
        flaky = _NodeNotYetSeenGone(client)
        writer = BulkWriter(flaky, index, url=cluster.url, recovery_seconds=60)
        for i in range(3):
            writer.put(f"d{i}", {"n": i})
        writer.flush()
        client.indices.refresh(index=index)
        assert flaky.failed == 1 and writer.failed == {}
        assert client.count(index=index)["count"] == 3
    finally:
        client.indices.delete(index=index, params={"ignore_unavailable": "true"})
