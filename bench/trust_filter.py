"""What the reader's filter costs (issue 20): search p95 with and without it, one run.

    .venv/bin/python bench/make_corpus.py 2000 /work/benchdata/c2k
    .venv/bin/python bench/trust_filter.py /work/benchdata/c2k --work /work/benchdata/trust-filter \\
        [--rounds 5] [--opensearch-url http://127.0.0.1:9650] [--page]

The archive is copied to ``--work`` and folder policies (``.vdoc-access``,
group ``phong-a``) are written into whole folders until about half of the
documents are under one: an office restricting departments, no file
touched.  The copy is indexed (Whoosh; OpenSearch too with a cluster URL),
then ``query_speed.py``'s query mix (43 queries: common syllables, phrases,
unaccented, OCR-spelled, số ký hiệu, with filters) runs through the search
pipeline in this process (the page's work: hits, total, facets, snippets,
did-you-mean not included) for three readers, interleaved query by query so
a change in the machine's load hits all three alike:

- admin:    no filter at all (the baseline);
- staff:    an account of no group: the filter, half of the archive readable;
- member:   an account of group phong-a: the filter, all of it readable.

``--page`` times the search page's did-you-mean too (its counts are made
again under the reader's filter: the rest of the page does not depend on it).

Prints p50/p95/mean per reader and engine, p95 against the admin's, the
totals each reader saw (staff must see fewer) and the load average before
and after.  Goal (issue 20): the half-archive reader within 10 % of no filter.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

GROUP = "phong-a"


def restricted_copy(corpus: Path, work: Path) -> tuple[Path, int, int]:
    """The archive copied to work/archive with policies over about half of it:
    (folder, documents, documents under a policy)."""
    archive = work / "archive"
    if not archive.exists():
        shutil.copytree(corpus, archive)
    files = {d: sum(1 for f in d.rglob("*") if f.is_file() and not f.name.startswith("."))
             for d in sorted(p for p in archive.iterdir() if p.is_dir())}
    total = sum(files.values())
    policed = 0
    for folder, n in sorted(files.items(), key=lambda kv: (-kv[1], kv[0].name)):
        if policed + n > total / 2 + 60:
            continue
        (folder / ".vdoc-access").write_text(f"groups: {GROUP}\n", encoding="utf-8")
        policed += n
        if policed >= total / 2 - 60:
            break
    return archive, total, policed


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def load() -> str:
    return "load average %.2f %.2f %.2f" % os.getloadavg()


def measure(service, mix, readers: dict, rounds: int, page: bool = False) -> tuple[dict[str, list[float]], dict[str, int]]:
    from indexer.search import SearchRequest

    times: dict[str, list[float]] = {name: [] for name in readers}
    totals: dict[str, int] = dict.fromkeys(readers, 0)
    for n in range(rounds + 1):  # round 0 warms every path up and is not counted
        for _, q, filters in mix:
            for name, reader in readers.items():
                req = SearchRequest(q=q, filters={k: [v] for k, v in filters.items()}, reader=reader)
                started = time.perf_counter()
                result = service.search(req)
                if page:  # what the search page asks besides: did-you-mean, counted under the filter
                    service.did_you_mean(req, result.strict_total)
                took = (time.perf_counter() - started) * 1000
                if n:
                    times[name].append(took)
                else:
                    totals[name] += result.total
    return times, totals


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help="a folder of bench/make_corpus.py (its .json beside it)")
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--opensearch-url", default="")
    ap.add_argument("--page", action="store_true", help="time the page's did-you-mean too (the reader's other cost)")
    args = ap.parse_args(argv)

    import json

    from indexer.index.whoosh.writer import build as whoosh_build
    from indexer.search import open_service
    from indexer.search.access import Reader
    from query_speed import query_mix

    print(f"$ {' '.join(sys.argv)}")
    print(f"before: {load()} ({os.cpu_count()} cores)")
    args.work.mkdir(parents=True, exist_ok=True)
    archive, total, policed = restricted_copy(args.corpus, args.work)
    print(f"archive: {total} documents, {policed} ({policed / total:.0%}) under a policy of group {GROUP}")
    mix = query_mix(json.loads(Path(f"{args.corpus}.json").read_text(encoding="utf-8")))
    readers = {"admin": Reader("admin", "admin"), "staff": Reader("staff", "staff"),
               "member": Reader("member", "staff", groups=frozenset({GROUP}))}
    services = {}
    started = time.perf_counter()
    print("whoosh build:", whoosh_build(archive, args.work / "whoosh").summary(),
          f"({time.perf_counter() - started:.0f} s)")
    services["whoosh"] = open_service("whoosh", index_dir=args.work / "whoosh")
    if args.opensearch_url:
        from indexer.index.opensearch.writer import build as os_build

        started = time.perf_counter()
        print("opensearch build:", os_build(archive, args.opensearch_url, "trust-filter-bench").summary(),
              f"({time.perf_counter() - started:.0f} s)")
        services["opensearch"] = open_service("opensearch", url=args.opensearch_url, index="trust-filter-bench")
    print(f"{len(mix)} queries x {args.rounds} rounds per reader, interleaved; pipeline search() in-process "
          "(hits, total, facets, snippets)" + (" and did_you_mean() as the page asks it" if args.page else ""))
    for engine, service in services.items():
        times, totals = measure(service, mix, readers, args.rounds, args.page)
        base = pct(times["admin"], 95)
        print(f"\n{engine}: sum of totals over the mix: " + ", ".join(f"{k} {v}" for k, v in totals.items()))
        print(f"  {'reader':8} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8}  p95 / admin")
        for name, values in times.items():
            p95 = pct(values, 95)
            print(f"  {name:8} {pct(values, 50):8.1f} {p95:8.1f} {statistics.mean(values):8.1f}  "
                  f"{p95 / base:.3f} ({(p95 / base - 1) * 100:+.1f} %)")
        service.close()
    print(f"\nafter: {load()}")


if __name__ == "__main__":
    main()
