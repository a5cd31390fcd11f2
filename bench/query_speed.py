"""Query speed over HTTP: our search page under gunicorn vs SQLite FTS5, same run.

    .venv/bin/python bench/query_speed.py /work/benchdata/c10k.index /work/benchdata/c10k.json

For each engine: gunicorn with 2 sync workers on a free loopback port; cold
start (spawn -> first answered search); sequential latency of a fixed query
mix (p50/p95/p99, per category and overall) on /search (the HTML page, with
facets and snippets) for ours and /search (JSON with total, 3 facet counts and
snippets) for FTS5; throughput with 8 concurrent clients (Python threads,
one connection per request); worker RSS (current and peak).  Every figure is
also printed as ours / FTS5.  Hostile queries are timed on our engine only,
and so are the other pages: each query's first document's page (with the
query marked), and the home page (counts and the facets of the whole archive).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COMMON = ["dân", "công", "năm", "hành", "tỉnh", "quy", "xã"]
PHRASES = ["cải cách hành chính", "kế hoạch", "ủy ban nhân dân", '"phòng chống thiên tai"', "chuyển đổi số",
           "an toàn giao thông", '"xây dựng nông thôn mới"', "quản lý đất đai"]
UNACCENTED = ["cai cach hanh chinh", "chuyen doi so", "ke hoach", "uy ban nhan dan tinh", "thi dua khen thuong"]
OCR = ["Két luan ciia Chu tich", "thi xa Phudc Long", "cai cachhanh chinh", "trién khai nhiém vu", "Quyét dinh"]
FILTERED = [  # (q, filters) — filters go in the query string for both engines
    ("cải cách", {"year": "2022"}), ("kế hoạch", {"type": "KH"}), ("", {"year": "2023", "type": "BC"}),
    ("dân", {"type": "QĐ"}), ("phòng chống", {"year": "2021"}),
]
HOSTILE = [
    "-x " * 333 + "kết", " OR ".join(["kết", "luận", "của", "chủ", "tịch", "ủy", "ban", "nhân", "dân"] * 20),
    " ".join('"cải cách" "hành chính"' for _ in range(16)), " ".join(f"t{i}" for i in range(1000)),
    "a" * 10000, "*", "k*t ?", '"' * 99,
]


def query_mix(manifest: dict) -> list[tuple[str, str, dict]]:
    """[(category, q, filters)], the same for every engine and run."""
    mix = [("common syllable", q, {}) for q in COMMON]
    mix += [("phrase 2-4 words", q, {}) for q in PHRASES]
    mix += [("unaccented", q, {}) for q in UNACCENTED]
    mix += [("OCR-spelled", q, {}) for q in OCR + [w for w in manifest["ocr_words"] if len(w) > 4][:5]]
    mix += [("số ký hiệu", q, {}) for q in manifest["numbers"][:8]]
    mix += [("with filters", q, f) for q, f in FILTERED]
    return mix


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 30) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            resp.read()
            status = resp.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except OSError:
        status = 0
    return status, (time.perf_counter() - started) * 1000


class Server:
    """gunicorn serving ``app`` with ``env``; knows its cold start and its workers."""

    def __init__(self, app: str, env: dict, probe: str, workers: int = 2, args: tuple[str, ...] = ()):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        started = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{self.port}", "--timeout", "60", *args, app],
            cwd=ROOT, env=dict(os.environ, **env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        while get(self.base + probe, timeout=60)[0] != 200:
            if self.proc.poll() is not None:
                sys.exit(f"gunicorn for {app} exited with {self.proc.returncode}")
            time.sleep(0.05)
        self.cold_ms = (time.perf_counter() - started) * 1000

    def worker_rss_mb(self) -> list[tuple[float, float]]:
        """(current, peak) RSS in MB of each worker."""
        out = []
        kids = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
        for pid in kids:
            status = Path(f"/proc/{pid}/status").read_text()
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            out.append((int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024))
        return out

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def url_for(base: str, q: str, filters: dict, ours: bool) -> str:
    args = {"q": q, **filters}
    if ours:
        args["go"] = "0"  # a lone số ký hiệu would redirect to its document; time the result page
    return f"{base}/search?{urlencode(args)}"


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def latencies(server: Server, mix, rounds: int, ours: bool) -> tuple[dict[str, list[float]], int]:
    for _, q, f in mix:  # warm-up round, not counted
        get(url_for(server.base, q, f, ours))
    by_cat: dict[str, list[float]] = {}
    errors = 0
    for _ in range(rounds):
        for cat, q, f in mix:
            status, ms = get(url_for(server.base, q, f, ours))
            errors += status != 200
            by_cat.setdefault(cat, []).append(ms)
    return by_cat, errors


def document_urls(server: Server, mix) -> list[str]:
    """The page of each query's first hit, with the query marked (as a click on it opens)."""
    urls = []
    for _, q, f in mix:
        with urllib.request.urlopen(f"{server.base}/api/search?{urlencode({'q': q, 'per_page': 1, **f})}",
                                    timeout=60) as resp:
            hits = json.loads(resp.read())["hits"]
        if hits:
            urls.append(f"{server.base}/documents/{quote(hits[0]['id'])}?{urlencode({'q': q})}")
    return urls


def page_latencies(urls: list[str], rounds: int) -> tuple[list[float], int]:
    for url in urls:  # warm-up round, not counted
        get(url)
    times, errors = [], 0
    for _ in range(rounds):
        for url in urls:
            status, ms = get(url)
            errors += status != 200
            times.append(ms)
    return times, errors


def throughput(server: Server, mix, clients: int, seconds: float, ours: bool) -> tuple[float, int, int, list[float]]:
    urls = [url_for(server.base, q, f, ours) for _, q, f in mix]
    stop = time.monotonic() + seconds
    done, errors, times, lock = [0], [0], [], threading.Lock()

    def client(k: int):
        i = k
        while time.monotonic() < stop:
            status, ms = get(urls[i % len(urls)])
            i += 1
            with lock:
                done[0] += 1
                errors[0] += status != 200
                times.append(ms)

    threads = [threading.Thread(target=client, args=(k * 7,)) for k in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done[0] / (time.perf_counter() - started), done[0], errors[0], times


def ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}x" if b else "n/a"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("manifest", type=Path, help="the <corpus>.json written by make_corpus.py")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=20)
    args = ap.parse_args(argv)
    print(f"$ {' '.join([Path(sys.executable).name] + sys.argv)}")
    manifest = json.loads(args.manifest.read_text(encoding="utf-8"))
    mix = query_mix(manifest)
    db = args.index.with_suffix(".fts5")
    if not db.exists():
        from fts5 import build_from_whoosh

        build_from_whoosh(args.index, db)
    from indexer.search import open_service

    print(f"index: {open_service('whoosh', index_dir=args.index).status().documents} documents; {len(mix)} queries x {args.rounds} rounds; "
          f"{args.clients} clients x {args.seconds:.0f} s; 2 gunicorn workers each")

    results = {}
    for name, app, env, ours in [
        ("ours", "wsgi:app", {"INDEX_DIR": str(args.index)}, True),
        ("fts5", "bench.fts5:app", {"FTS_DB": str(db)}, False),
    ]:
        # Ours served as `make serve` serves it: each worker warms up before its first request.
        conf = ("-c", "python:searchapp.gunicorn_conf") if ours else ()
        server = Server(app, env, "/search?q=k%E1%BA%BFt+lu%E1%BA%ADn+c%E1%BB%A7a", 2, conf)
        try:
            by_cat, errors = latencies(server, mix, args.rounds, ours)
            hostile = [get(url_for(server.base, q, {}, True), timeout=60) for q in HOSTILE] if ours else []
            pages = {"document page": page_latencies(document_urls(server, mix), args.rounds),
                     "home page": page_latencies([server.base + "/"] * 10, args.rounds)} if ours else {}
            rate, count, terrors, ttimes = throughput(server, mix, args.clients, args.seconds, ours)
            rss = server.worker_rss_mb()
        finally:
            server.stop()
        results[name] = dict(cold=server.cold_ms, by_cat=by_cat, errors=errors, hostile=hostile, rate=rate,
                             count=count, terrors=terrors, ttimes=ttimes, rss=rss, pages=pages)

    ours, base = results["ours"], results["fts5"]
    print(f"cold start to first answer: ours {ours['cold']:.0f} ms, FTS5 {base['cold']:.0f} ms ({ratio(ours['cold'], base['cold'])})")
    print(f"{'category':18} {'ours p50':>9} {'p95':>7} {'p99':>7} {'max':>7} | {'FTS5 p50':>9} {'p95':>7} | p95 ratio")
    all_ours = [v for vs in ours["by_cat"].values() for v in vs]
    all_base = [v for vs in base["by_cat"].values() for v in vs]
    for cat in list(ours["by_cat"]) + ["ALL"]:
        a = all_ours if cat == "ALL" else ours["by_cat"][cat]
        b = all_base if cat == "ALL" else base["by_cat"][cat]
        print(f"{cat:18} {pct(a, 50):9.1f} {pct(a, 95):7.1f} {pct(a, 99):7.1f} {max(a):7.1f} | "
              f"{pct(b, 50):9.1f} {pct(b, 95):7.1f} | {ratio(pct(a, 95), pct(b, 95))}")
    print(f"errors (non-200) in the sequential runs: ours {ours['errors']}, FTS5 {base['errors']}")
    for name, (times, errors) in ours["pages"].items():
        print(f"{name:18} {pct(times, 50):9.1f} {pct(times, 95):7.1f} {pct(times, 99):7.1f} {max(times):7.1f} | "
              f"ours only: {len(times)} requests, {errors} errors")
    print(f"throughput, {args.clients} clients: ours {ours['rate']:.1f} req/s ({ours['count']} requests, "
          f"{ours['terrors']} errors, p50 {pct(ours['ttimes'], 50):.0f} ms, p99 {pct(ours['ttimes'], 99):.0f} ms), "
          f"FTS5 {base['rate']:.1f} req/s ({base['terrors']} errors, p99 {pct(base['ttimes'], 99):.0f} ms); "
          f"ours/FTS5 = {ours['rate'] / base['rate']:.2f}")
    print("worker RSS MB (current/peak): ours " + ", ".join(f"{c:.0f}/{p:.0f}" for c, p in ours["rss"])
          + "; FTS5 " + ", ".join(f"{c:.0f}/{p:.0f}" for c, p in base["rss"]))
    print("hostile queries (ours, status/ms): " + ", ".join(f"{s}/{ms:.0f}" for s, ms in ours["hostile"]))


if __name__ == "__main__":
    main()
