"""Any one node of the cluster may die (issue 23, parts 2 and 3).

The cluster is the one scripts/opensearch/cluster.py lays out: two data nodes,
both cluster-manager-eligible, and a small dedicated manager, so any two nodes
are a quorum.  Each node is killed with SIGKILL in turn (the elected manager, the
other data node, the third node) in the middle of an incremental build while
searches run the whole time: no search fails, no document is lost.  A node lost in the
first build of an alias (no replica while loading) is waited for, or the build
says which shards of which index are red; both data nodes gone is a 503 that
says so; no manager elected is said by the build at once, while reads go on.
"""

from __future__ import annotations

import shutil
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from indexer.errors import EngineUnavailableError
from indexer.index.opensearch import writer as opensearch_writer
from indexer.index.opensearch.client import connect
from indexer.index.opensearch.writer import build
from indexer.index.pipeline import PrepareOptions
from indexer.search import SearchRequest, open_service
from searchapp import create_app
from support import gunicorn
from tests.engines.searchers import QUERIES, Searchers, until

ROLES = ["manager", "data", "third"]  # which node dies: resolved against the cluster as it is then
OPTIONS = PrepareOptions(file_seconds=600)  # nodes are killed here, not slow files (a loaded machine is slow)


def node_to_kill(cluster, which: str) -> int:
    """The elected manager, a data node that is not it, or the node left."""
    manager = int(connect(cluster.url).cat.cluster_manager(format="json")[0]["node"].rsplit("-", 1)[1])
    other_data = next(i for i in cluster.data_nodes if i != manager)
    third = next(i for i in range(cluster.nodes) if i not in (manager, other_data))
    return {"manager": manager, "data": other_data, "third": third}[which]


def _nodes_seen(cluster) -> int:
    found = cluster.health()
    return found["number_of_nodes"] if found else 0


def _restart(cluster, *nodes: int) -> None:
    for i in nodes:
        cluster.start_node(i)
    health = cluster.wait("green")
    assert (health["status"], health["number_of_nodes"]) == ("green", cluster.nodes)


def _totals(service) -> dict[str, int]:
    return {q: service.search(SearchRequest(q=q)).total for q in QUERIES}


def _change(src: Path, tag: str) -> tuple[list[str], list[str], list[str]]:
    """Update twelve files, delete one, add two: (updated, removed, added) ids."""
    files = sorted((src / "ocr").iterdir())
    updated = files[:12]
    for f in updated:
        f.write_text(f.read_text(encoding="utf-8") + f"\nPhụ lục {tag} bổ sung", encoding="utf-8")
    files[12].unlink()
    added = [src / "ocr" / f"added-{tag}-{i}.txt" for i in range(2)]
    for i, f in enumerate(added):
        f.write_text(f"Kế hoạch {tag} số {i} về chuyển đổi số cấp xã", encoding="utf-8")
    rel = lambda fs: sorted(str(f.relative_to(src)) for f in fs)  # noqa: E731
    return rel(updated), rel(files[12:13]), rel(added)


class Killer(threading.Thread):
    """Kills node i (SIGKILL) once the build has handed ``after`` documents over:
    from its own thread, so the kill may land in the middle of a bulk request."""

    def __init__(self, cluster, node: int, after: int):
        super().__init__(daemon=True)
        self.cluster, self.node, self.after = cluster, node, after
        self.go, self.done = threading.Event(), threading.Event()
        self.seen = 0

    def progress(self, items):
        for item in items:
            self.seen += 1
            if self.seen == self.after:
                self.go.set()
            yield item

    def run(self) -> None:
        self.go.wait()
        self.cluster.stop_node(self.node, kill=True)
        self.done.set()


@pytest.mark.parametrize("which", ROLES)
def test_any_one_node_dies_while_searching_and_building_and_nothing_is_lost(cluster, node_loss_alias, which, monkeypatch):
    """Searches run the whole time: before the kill, while the build goes on
    without the node, and while the node comes back."""
    # Small bulk requests all along the stream (500 documents a batch would send
    # this change in one request at the end), so the kill lands between or inside them.
    monkeypatch.setattr(opensearch_writer, "BATCH_DOCS", 3)
    src, alias = node_loss_alias
    service = open_service("opensearch", url=cluster.url, index=alias)
    before, totals = service.status().documents, _totals(service)
    updated, removed, added = _change(src, f"nl{which}")
    killer = Killer(cluster, node_to_kill(cluster, which), after=6)
    killer.start()
    with Searchers(cluster.url, alias) as searchers:
        searchers.wait_for_more(6)
        report = build(src, cluster.url, alias, progress=killer.progress, options=OPTIONS)
        assert killer.done.wait(120)
        searchers.wait_for_more(12)
        after_build, after = service.status().documents, _totals(service)
        _restart(cluster, killer.node)
        searchers.wait_for_more(6)
    assert searchers.failures == []
    assert (report.skipped, report.updated, report.removed, report.indexed) == ([], updated, removed, added)
    assert after_build == before + 1 == service.status().documents
    assert searchers.seen("") <= {before, before + 1}
    assert all(searchers.seen(q) <= {totals[q], after[q]} for q in QUERIES)  # one index or the other, never half
    marked = service.search(SearchRequest(q=f"Phụ lục nl{which} bổ sung", per_page=50))
    assert sorted(h.id for h in marked.hits) == updated
    assert service.document(removed[0]) is None
    assert all(service.document(d) is not None for d in added)


def _first_build_src(archive: Path, tmp_path: Path, n: int = 40) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for f in sorted((archive / "ocr").iterdir())[:n]:
        shutil.copy(f, src / f.name)
    return src


def _primary_holder(client, alias: str) -> int:
    """The data node holding the primary of the physical index being built (the newest)."""
    shards = client.cat.shards(index=f"{alias}-*", format="json", h="index,prirep,node")
    names = sorted({s["index"] for s in shards if not s["index"].endswith((".chunks", "-build-lock"))})
    node = next(s["node"] for s in shards if s["index"] == names[-1] and s["prirep"] == "p")
    return int(node.rsplit("-", 1)[1])


class FirstBuildKiller(Killer):
    """Kills the node holding the new index's primary (it has no replica yet);
    with ``restart``, starts it again at once (its shard comes back from its disk)."""

    def __init__(self, cluster, alias: str, after: int, restart: bool):
        super().__init__(cluster, -1, after)
        self.alias, self.restart = alias, restart

    def run(self) -> None:
        self.go.wait()
        self.node = _primary_holder(connect(self.cluster.url), self.alias)
        self.cluster.stop_node(self.node, kill=True)
        if self.restart:
            self.cluster.start_node(self.node)
        self.done.set()


def test_a_node_lost_in_a_first_build_is_waited_for(cluster, archive, new_alias, tmp_path, monkeypatch):
    monkeypatch.setattr(opensearch_writer, "BATCH_DOCS", 3)
    src = _first_build_src(archive, tmp_path)
    killer = FirstBuildKiller(cluster, new_alias, after=6, restart=True)
    killer.start()
    report = build(src, cluster.url, new_alias, progress=killer.progress, options=OPTIONS)
    assert killer.done.wait(120)
    cluster.wait("green")
    assert (report.skipped, len(report.indexed)) == ([], 40)
    service = open_service("opensearch", url=cluster.url, index=new_alias)
    assert service.status().documents == 40


def test_a_node_lost_for_good_in_a_first_build_says_which_shards(cluster, archive, new_alias, tmp_path,
                                                                 monkeypatch):
    monkeypatch.setattr(opensearch_writer, "BATCH_DOCS", 3)
    src = _first_build_src(archive, tmp_path)
    killer = FirstBuildKiller(cluster, new_alias, after=6, restart=False)
    killer.start()
    try:
        with pytest.raises(EngineUnavailableError) as failed:
            build(src, cluster.url, new_alias, progress=killer.progress, recovery_seconds=5, options=OPTIONS)
    finally:
        assert killer.done.wait(120)
        _restart(cluster, killer.node)
    message = str(failed.value)
    assert failed.value.kind == "red" and "cannot be reached" not in message, message
    assert "red" in message and f"{new_alias}-" in message and "shard 0" in message, message
    assert f"node-{killer.node}" in message or "left the cluster" in message, message
    # Once the node is back, the next build starts over and finishes.
    report = build(src, cluster.url, new_alias, options=OPTIONS)
    assert (report.skipped, len(report.indexed)) == ([], 40)


def test_both_data_nodes_dead_is_a_503_that_says_so(cluster, node_loss_alias):
    """Through gunicorn with the data nodes listed (nothing answers), and through the
    app with every node listed (the manager answers, alone: no quorum, no shard)."""
    _, alias = node_loss_alias
    env = {"SEARCH_BACKEND": "opensearch", "OPENSEARCH_URL": cluster.url, "OPENSEARCH_INDEX": alias}
    every = ",".join(f"http://127.0.0.1:{cluster.port + i}" for i in range(cluster.nodes))
    app = create_app({**env, "OPENSEARCH_URL": every, "TESTING": True}).test_client()
    paths = ("/search?q=ke+hoach", "/api/search?q=ke+hoach", "/search?q=quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh&page=2")
    # Its first page loads the analyzer: a loaded machine takes more than the helper's 30 s.
    with gunicorn(env, workers=1, timeout=180) as base:
        with urllib.request.urlopen(base + "/search?q=ke+hoach", timeout=60) as resp:
            assert resp.status == 200
        assert app.get("/search?q=ke+hoach").status_code == 200
        answers = {}
        try:
            for i in cluster.data_nodes:
                cluster.stop_node(i, kill=True)
            for path in paths:
                with pytest.raises(urllib.error.HTTPError) as got:
                    urllib.request.urlopen(base + path, timeout=60)
                answers["data nodes", path] = (got.value.code, got.value.read().decode("utf-8"))
                resp = app.get(path)
                answers["every node", path] = (resp.status_code, resp.get_data(as_text=True))
        finally:
            _restart(cluster, *cluster.data_nodes)
    for (listed, path), (code, body) in answers.items():
        assert code == 503, (listed, path, body)
        assert "Traceback" not in body and "object at 0x" not in body
        if listed == "data nodes":  # nothing answers
            assert "Không kết nối được với cụm OpenSearch" in body, body
        else:  # the manager answers: alone it is no quorum (or, a moment before, the index has no live copy)
            assert "chưa bầu được nút quản lý" in body or "không có bản sao nào đang chạy" in body, body


def test_no_manager_elected_reads_go_on_and_a_build_says_why(cluster, node_loss_alias):
    src, alias = node_loss_alias
    service = open_service("opensearch", url=cluster.url, index=alias)
    before = _totals(service)
    keep = node_to_kill(cluster, "data")  # a data node that is not the manager: it stays
    gone = [i for i in range(cluster.nodes) if i != keep]
    for i in gone:
        cluster.stop_node(i, kill=True)
    try:
        client = connect(f"http://127.0.0.1:{cluster.port + keep}")
        until(lambda: not client.cluster.health(params={"local": "true"})["discovered_cluster_manager"], 120,
              "the node left alone to lose its manager")
        alone = open_service("opensearch", url=f"http://127.0.0.1:{cluster.port + keep}", index=alias)
        assert _totals(alone) == before  # reads on the last cluster state the node knows
        with pytest.raises(EngineUnavailableError, match="no cluster manager is elected"):
            build(src, f"http://127.0.0.1:{cluster.port + keep}", alias)
    finally:
        _restart(cluster, *gone)
    assert _totals(service) == before
