"""Precise matching: does an accented word find the documents that hold it, and only those?

    .venv/bin/python bench/precision.py --generated /work/benchdata/precision/heldout.jsonl:/work/benchdata/precision/heldout-out
    .venv/bin/python bench/precision.py --engine opensearch --opensearch-url http://127.0.0.1:9200 ...

The archive is half OCR'd, half clean, and the TRUE text of every document is
known: the held-out OCR pairs of ../shared/data/ocr-sim/pairs.jsonl (never
seen by the OCR or restoration models, scripts/ocr_split.py), plus the
held-out documents ocrsim rendered (``--generated INPUT:OUTDIR``, made by
scripts/make_ocr_heldout_input.py and ocrsim's render_ocr.py), plus as many
clean documents of legal-clean-dev.jsonl, whole (``--clean-chars`` cuts them).  Queries are drawn from the true texts:

- accented words whose letters other documents hold with other accents
  ("bão" where others say "báo" or "bảo");
- quoted two-word phrases of accented words likewise ("chủ tịch" where others
  say "chủ tích").

A document truly matches when its true text holds the word (the phrase) as
written, tone placement normalised.  Printed per system: the precision and
recall of the match set (mean over queries) and the precision of the first
ten hits, for the whole archive and for its OCR'd and clean halves:

  - ours (the product: the Whoosh engine, or OpenSearch with --engine)
  - SQLite FTS5 unicode61 remove_diacritics 0  (exact: precise, blind to OCR)
  - SQLite FTS5 unicode61 remove_diacritics 2  (folded: finds it, matches everything)
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from indexer.analysis.analyzer import WORD  # noqa: E402
from indexer.analysis.text import fold, has_diacritics, lower, normalize  # noqa: E402
from indexer.analysis.words import is_function_word  # noqa: E402
from indexer.extract.document import document_from_text  # noqa: E402
from indexer.search import SearchRequest, open_service  # noqa: E402
from ocr_split import is_held_out  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
if not DATA.exists():
    DATA = Path("/work/shared/data")
K = 10
CUT = 7000


def _cut(text: str, size: int = CUT) -> str:
    if len(text) <= size:
        return text
    end = text.rfind("\n\n", 0, size)
    return text[: end if end > size // 2 else size]


def load_archive(pairs_path: Path, generated: list[str], clean_path: Path, seed: int,
                 clean_chars: int = 100_000) -> list[dict]:
    """[{id, text (as indexed), truth, kind}] : OCR'd held-out documents, then as many clean ones."""
    docs = []
    with pairs_path.open(encoding="utf-8") as fh:
        for line in fh:
            p = json.loads(line)
            if is_held_out(p["id"]):
                docs.append({"id": f"ocr/{p['id']}", "text": p["ocr"], "truth": p["clean"], "kind": "ocr"})
    for spec in generated:
        source, _, out = spec.partition(":")
        with open(source, encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                path = Path(out) / f"{d['id']}.eng.txt"
                if path.exists():
                    docs.append({"id": f"ocr/{d['id']}", "text": path.read_text(encoding="utf-8"), "truth": d["text"],
                                 "kind": "ocr"})
    taken = {d["id"].split("/", 1)[1] for d in docs}
    with clean_path.open(encoding="utf-8") as fh:
        clean = [json.loads(line) for line in fh]
    clean = [c for c in clean if c["id"] not in taken and len(c["text"]) > 2000]
    random.Random(seed).shuffle(clean)
    for c in clean[: len(docs)]:
        text = _cut(c["text"], clean_chars)
        docs.append({"id": f"clean/{c['id']}", "text": text, "truth": text, "kind": "clean"})
    return docs


def _tokens(text: str) -> list[str]:
    """The words of a text as a phrase reads them (numbers too: they stand between words)."""
    return [lower(w) for w in WORD.findall(normalize(text))]


def make_queries(docs: list[dict], words: int, phrases: int, seed: int) -> list[tuple[str, str, set[str]]]:
    """(kind, query, ids of the documents whose true text holds it)."""
    n = len(docs)
    holds: dict[str, set[str]] = defaultdict(set)
    pairs: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        toks = _tokens(d["truth"])
        for t in toks:
            holds[t].add(d["id"])
        for a, b in zip(toks, toks[1:]):
            pairs[f"{a} {b}"].add(d["id"])
    forms: dict[str, set[str]] = defaultdict(set)
    for t in holds:
        forms[fold(t)].add(t)
    pair_forms: dict[str, set[str]] = defaultdict(set)
    for p in pairs:
        pair_forms[fold(p)].add(p)

    def confusable(form: str, table: dict, ids: dict) -> bool:
        # Other documents hold the same letters with other accents.
        return any(o != form and ids[o] - ids[form] for o in table[fold(form)])

    rng = random.Random(seed)
    cand_words = sorted(t for t, ids in holds.items()
                        if has_diacritics(t) and t.isalpha() and not is_function_word(t) and 2 <= len(ids) <= 0.4 * n
                        and confusable(t, forms, holds))
    # Both words typed with marks: a word typed without them matches every accented
    # form, so its phrase's true documents are not the ones holding it as written.
    cand_phrases = sorted(p for p, ids in pairs.items()
                          if all(has_diacritics(w) for w in p.split()) and 2 <= len(ids) <= 0.4 * n
                          and not all(is_function_word(w) for w in p.split()) and confusable(p, pair_forms, pairs))
    out = [("word", t, holds[t]) for t in rng.sample(cand_words, min(words, len(cand_words)))]
    out += [("phrase", f'"{p}"', pairs[p]) for p in rng.sample(cand_phrases, min(phrases, len(cand_phrases)))]
    return out


def ours(docs: list[dict], target: str, engine: str, url: str):
    from indexer.analysis.analyzer import Analyzer

    texts = (document_from_text(d["id"], d["id"], d["text"]) for d in docs)
    started = time.perf_counter()
    if engine == "opensearch":
        from indexer.index.opensearch.writer import write_documents as write_to_cluster

        write_to_cluster(url, target, texts, analyzer=Analyzer())
        svc = open_service("opensearch", url=url, index=target)
    else:
        from indexer.index.whoosh.writer import write_documents

        write_documents(Path(target), texts)
        svc = open_service("whoosh", index_dir=Path(target))
    seconds = time.perf_counter() - started

    def run(q: str) -> tuple[set[str], list[str]]:
        every = {row["id"] for row in svc.export(SearchRequest(q=q))}
        first = [h.id for h in svc.search(SearchRequest(q=q, per_page=K, snippets=False)).hits]
        return every, first

    return run, seconds


def fts5(docs: list[dict], diacritics: int):
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics {diacritics}')")
    db.executemany("INSERT INTO docs VALUES (?, ?)", [(d["id"], normalize(d["text"])) for d in docs])

    def run(q: str) -> tuple[set[str], list[str]]:
        match = '"' + " ".join(WORD.findall(q)) + '"'
        every = {r[0] for r in db.execute("SELECT id FROM docs WHERE docs MATCH ?", (match,))}
        first = [r[0] for r in db.execute("SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?",
                                          (match, K))]
        return every, first

    return run


def measure(run, queries, docs: list[dict]) -> dict[str, dict[str, float]]:
    """Mean precision, recall of the match set and precision of the first hits, per part of the archive."""
    kinds = {d["id"]: d["kind"] for d in docs}
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0, 0, 0])
    for qkind, q, truth in queries:
        every, first = run(q)
        for part in ("all", "ocr", "clean"):
            keep = (lambda i: True) if part == "all" else (lambda i, p=part: kinds[i] == p)
            t, e, f = {i for i in truth if keep(i)}, {i for i in every if keep(i)}, [i for i in first if keep(i)]
            row = sums[(qkind, part)]
            if e:
                row[0] += len(e & t) / len(e)
                row[3] += 1
            if t:
                row[1] += len(e & t) / len(t)
                row[4] += 1
            if f:
                row[2] += sum(i in t for i in f) / len(f)
                row[5] += 1
    return {key: {"precision": r[0] / r[3] if r[3] else float("nan"), "recall": r[1] / r[4] if r[4] else float("nan"),
                  "first": r[2] / r[5] if r[5] else float("nan")} for key, r in sums.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=Path, default=DATA / "ocr-sim" / "pairs.jsonl")
    ap.add_argument("--clean", type=Path, default=DATA / "legal-clean-dev.jsonl")
    ap.add_argument("--generated", action="append", default=[], help="INPUT.jsonl:OUTDIR of ocrsim renderings")
    ap.add_argument("--clean-chars", type=int, default=100_000, help="cut clean documents at this length")
    ap.add_argument("--words", type=int, default=50)
    ap.add_argument("--phrases", type=int, default=50)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--engine", choices=["whoosh", "opensearch"], default="whoosh")
    ap.add_argument("--opensearch-url", default="http://127.0.0.1:9200")
    args = ap.parse_args()
    docs = load_archive(args.pairs, args.generated, args.clean, args.seed, args.clean_chars)
    queries = make_queries(docs, args.words, args.phrases, args.seed)
    ocr = sum(d["kind"] == "ocr" for d in docs)
    print(f"# {len(docs)} documents ({ocr} OCR'd, held out; {len(docs) - ocr} clean); "
          f"{sum(k == 'word' for k, _, _ in queries)} accented words, {sum(k == 'phrase' for k, _, _ in queries)} "
          f"quoted phrases")
    print(f"# command: {' '.join(sys.argv)}")
    tmp = Path(tempfile.mkdtemp(prefix="precision-"))
    target = "precision-bench" if args.engine == "opensearch" else str(tmp / "index")
    try:
        run, seconds = ours(docs, target, args.engine, args.opensearch_url)
        size = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
        systems = [(f"ours ({args.engine})", run), ("FTS5 remove_diacritics 0", fts5(docs, 0)),
                   ("FTS5 remove_diacritics 2", fts5(docs, 2))]
        print(f"# indexing (one process, restoring the OCR'd half): {size:.1f} MB in {seconds:.1f} s, "
              f"{size / seconds:.2f} MB/s")
        print(f"{'system':28} {'queries':8} {'part':6} {'precision':>9} {'recall':>7} {'P@10':>6}")
        for name, system in systems:
            found = measure(system, queries, docs)
            for (qkind, part), m in sorted(found.items()):
                print(f"{name:28} {qkind:8} {part:6} {m['precision']:9.3f} {m['recall']:7.3f} {m['first']:6.3f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if args.engine == "opensearch":
            from indexer.index.opensearch.client import connect

            connect(args.opensearch_url).indices.delete(index=f"{target}-*", params={"ignore_unavailable": "true"})


if __name__ == "__main__":
    main()
