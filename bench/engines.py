"""Both engines in one run: the same folder indexed by Whoosh and by OpenSearch,
then the same query mix (``query_speed.query_mix``) against each app under gunicorn.

    .venv/bin/python bench/engines.py /work/benchdata/c100k /work/benchdata/c100k.json \\
        --work /work/benchdata/osbench --opensearch-url http://127.0.0.1:9270,http://127.0.0.1:9271

Indexing runs in this process (the real ``build`` of each engine, its worker
pool included) and prints wall seconds, MB/s and docs/s of source, and where
the time went: CPU seconds of the analysis workers (our Python: extraction,
normalisation, OCR repair, pyvi), CPU seconds of this process (Whoosh: its
single writer; OpenSearch: building JSON and the bulk client), CPU seconds of
the OpenSearch nodes (the engine), and how long the writer waited for the
workers versus how long the workers waited for the writer (the bound).
Searching: the ``/search`` page (HTML, facets and snippets) p50/p95/p99 per
category, throughput with 8 client threads, RSS of the app's workers and of
the nodes.  ``--skip-build`` reuses the indexes of an earlier run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from query_speed import HOSTILE, Server, get, latencies, pct, query_mix, throughput, url_for  # noqa: E402

import indexer.index.pipeline as pipeline  # noqa: E402

ALIAS = os.environ.get("BENCH_ALIAS", "bench")


def descendants(pid: int) -> list[int]:
    """Children, grandchildren, ... of ``pid`` (pool workers come from a fork server)."""
    out = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return out
    for task in tasks:
        try:
            kids = [int(k) for k in (task / "children").read_text().split()]
        except OSError:
            continue
        for kid in kids:
            out += [kid, *descendants(kid)]
    return out


class ChildCPU:
    """CPU seconds of this process's descendants (the analysis workers and their fork
    server), sampled every 0.5 s from /proc while they live."""

    def __init__(self):
        self.seen: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            for pid in descendants(os.getpid()):
                try:
                    self.seen[pid] = proc_cpu([pid])
                except (OSError, IndexError):
                    pass

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    @property
    def seconds(self) -> float:
        return sum(self.seen.values())


def _cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def node_pids(url: str) -> list[int]:
    """The OpenSearch nodes' process ids, from the nodes API (for CPU and RSS)."""
    from indexer.index.opensearch.client import connect

    info = connect(url).nodes.info(metric="process")
    return [int(n["process"]["id"]) for n in info["nodes"].values()]


def proc_cpu(pids: list[int]) -> float:
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def proc_rss_mb(pids: list[int]) -> list[float]:
    out = []
    for pid in pids:
        status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
        out.append(int(status["VmRSS"].split()[0]) / 1024)
    return out


class WaitClock:
    """Wraps ``prepared_stream``: seconds the writer spent waiting for the next analysed file."""

    def __init__(self):
        self.waited = 0.0
        self.original = pipeline.prepared_stream

    def __enter__(self):
        def timed(*args, **kwargs):
            stream = self.original(*args, **kwargs)
            while True:
                started = time.perf_counter()
                try:
                    item = next(stream)
                except StopIteration:
                    return
                finally:
                    self.waited += time.perf_counter() - started
                yield item

        import indexer.index.build as build_loop  # the one loop both engines' builds run

        self._module = build_loop
        build_loop.prepared_stream = timed
        return self

    def __exit__(self, *exc):
        self._module.prepared_stream = self.original


def index_once(engine: str, src: Path, target: str, url: str, mb: float) -> dict:
    from indexer.index.whoosh.writer import build as whoosh_build
    from indexer.index.opensearch.writer import build as os_build

    pids = node_pids(url) if engine == "opensearch" else []
    before = (_cpu_self(), proc_cpu(pids), time.perf_counter())
    with WaitClock() as clock, ChildCPU() as workers:
        if engine == "whoosh":
            shutil.rmtree(target, ignore_errors=True)
            report = whoosh_build(src, Path(target))
        else:
            report = os_build(src, url, target, full=True)
    wall = time.perf_counter() - before[2]
    docs = len(report.indexed)
    return dict(wall=wall, docs=docs, skipped=len(report.skipped), mb=mb,
                workers=workers.seconds, main=_cpu_self() - before[0],
                engine=proc_cpu(pids) - before[1], waited=clock.waited)


def print_index(name: str, r: dict) -> None:
    busy = r["wall"] - r["waited"]
    print(f"{name:10} {r['wall']:7.0f} s  {r['mb'] / r['wall']:5.2f} MB/s  {r['docs'] / r['wall']:6.1f} docs/s  "
          f"({r['docs']} indexed, {r['skipped']} skipped)")
    print(f"{'':10} CPU s: analysis workers {r['workers']:.0f}, builder process {r['main']:.0f}, "
          f"OpenSearch nodes {r['engine']:.0f}; builder waited for the workers {r['waited']:.0f} s, "
          f"was busy writing {busy:.0f} s ({100 * busy / r['wall']:.0f} % of the wall time)")


def serve(engine: str, whoosh_dir: Path, url: str) -> Server:
    env = {"INDEX_DIR": str(whoosh_dir)} if engine == "whoosh" else {
        "SEARCH_BACKEND": "opensearch", "OPENSEARCH_URL": url, "OPENSEARCH_INDEX": ALIAS}
    # Served as `make serve` serves it: each worker warms up before its first request.
    return Server("wsgi:app", env, "/search?q=k%E1%BA%BFt+lu%E1%BA%ADn+c%E1%BB%A7a", 2, ("-c", "python:searchapp.gunicorn_conf"))


def search_once(engine: str, whoosh_dir: Path, url: str, mix, args) -> dict:
    server = serve(engine, whoosh_dir, url)
    try:
        by_cat, errors = latencies(server, mix, args.rounds, True)
        hostile = [get(url_for(server.base, q, {}, True), timeout=60) for q in HOSTILE]
        rate, count, terrors, ttimes = throughput(server, mix, args.clients, args.seconds, True)
        rss = server.worker_rss_mb()
    finally:
        server.stop()
    nodes = proc_rss_mb(node_pids(url)) if engine == "opensearch" else []
    return dict(cold=server.cold_ms, by_cat=by_cat, errors=errors, hostile=hostile, rate=rate, count=count,
                terrors=terrors, ttimes=ttimes, rss=rss, nodes=nodes)


def print_search(results: dict, clients: int) -> None:
    names = list(results)
    cats = list(results[names[0]]["by_cat"]) + ["ALL"]
    print(f"{'category':18} " + " | ".join(f"{n + ' p50':>15} {'p95':>7} {'p99':>7}" for n in names))
    for cat in cats:
        row = []
        for n in names:
            by_cat = results[n]["by_cat"]
            v = [x for vs in by_cat.values() for x in vs] if cat == "ALL" else by_cat[cat]
            row.append(f"{pct(v, 50):15.1f} {pct(v, 95):7.1f} {pct(v, 99):7.1f}")
        print(f"{cat:18} " + " | ".join(row))
    for n in names:
        r = results[n]
        print(f"{n}: cold start {r['cold']:.0f} ms; errors {r['errors']}; throughput, {clients} clients: "
              f"{r['rate']:.1f} req/s ({r['count']} requests, {r['terrors']} errors, p50 {pct(r['ttimes'], 50):.0f} ms, "
              f"p99 {pct(r['ttimes'], 99):.0f} ms); app worker RSS MB (current/peak) "
              + ", ".join(f"{c:.0f}/{p:.0f}" for c, p in r["rss"])
              + (("; node RSS MB " + ", ".join(f"{m:.0f}" for m in r["nodes"])) if r["nodes"] else ""))
        print(f"{n}: hostile queries (status/ms) " + ", ".join(f"{s}/{ms:.0f}" for s, ms in r["hostile"]))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src", type=Path)
    ap.add_argument("manifest", type=Path, help="the <corpus>.json written by make_corpus.py")
    ap.add_argument("--work", type=Path, required=True, help="folder for the Whoosh index")
    ap.add_argument("--opensearch-url", required=True)
    ap.add_argument("--engines", default="whoosh,opensearch")
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=20)
    args = ap.parse_args(argv)
    print(f"$ {' '.join([Path(sys.executable).name] + sys.argv)}", flush=True)
    engines = args.engines.split(",")
    files = [p for p in args.src.rglob("*") if p.is_file()]
    mb = sum(p.stat().st_size for p in files) / 1e6
    whoosh_dir = args.work / f"{args.src.name}.whoosh"
    print(f"corpus: {len(files)} files, {mb:.1f} MB; {os.cpu_count()} cores", flush=True)
    if not args.skip_build:
        for engine in engines:
            r = index_once(engine, args.src, str(whoosh_dir) if engine == "whoosh" else ALIAS, args.opensearch_url, mb)
            print_index(engine, r)
            print(f"{'':10} peak RSS of this process so far {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB",
                  flush=True)
    mix = query_mix(json.loads(args.manifest.read_text(encoding="utf-8")))
    print(f"{len(mix)} queries x {args.rounds} rounds; {args.clients} clients x {args.seconds:.0f} s; "
          "2 gunicorn workers each", flush=True)
    results = {e: search_once(e, whoosh_dir, args.opensearch_url, mix, args) for e in engines}
    print_search(results, args.clients)


if __name__ == "__main__":
    main()
