"""OpenSearch at N times an archive, when the machine cannot analyse N times the files.

    .venv/bin/python bench/os_copies.py /work/benchdata/c10k /work/benchdata/c10k.json --copies 10 \\
        --opensearch-url http://127.0.0.1:9200,http://127.0.0.1:9201

Each file is read and analysed once (the worker pool, as a build does) and
indexed ``--copies`` times, as ``<k>/<id>``: an index of N x the documents
whose postings, facets and chunk records are N x those of the archive (the
same words, units and years; document frequencies N times larger).  It
measures the engine's side: bulk indexing of N x the documents (CPU of the
nodes, seconds in bulk requests) and the search page of ``engines.py``
(query mix, facets, snippets, gunicorn) over it.  Not a substitute for a
real archive of that size: nothing in it is new text.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from engines import ALIAS, ChildCPU, _cpu_self, node_pids, print_search, proc_cpu, search_once  # noqa: E402
from query_speed import query_mix  # noqa: E402


def index_copies(src: Path, url: str, copies: int) -> dict:
    from indexer.analysis.analyzer import Analyzer
    from indexer.extract.sources import discover
    from indexer.index.opensearch.writer import OpenSearchWriter
    from indexer.index.pipeline import PrepareOptions, prepared_stream
    from indexer.index.report import BuildReport

    writer = OpenSearchWriter(url, ALIAS, timeout=120)
    analyzer = Analyzer()
    options = PrepareOptions(analyzer, encoder=writer.encoder(analyzer))
    files, _ = discover(src)
    pids = node_pids(url)
    report = BuildReport()
    before = (_cpu_self(), proc_cpu(pids), time.perf_counter())
    with writer.lock(), ChildCPU() as workers:
        target = writer.open(analyzer, full=True)
        for prepared in prepared_stream(files, options):
            if prepared.doc is None:
                continue
            for k in range(copies):
                doc = dataclasses.replace(prepared.doc, id=f"{k}/{prepared.doc.id}", path=f"{k}/{prepared.doc.path}")
                target.put(doc, prepared.encoded)
                report.indexed.append(doc.id)
        report.refused(target.flush())
        started = time.perf_counter()
        target.finish(report)
        finish = time.perf_counter() - started
    return dict(wall=time.perf_counter() - before[2], docs=len(report.indexed), workers=workers.seconds,
                main=_cpu_self() - before[0], engine=proc_cpu(pids) - before[1], bulk=target.bulk.engine_seconds,
                finish=finish)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src", type=Path)
    ap.add_argument("manifest", type=Path)
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--opensearch-url", required=True)
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=20)
    args = ap.parse_args(argv)
    print(f"$ {' '.join([Path(sys.executable).name] + sys.argv)}", flush=True)
    if not args.skip_build:
        r = index_copies(args.src, args.opensearch_url, args.copies)
        print(f"indexed {r['docs']} documents ({args.copies} copies) in {r['wall']:.0f} s: CPU s analysis workers "
              f"{r['workers']:.0f} (once per file), builder {r['main']:.0f}, OpenSearch nodes {r['engine']:.0f}; "
              f"{r['bulk']:.0f} s in bulk requests, {r['finish']:.0f} s refresh + replica + alias", flush=True)
    from indexer.index.opensearch.client import connect

    stats = connect(args.opensearch_url).indices.stats(index=f"{ALIAS},{ALIAS}.chunks", metric="docs,store")
    for name, idx in sorted(stats["indices"].items()):
        p = idx["primaries"]
        print(f"{name}: {p['docs']['count']} records, primaries {p['store']['size_in_bytes'] / 1e6:.0f} MB, "
              f"with replicas {idx['total']['store']['size_in_bytes'] / 1e6:.0f} MB", flush=True)
    mix = query_mix(json.loads(args.manifest.read_text(encoding="utf-8")))
    results = {"opensearch": search_once("opensearch", Path("/nonexistent"), args.opensearch_url, mix, args)}
    print_search(results, args.clients)


if __name__ == "__main__":
    main()
