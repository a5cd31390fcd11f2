"""scripts/opensearch/cluster.py's judgement of a cluster that does not turn green.

Its remedies (cancel a replica's recovery, then restart the node it recovers
from) run against the real cluster in the node-loss tests, when OpenSearch
hangs; what counts as progress is fixed here, with the answers such a cluster
gave (a recovery retried in a loop flips its stage and never moves)."""

from __future__ import annotations

from support import script

cluster = script("scripts/opensearch/cluster.py", "vdoc_cluster_progress")

HEALTH = {"active_shards": 6, "unassigned_shards": 4, "initializing_shards": 2}


def recovery(stage: str, percent: str = "0.0%") -> dict:
    return {"index": "nodeloss-1", "shard": "0", "stage": stage, "source_node": "node-0", "target_node": "node-1",
            "files_percent": percent, "bytes_percent": percent, "translog_ops_percent": "-1.0%"}


def test_a_recovery_retried_in_a_loop_is_no_progress(monkeypatch):
    answers = iter([[recovery("init")], [recovery("translog")], [recovery("init")]])
    monkeypatch.setattr(cluster, "recoveries", lambda port: next(answers))
    seen = {cluster._progress(HEALTH, 9250) for _ in range(3)}
    assert len(seen) == 1


def test_bytes_copied_or_a_shard_started_is_progress(monkeypatch):
    answers = iter([[recovery("index", "10.0%")], [recovery("index", "40.0%")], []])
    monkeypatch.setattr(cluster, "recoveries", lambda port: next(answers))
    first, copied = cluster._progress(HEALTH, 9250), cluster._progress(HEALTH, 9250)
    started = cluster._progress({**HEALTH, "active_shards": 7, "initializing_shards": 1}, 9250)
    assert len({first, copied, started}) == 3


def test_the_order_nodes_list_recoveries_in_is_no_progress(monkeypatch):
    other = {**recovery("init"), "index": "nodeloss-1.chunks"}
    answers = iter([[recovery("init"), other], [other, recovery("init")]])
    monkeypatch.setattr(cluster, "recoveries", lambda port: next(answers))
    assert cluster._progress(HEALTH, 9250) == cluster._progress(HEALTH, 9250)
