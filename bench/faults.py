"""OpenSearch node loss, measured through gunicorn: what a reader sees while nodes die.

    .venv/bin/python scripts/opensearch/cluster.py up --port 9630     # its own cluster: nodes are killed
    .venv/bin/python bench/faults.py corpus --port 9630 [--clients 4] [--seconds 20]

Builds SRC into an alias of its own and serves it with gunicorn (2 workers,
the product's conf).  Then, with ``--clients`` threads sending the search
page's queries the whole time:

1. each node in turn (the elected manager, the other data node, the third)
   is killed with SIGKILL, the load runs ``--seconds`` more, the node is
   started again and the cluster waited for (green): failed requests (not
   200) and the latency of the requests answered while the node was down;
2. both data nodes are killed: the time of each answer (a 503 that says
   so), then they are started again;
3. a data node and the manager are killed (the node left alone elects no
   manager): the time of each answer (reads go on from the node's last
   cluster state) and of a build refused for want of a manager.

Prints the command, the load average and every figure; the cluster is left green.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the suite's helpers (support): gunicorn, scripts
QUERIES = ["kế hoạch", "ke hoach", "Két luan ciia Cha tich", "quyết định", "ủy ban nhân dân", "báo cáo năm 2023"]


def get(url: str, timeout: float = 60) -> tuple[int, float, str]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            body, code = resp.read().decode("utf-8", "replace"), resp.status
    except urllib.error.HTTPError as exc:
        body, code = exc.read().decode("utf-8", "replace"), exc.code
    except OSError as exc:
        body, code = str(exc), 0
    return code, time.perf_counter() - started, body


class Load:
    """``clients`` threads searching in a loop; each answer kept as (when, status, seconds)."""

    def __init__(self, base: str, clients: int):
        self.base, self.answers, self.stop = base, [], threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(k,), daemon=True) for k in range(clients)]

    def _run(self, k: int) -> None:
        n = k
        while not self.stop.is_set():
            q = urllib.parse.quote_plus(QUERIES[n % len(QUERIES)])
            code, took, _ = get(f"{self.base}/search?q={q}")
            self.answers.append((time.monotonic(), code, took))
            n += 1

    def __enter__(self) -> "Load":
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(timeout=120)

    def between(self, a: float, b: float) -> list[tuple[float, int, float]]:
        return [x for x in self.answers if a <= x[0] <= b]


def ms(values: list[float]) -> str:
    if not values:
        return "-"
    v = sorted(values)
    return (f"p50 {statistics.median(v) * 1000:.0f} ms, p99 {v[min(len(v) - 1, len(v) * 99 // 100)] * 1000:.0f} ms, "
            f"max {v[-1] * 1000:.0f} ms")


def manager_of(port: int) -> int:
    import json

    for i in range(3):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port + i}/_cat/cluster_manager?format=json", timeout=5) as r:
                return int(json.load(r)[0]["node"].rsplit("-", 1)[1])
        except (OSError, ValueError, KeyError, IndexError):
            continue
    raise SystemExit("no node names a manager")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src", type=Path)
    ap.add_argument("--port", type=int, required=True, help="a cluster of cluster.py's layout (2 data nodes + 1)")
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=20.0, help="load kept while a node is down")
    ap.add_argument("--probes", type=int, default=20, help="requests timed with both data nodes down")
    ap.add_argument("--parts", default="123", help="which of the three measures to run")
    args = ap.parse_args()
    print("$ " + " ".join([Path(sys.executable).name, *sys.argv]))
    print(f"load average before: {os.getloadavg()[0]:.2f} (cores: {os.cpu_count()})")
    from support import script

    cl = script("scripts/opensearch/cluster.py", "vdoc_cluster")
    root, roles = cl.run_dir(args.port), cl.layout(args.port)
    data = [i for i, r in enumerate(roles) if "data" in r]
    assert len(roles) == 3 and len(data) == 2, f"expected cluster.py's layout on {args.port}, found {roles}"
    url = ",".join(cl.data_urls(args.port))
    alias = f"faultbench-{uuid.uuid4().hex[:6]}"

    from indexer.errors import EngineUnavailableError
    from indexer.index.opensearch.client import connect
    from indexer.index.opensearch.writer import build

    started = time.perf_counter()
    report = build(args.src, url, alias)
    print(f"built {len(report.indexed)} documents into {alias} in {time.perf_counter() - started:.0f} s")
    from support import gunicorn  # the suite's helper: gunicorn with the product's conf, stopped after

    env = {"SEARCH_BACKEND": "opensearch", "OPENSEARCH_URL": url, "OPENSEARCH_INDEX": alias}
    try:
        if "1" in args.parts:
            with gunicorn(env, workers=2, timeout=300) as base, Load(base, args.clients) as load:
                time.sleep(3)  # a bench, not a test: let the load settle before the first kill
                print(f"\n1. one node killed (SIGKILL) under {args.clients} clients, {args.seconds:g} s down, then started again")
                for node in range(3):
                    manager = manager_of(args.port)
                    which = ("data node" if node in data else "small manager") + (", the elected manager" if node == manager else "")
                    t0 = time.monotonic()
                    cl.stop_node(root, node, signal.SIGKILL)
                    time.sleep(args.seconds)
                    t1 = time.monotonic()
                    cl.start_node(root, node)
                    cl.wait_for(args.port, "green", 3, 600, root)
                    t2 = time.monotonic()
                    down, back = load.between(t0, t1), load.between(t1, t2)
                    failed = [c for _, c, _ in down + back if c != 200]
                    print(f"   node-{node} ({which}): {len(down)} requests while down, {len(back)} while it came back "
                          f"({t2 - t1:.0f} s to green); failed {len(failed)}; answered while down: "
                          f"{ms([s for _, c, s in down if c == 200])}")
        with gunicorn(env, workers=2, timeout=300) as base:
            get(f"{base}/search?q=ke+hoach", 300)  # both workers warm before the timing
            get(f"{base}/search?q=ke+hoach", 300)
            if "2" in args.parts:
                print(f"\n2. both data nodes killed: {args.probes} requests, one at a time")
                for i in data:
                    cl.stop_node(root, i, signal.SIGKILL)
                probes = [get(f"{base}/search?q=ke+hoach") for _ in range(args.probes)]
                said = "Không kết nối được với cụm OpenSearch" in probes[-1][2]
                print(f"   statuses {sorted({c for c, _, _ in probes})}; {ms([s for _, s, _ in probes])}; "
                      f"the page says 'Không kết nối được với cụm OpenSearch': {said}")
                for i in data:
                    cl.start_node(root, i)
                cl.wait_for(args.port, "green", 3, 600, root)
            if "3" in args.parts:
                print("\n3. a data node and the manager killed: the node left elects no manager")
                manager = manager_of(args.port)
                keep = next(i for i in data if i != manager)
                gone = [i for i in range(3) if i != keep]
                for i in gone:
                    cl.stop_node(root, i, signal.SIGKILL)
                alone = f"http://127.0.0.1:{args.port + keep}"
                deadline = time.monotonic() + 120
                while time.monotonic() < deadline and '"discovered_cluster_manager":true' in get(
                        f"{alone}/_cluster/health?local=true", 5)[2]:
                    time.sleep(0.2)
                probes = [get(f"{base}/search?q=ke+hoach") for _ in range(args.probes)]
                print(f"   searches: statuses {sorted({c for c, _, _ in probes})}; {ms([s for _, s, _ in probes])}")
                with tempfile.TemporaryDirectory() as tmp:
                    shutil.copytree(args.src, Path(tmp) / "src")
                    t = time.perf_counter()
                    try:
                        build(Path(tmp) / "src", alone, alias)
                        print("   a build went through without a manager?!")
                    except EngineUnavailableError as exc:
                        print(f"   a build refused in {(time.perf_counter() - t) * 1000:.0f} ms: {str(exc)[:140]}")
                for i in gone:
                    cl.start_node(root, i)
                cl.wait_for(args.port, "green", 3, 600, root)
    finally:
        connect(url).indices.delete(index=f"{alias}*")
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
