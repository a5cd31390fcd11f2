"""What the validity facet costs a search, in process, on a Whoosh index (issue 21).

    .venv/bin/python bench/validity_speed.py SRC_DIR INDEX_DIR [--today 2026-02-01] [--rounds 3]

Builds INDEX_DIR from SRC_DIR when it is not there (a folder of .txt files;
``--from-jsonl FILE`` writes the documents of a JSONL file with ``id`` and
``text`` to SRC_DIR first).  Then, for a fixed query mix, times each
``SearchPipeline.search`` (the page's search, snippets included) without the
validity facet and with it, interleaved, and, for the same requests, the
validity part alone: ``Standing`` (the lexicon of
relation_acts, the documents acted on, legal.validity) plus the facet's
counts.  Prints p50/p95 of both, the archive's acts and acted-on documents,
and the load average (a shared machine: read the numbers with it).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = ["", "quyết định", "kế hoạch", "cải cách hành chính", "thay thế", "sửa đổi bổ sung", "ủy ban nhân dân",
           "quy chế", "chuyển đổi số", "an toàn giao thông", "ke hoach", "bãi bỏ"]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("index")
    ap.add_argument("--from-jsonl")
    ap.add_argument("--today", default="2026-02-01")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    from indexer.index.whoosh.writer import build
    from indexer.search import SearchRequest, SearchSettings, open_service
    from indexer.search.standing import Standing

    src = Path(args.src)
    if args.from_jsonl and not src.exists():
        src.mkdir(parents=True)
        for line in open(args.from_jsonl, encoding="utf-8"):
            doc = json.loads(line)
            (src / f"{doc['id']}.txt").write_text(doc["text"], encoding="utf-8")
    if not Path(args.index).exists():
        started = time.perf_counter()
        print(build(src, args.index).summary().splitlines()[-1], f"({time.perf_counter() - started:.0f} s)")
    service = open_service("whoosh", index_dir=args.index, settings=SearchSettings(today=args.today))
    engine = service.engine
    acts = engine.keyword_terms("relation_acts")
    standing = Standing(engine, args.today)
    print(f"documents {engine.documents()}, acts {len(acts)}, documents acted on {len(standing.decided)}")
    reqs = [SearchRequest(q=q) for q in QUERIES]
    service.search(reqs[1])  # load the models once
    whole, without, part = [], [], []
    counts = service._validity_counts
    for r in range(args.rounds):
        for req in reqs:
            # The same request with and without the facet, in turns: the second of the two
            # meets what the first left in the postings cache, so each goes first in every
            # other round.
            for facet in ((False, True) if r % 2 == 0 else (True, False)):
                service._validity_counts = counts if facet else (lambda *a, **k: [])
                t = time.perf_counter()
                service.search(req)
                (whole if facet else without).append((time.perf_counter() - t) * 1000)
            service._validity_counts = counts
            t = time.perf_counter()
            from indexer.search.parse import parse
            service._validity_counts(req, parse(req.q), False, Standing(engine, args.today))
            part.append((time.perf_counter() - t) * 1000)
    print(f"search without the validity facet: p50 {statistics.median(without):.1f} ms, p95 {pct(without, 95):.1f} ms "
          f"({len(without)} searches)")
    print(f"search with the validity facet:    p50 {statistics.median(whole):.1f} ms, p95 {pct(whole, 95):.1f} ms "
          f"(the same requests; the two take turns going first)")
    print(f"  validity alone (a fresh Standing + the facet's counts): p50 {statistics.median(part):.1f} ms, "
          f"p95 {pct(part, 95):.1f} ms")
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
