"""Requests bounded by the page, not by document length: both engines over long files.

    .venv/bin/python bench/make_long_corpus.py 500 /work/benchdata/osbench/long500 --huge-mb 19
    .venv/bin/python bench/long_docs.py /work/benchdata/osbench/long500 --work /work/benchdata/osbench \\
        --opensearch-url http://127.0.0.1:9200

Indexes the folder (500 files of ~110 KB and huge.txt, 19 MB) with each
engine, then serves each app under gunicorn (2 workers) and times, after one
warm-up request each: the document page of huge.txt (first section, a deep
section with a query, the last section), the page of a 110 KB file, and
``/search?q=quy+định&per_page=100`` (100 hits of long documents, facets and
snippets).  Printed: p50 and max of ``--rounds`` requests, and the size of
each answer (it must not grow with the document).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from query_speed import Server, pct  # noqa: E402

ALIAS = "benchlong"
PAGES = [
    ("huge.txt page, part 1", "/documents/huge.txt"),
    ("huge.txt page, part 200, q", "/documents/huge.txt?q=quy+%C4%91%E1%BB%8Bnh&part=200"),
    ("huge.txt page, last part", "/documents/huge.txt?part=100000"),
    ("110 KB page, q", "/documents/long0001.txt?q=quy+%C4%91%E1%BB%8Bnh"),
    ("search quy định, 100 hits", "/search?q=quy+%C4%91%E1%BB%8Bnh&per_page=100"),
]


def fetch(url: str) -> tuple[int, int, float]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as resp:
        size = len(resp.read())
        status = resp.status
    return status, size, (time.perf_counter() - started) * 1000


def build(engine: str, src: Path, work: Path, url: str) -> float:
    started = time.perf_counter()
    if engine == "whoosh":
        from indexer.index.whoosh.writer import build as whoosh_build

        shutil.rmtree(work / "long.whoosh", ignore_errors=True)
        report = whoosh_build(src, work / "long.whoosh")
    else:
        from indexer.index.opensearch.writer import build as os_build

        report = os_build(src, url, ALIAS, full=True)
    if report.skipped:
        print(f"{engine}: skipped {report.skipped[:3]}")
    return time.perf_counter() - started


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src", type=Path)
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--opensearch-url", required=True)
    ap.add_argument("--engines", default="whoosh,opensearch")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--skip-build", action="store_true")
    args = ap.parse_args(argv)
    print(f"$ {' '.join([Path(sys.executable).name] + sys.argv)}", flush=True)
    files = [p for p in args.src.iterdir() if p.is_file()]
    print(f"corpus: {len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB "
          f"(huge.txt {(args.src / 'huge.txt').stat().st_size / 1e6:.1f} MB)", flush=True)
    for engine in args.engines.split(","):
        if not args.skip_build:
            print(f"{engine}: built in {build(engine, args.src, args.work, args.opensearch_url):.0f} s", flush=True)
        env = {"INDEX_DIR": str(args.work / "long.whoosh")} if engine == "whoosh" else {
            "SEARCH_BACKEND": "opensearch", "OPENSEARCH_URL": args.opensearch_url, "OPENSEARCH_INDEX": ALIAS}
        server = Server("wsgi:app", env, "/search?q=k%E1%BA%BFt+lu%E1%BA%ADn")
        try:
            for label, path in PAGES:
                fetch(server.base + path)  # warm-up
                runs = [fetch(server.base + path) for _ in range(args.rounds)]
                times = [ms for _, _, ms in runs]
                print(f"{engine:10} {label:28} status {runs[0][0]}  p50 {pct(times, 50):7.1f} ms  "
                      f"max {max(times):7.1f} ms  answer {runs[0][1] / 1000:.0f} KB", flush=True)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
