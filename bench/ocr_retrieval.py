"""Known-item retrieval over OCR'd documents: does a user's query find the scan?

    .venv/bin/python bench/ocr_retrieval.py [--pairs ../shared/data/ocr-sim/pairs.jsonl] [--per-doc 5]
    .venv/bin/python bench/ocr_retrieval.py --engine opensearch --opensearch-url http://127.0.0.1:9200

For every held-out document of the OCR pairs (never seen by the repair model,
see scripts/ocr_split.py), queries are spans of 3-6 consecutive words of its
TRUE text, typed in correct Vietnamese and without accents.  All OCR'd
documents are indexed (the training ones as distractors).  A query succeeds
when its document is in the top 10.  Printed: Recall@10 and MRR@10 for

  - ours, OCR repair on            (the product)
  - ours, OCR repair off           (accent folding only)
  - SQLite FTS5, unicode61 remove_diacritics 2   (a standard baseline)

then the clean-text check (the clean documents indexed instead: MRR@10 with
repair on vs off must stay within 0.01) and indexing throughput (MB/s of text,
repair on vs off).  ``--engine opensearch`` indexes the same documents into
an OpenSearch cluster (aliases ``ocrbench-*``, removed afterwards) and asks
its search service instead; ``--engine both`` prints both engines' rows.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from indexer.index.whoosh.writer import write_documents  # noqa: E402
from indexer.extract.document import document_from_text  # noqa: E402
from ocr_split import is_held_out  # noqa: E402
from indexer.analysis.analyzer import Analyzer  # noqa: E402
from indexer.search import SearchRequest, open_service  # noqa: E402
from indexer.analysis.text import fold, normalize, strip_accents  # noqa: E402

WORD = re.compile(r"[^\W_]+")
K = 10


def load_pairs(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _folded_words(text: str) -> str:
    return " " + " ".join(fold(w) for w in WORD.findall(normalize(text))) + " "


def make_queries(pairs: list[dict], per_doc: int, seed: int) -> list[tuple[str, str]]:
    """(doc id, query) pairs: spans of 3-6 words of the true text of held-out docs.

    A span that stands in more than K documents' true text ("Ủy ban nhân dân
    tỉnh") cannot put its document in the top K for any system, so it is
    drawn again (up to 20 tries): the benchmark measures OCR robustness, not
    the boilerplate of legal prose.
    """
    rng = random.Random(seed)
    truths = [_folded_words(p["clean"]) for p in pairs]
    out = []
    for pair in pairs:
        if not is_held_out(pair["id"]):
            continue
        words = WORD.findall(normalize(pair["clean"]))
        if len(words) < 10:
            continue
        for _ in range(per_doc):
            for _try in range(20):
                n = rng.randint(3, 6)
                start = rng.randrange(0, len(words) - n)
                span = words[start : start + n]
                needle = " " + " ".join(fold(w) for w in span) + " "
                words_in_span = sum(not w.isdigit() for w in span)
                if words_in_span >= 2 and sum(needle in t for t in truths) <= K:
                    break
            out.append((pair["id"], " ".join(span)))
    return out


def throughput(pairs: list[dict], side: str, repair: bool, target: str, engine: str, url: str) -> float:
    """MB/s for the whole path: text -> normalise -> extract -> analyse -> commit."""
    size = sum(len(p[side].encode("utf-8")) for p in pairs)
    docs = (document_from_text(p["id"], p["id"], p[side]) for p in pairs)
    started = time.perf_counter()
    if engine == "opensearch":
        from indexer.index.opensearch.writer import write_documents as write_to_cluster

        write_to_cluster(url, target, docs, analyzer=Analyzer(repair=repair))
    else:
        write_documents(Path(target), docs, repair=repair)
    return size / 1e6 / (time.perf_counter() - started)


def score_ours(target: str, queries, engine: str, url: str) -> tuple[float, float]:
    if engine == "opensearch":
        svc = open_service("opensearch", url=url, index=target)
    else:
        svc = open_service("whoosh", index_dir=Path(target))
    return score(queries, lambda q: [h.id for h in svc.search(SearchRequest(q=q, per_page=K, snippets=False)).hits])


def fts5(pairs: list[dict], side: str):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO docs VALUES (?, ?)", [(p["id"], normalize(p[side])) for p in pairs])

    def run(q: str) -> list[str]:
        terms = " AND ".join(f'"{w}"' for w in WORD.findall(q))
        if not terms:
            return []
        rows = db.execute("SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", (terms, K))
        return [r[0] for r in rows]

    return run


def score(queries, run) -> tuple[float, float]:
    hits = rr = 0.0
    for doc_id, q in queries:
        ranked = run(q)[:K]
        if doc_id in ranked:
            hits += 1
            rr += 1 / (ranked.index(doc_id) + 1)
    return hits / len(queries), rr / len(queries)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=Path, default=ROOT.parent / "shared" / "data" / "ocr-sim" / "pairs.jsonl")
    ap.add_argument("--per-doc", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--engine", choices=["whoosh", "opensearch", "both"], default="whoosh")
    ap.add_argument("--opensearch-url", default="http://127.0.0.1:9200")
    args = ap.parse_args()
    engines = ["whoosh", "opensearch"] if args.engine == "both" else [args.engine]
    pairs = load_pairs(args.pairs)
    accented = make_queries(pairs, args.per_doc, args.seed)
    unaccented = [(d, strip_accents(q)) for d, q in accented]
    held = sum(1 for p in pairs if is_held_out(p["id"]))
    print(f"# {len(pairs)} documents indexed, {held} held out, {len(accented)} queries per form")
    print(f"# command: {' '.join(sys.argv)}")
    tmp = Path(tempfile.mkdtemp(prefix="ocrbench-"))
    aliases = []
    try:
        speeds = {}
        rows = []
        for side in ("ocr", "clean"):
            for engine, repair in ((e, r) for e in engines for r in (True, False)):
                if engine == "opensearch":
                    target = f"ocrbench-{side}-{'on' if repair else 'off'}"
                    aliases.append(target)
                else:
                    target = str(tmp / f"{side}-{repair}")
                speeds[(engine, side, repair)] = throughput(pairs, side, repair, target, engine, args.opensearch_url)
                name = "ours" if engine == "whoosh" else "OpenSearch"
                for form, queries in (("accented", accented), ("unaccented", unaccented)):
                    rows.append((side, f"{name}, repair {'on' if repair else 'off'}", form,
                                 *score_ours(target, queries, engine, args.opensearch_url)))
            run = fts5(pairs, side)
            for form, queries in (("accented", accented), ("unaccented", unaccented)):
                rows.append((side, "SQLite FTS5 unicode61 rd2", form, *score(queries, run)))
        print(f"{'index':6} {'system':28} {'queries':11} {'Recall@10':>9} {'MRR@10':>7}")
        for side, system, form, recall, mrr in rows:
            print(f"{side:6} {system:28} {form:11} {recall:9.3f} {mrr:7.3f}")
        for engine, side in ((e, s) for e in engines for s in ("ocr", "clean")):
            on, off = speeds[(engine, side, True)], speeds[(engine, side, False)]
            print(f"indexing {side} ({engine}, one process): {on:.2f} MB/s with repair, {off:.2f} MB/s without "
                  f"(repair costs {100 * (1 - on / off):.0f} %)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if aliases:
            from indexer.index.opensearch.client import connect

            connect(args.opensearch_url).indices.delete(index=",".join(f"{a}-*" for a in aliases),
                                                         params={"ignore_unavailable": "true"})


if __name__ == "__main__":
    main()
