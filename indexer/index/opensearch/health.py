"""What is wrong with an OpenSearch cluster that failed a request, in one sentence.

A failed request says little: a timeout, a refused connection, a 503.  The
cluster's own view says which of three things happened, asked of any node
that answers and read from that node's local state (``local=true``), so the
answer comes at once even when no manager is elected:

- no node answers (``unreachable``); a node answers at once, but the request
  timed out on every node tried: the cluster is alive and slow (``failed``);
- no cluster manager is elected (``no_manager``): fewer than half of the
  cluster-manager-eligible nodes run, so nothing that changes the cluster can
  be done (reads go on from the state each node last knew);
- an index is red (``red``): some of its shards have no live copy, because
  the node holding them left (a first build loads without replicas).  The
  moment before the cluster notices (its fault detection takes seconds), the
  request itself says it: every copy it tried sat on a node the cluster
  could not reach (``node_not_connected_exception`` and kin, ``NODE_LOST``);
  that is the same problem, said from the request's side.

``wait_for_shards`` lets a build wait a bounded time for such a node to come
back instead of failing at the first refused request.
"""

from __future__ import annotations

import time

from indexer.errors import EngineUnavailableError

QUICK = 2.0  # seconds for each question asked while diagnosing: a diagnosis must not hang too

# Errors a node answers with when the copies a request needs sit on nodes it
# cannot reach: a search or a term-vector request retries every copy before it
# says so, so none of them answered.
NODE_LOST = frozenset({
    "node_not_connected_exception", "node_disconnected_exception", "connect_transport_exception",
    "node_closed_exception", "no_shard_available_action_exception", "send_request_transport_exception",
})


def unreachable_message(url: str, exc: Exception | None) -> str:
    why = f" ({_short(exc)})" if exc is not None else ""
    return (f"the OpenSearch cluster at {url} cannot be reached{why}; "
            "start it (`make opensearch-up`) or point OPENSEARCH_URL at a running cluster")


def _short(exc: Exception) -> str:
    """A client error in a few words: the last cause's own message, not the chain of reprs."""
    info = getattr(exc, "info", None)
    while isinstance(info, BaseException) and (getattr(info, "reason", None) or info.__cause__ or info.__context__):
        info = getattr(info, "reason", None) or info.__cause__ or info.__context__
    text = str(info) if isinstance(info, BaseException) else str(exc)
    if "Connection refused" in text:
        text = "connection refused"
    elif "timed out" in text.lower():
        text = "no answer in time"
    return f"{exc.__class__.__name__}: {text[:160]}"


def _health(client, level: str = "cluster") -> dict:
    return client.cluster.health(params={"local": "true", "level": level}, request_timeout=QUICK)


def red_shards(client, names: list[str]) -> dict[str, list[str]]:
    """Physical index -> its shards that have no live primary, each said with why
    (``shard 0 (node_left: ...)``), for the indexes named or behind the aliases named."""
    health = _health(client, "indices")
    red = sorted(n for n, info in health.get("indices", {}).items()
                 if info.get("status") == "red" and any(n == x or n.startswith(f"{x}-") for x in names))
    found: dict[str, list[str]] = {}
    for index in red:
        rows = client.cat.shards(index=index, format="json", local="true", request_timeout=QUICK,
                                 h="shard,prirep,state,unassigned.reason,unassigned.details")
        lost = [f"shard {r['shard']} ({(r.get('unassigned.reason') or 'unassigned').lower()}"
                f"{': ' + r['unassigned.details'] if r.get('unassigned.details') else ''})"
                for r in rows if r.get("prirep") == "p" and r.get("state") != "STARTED"]
        found[index] = sorted(set(lost)) or ["a primary shard that is not started"]
    return found


def red_message(url: str, red: dict[str, list[str]]) -> str:
    said = "; ".join(f"{index}: {', '.join(shards)}" for index, shards in red.items())
    return (f"the OpenSearch index is red in the cluster at {url}, no live copy of {said}: "
            "a node holding them left the cluster (node_left) — start it again; "
            "if it is gone for good, rebuild with --full")


def lost_message(url: str, error: str) -> str:
    return (f"no live copy of part of the OpenSearch index answered in the cluster at {url} ({error}): "
            "the node holding it cannot be reached, and the cluster has not yet marked it gone "
            "(node_left) — start it again")


def slow_message(url: str, exc: Exception) -> str:
    return (f"the OpenSearch cluster at {url} answers but did not answer the request in time ({_short(exc)}): "
            "it is overloaded or a node is stuck; check `make opensearch-status` or the cluster's logs")


def no_manager_message(url: str, health: dict) -> str:
    return (f"no cluster manager is elected in the OpenSearch cluster at {url} (the node that answered "
            f"last knew {health.get('number_of_nodes', '?')} nodes): more than half of the "
            "cluster-manager-eligible nodes must run to elect one — start the nodes that stopped")


def diagnose(client, url: str, names: list[str] = (), cause: Exception | None = None,
             said: tuple[str, ...] = ()) -> EngineUnavailableError | None:
    """The cluster's problem as an EngineUnavailableError, or None when it sees none.
    ``said``: the error types a failed answer carried (a search's shard failures),
    for a request that failed without raising ``cause``."""
    from opensearchpy.exceptions import ConnectionError as OSConnectionError, ConnectionTimeout, TransportError

    try:
        health = _health(client)
        if not health.get("discovered_cluster_manager", health.get("discovered_master", True)):
            return EngineUnavailableError(no_manager_message(url, health), "no_manager")
        red = red_shards(client, list(names)) if names else {}
    except OSConnectionError:
        return EngineUnavailableError(unreachable_message(url, cause), "unreachable")
    except TransportError:
        red = {}  # the node that answered cannot say more; the request's own error may
    if red:
        return EngineUnavailableError(red_message(url, red), "red")
    info = getattr(cause, "info", None)
    said = (getattr(cause, "error", None), *(error_types(info) if isinstance(info, dict) else ()), *said)
    lost = [e for e in said if e in NODE_LOST]
    if lost:
        return EngineUnavailableError(lost_message(url, lost[0]), "red")
    if isinstance(cause, ConnectionTimeout):  # yet a node answered at once: it is alive, and slow
        return EngineUnavailableError(slow_message(url, cause), "failed")
    return None


def error_types(answer: dict) -> tuple[str, ...]:
    """The error types a search answer carries: its own error's (and root causes'),
    and each failed shard's reason."""
    found: list[str] = []
    error = answer.get("error")
    if isinstance(error, dict):
        found += [error.get("type", "")] + [c.get("type", "") for c in error.get("root_cause", ()) if isinstance(c, dict)]
    for failure in answer.get("_shards", {}).get("failures", ()) or ():
        reason = failure.get("reason") if isinstance(failure, dict) else None
        if isinstance(reason, dict):
            found.append(reason.get("type", ""))
    return tuple(t for t in found if t)


def require_manager(client, url: str) -> None:
    """Fail at once when no manager is elected: a build would otherwise wait the
    cluster's own 30 s for one on each request that changes the cluster."""
    from opensearchpy.exceptions import ConnectionError as OSConnectionError

    try:
        health = _health(client)
    except OSConnectionError as exc:
        raise EngineUnavailableError(unreachable_message(url, exc), "unreachable") from None
    if not health.get("discovered_cluster_manager", health.get("discovered_master", True)):
        raise EngineUnavailableError(no_manager_message(url, health), "no_manager")


def wait_for_shards(client, url: str, indexes: list[str], seconds: float, status: str = "yellow") -> None:
    """Wait up to ``seconds`` for every primary of ``indexes`` to be live again
    (``status="green"``: every replica too); raise what is wrong if they are not.

    Polled with the answering node's own view (``local``): asking the manager to
    wait would answer 408 at each step, and wait its own 30 s when there is none."""
    from opensearchpy.exceptions import ConnectionError as OSConnectionError, TransportError

    ranks = {"red": 0, "yellow": 1, "green": 2}
    deadline = time.monotonic() + seconds
    while True:
        try:
            found = client.cluster.health(index=",".join(indexes), params={"local": "true"}, request_timeout=QUICK)
            if found.get("discovered_cluster_manager", True) and ranks.get(found["status"], 0) >= ranks[status]:
                return
        except (OSConnectionError, TransportError):
            pass  # a node restarting: ask again until the deadline
        if time.monotonic() >= deadline:
            break
        time.sleep(min(0.5, max(0.0, deadline - time.monotonic())))
    problem = diagnose(client, url, indexes)
    waited = f" (waited {seconds:g} s for it to recover)"
    if problem is not None:
        raise EngineUnavailableError(str(problem) + waited, problem.kind)
    raise EngineUnavailableError(f"the OpenSearch indexes {', '.join(indexes)} at {url} did not become {status}"
                                 f"{waited}; check `make opensearch-status` or the cluster's logs", "failed")
