"""What a failed OpenSearch request is said to be (indexer.index.opensearch.health.diagnose).

The node-loss tests kill real nodes; the moment they catch is a race (the cluster
notices a dead node seconds after requests start failing on it).  Here each
moment is fixed: the answering node's view is a recorded answer, so every case
runs every time.
"""

from __future__ import annotations

from types import SimpleNamespace

from opensearchpy.exceptions import ConnectionError as OSConnectionError, ConnectionTimeout, TransportError

from indexer.index.opensearch.health import diagnose, error_types

URL = "http://127.0.0.1:9250"


def node(status: str = "green", manager: bool = True, red_shards: list[dict] = ()):
    """An answering node's own view (``local=true``), as the client returns it."""
    health = {"status": status, "number_of_nodes": 3, "discovered_cluster_manager": manager,
              "indices": {"vdoc-1": {"status": status}}}
    return SimpleNamespace(
        cluster=SimpleNamespace(health=lambda **_: health),
        cat=SimpleNamespace(shards=lambda **_: list(red_shards)))


def test_a_node_the_cluster_cannot_reach_yet_is_no_live_copy_not_a_generic_failure():
    """Both data nodes were killed a moment ago: the manager still lists them
    (green), and a term-vector request answers 500 node_not_connected_exception."""
    cause = TransportError(500, "node_not_connected_exception", {})
    found = diagnose(node(), URL, ["vdoc"], cause)
    assert found is not None and found.kind == "red"
    assert "node_not_connected_exception" in str(found) and URL in str(found)


def test_the_root_cause_of_a_failed_search_counts():
    info = {"error": {"type": "search_phase_execution_exception", "reason": "all shards failed",
                      "root_cause": [{"type": "node_not_connected_exception"}]}, "status": 503}
    found = diagnose(node(), URL, ["vdoc"], TransportError(503, "search_phase_execution_exception", info))
    assert found.kind == "red" and "node_not_connected_exception" in str(found)


def test_a_red_index_is_said_with_its_shards_before_the_request_error():
    cause = TransportError(500, "node_not_connected_exception", {})
    rows = [{"shard": "0", "prirep": "p", "state": "UNASSIGNED", "unassigned.reason": "NODE_LEFT",
             "unassigned.details": "node_left [abc]"}]
    found = diagnose(node("red", red_shards=rows), URL, ["vdoc"], cause)
    assert found.kind == "red" and "vdoc-1: shard 0 (node_left: node_left [abc])" in str(found)


def test_no_manager_comes_first():
    found = diagnose(node(manager=False), URL, ["vdoc"], TransportError(500, "node_not_connected_exception", {}))
    assert found.kind == "no_manager"


def test_other_server_errors_are_not_guessed_at():
    assert diagnose(node(), URL, ["vdoc"], TransportError(500, "illegal_state_exception", {})) is None
    assert diagnose(node(), URL, ["vdoc"]) is None


def test_a_search_answer_that_failed_on_lost_nodes_says_so():
    answer = {"_shards": {"total": 2, "failed": 2, "failures": [
        {"shard": 0, "reason": {"type": "node_disconnected_exception", "reason": "[node-1] disconnected"}},
        {"shard": 1, "reason": {"type": "no_shard_available_action_exception", "reason": None}}]}}
    assert error_types(answer) == ("node_disconnected_exception", "no_shard_available_action_exception")
    found = diagnose(node(), URL, ["vdoc"], said=error_types(answer))
    assert found.kind == "red" and "node_disconnected_exception" in str(found)
    whole = {"error": {"type": "search_phase_execution_exception",
                       "root_cause": [{"type": "node_not_connected_exception"}]}, "status": 500}
    assert error_types(whole) == ("search_phase_execution_exception", "node_not_connected_exception")
    assert diagnose(node(), URL, ["vdoc"], said=error_types({"error": "a string, not a dict"})) is None


def test_a_timeout_from_a_cluster_that_answers_is_slowness_not_absence():
    """Every node tried timed out on the request, yet a node answers its health at once."""
    found = diagnose(node(), URL, ["vdoc"], ConnectionTimeout("TIMEOUT", "Read timed out. (read timeout=30)", None))
    assert found.kind == "failed" and "did not answer the request in time" in str(found)
    assert "cannot be reached" not in str(found) and "start it" not in str(found)


def test_a_cluster_that_does_not_answer_its_health_either_cannot_be_reached():
    def refused(**_):
        raise OSConnectionError("N/A", "Connection refused", None)

    silent = SimpleNamespace(cluster=SimpleNamespace(health=refused), cat=None)
    cause = ConnectionTimeout("TIMEOUT", "Read timed out.", None)
    found = diagnose(silent, URL, ["vdoc"], cause)
    assert found.kind == "unreachable" and "cannot be reached" in str(found)
