"""Relation kinds of citations against hand labels: precision and recall per kind.

Usage:
    .venv/bin/python bench/relations.py                 # the held-out third (tests/data/relations/*-heldout.jsonl)
    .venv/bin/python bench/relations.py --split dev     # the part used while writing the rules
    .venv/bin/python bench/relations.py --errors        # also list the sentences read wrong

The labels (tests/data/relations/README.md) name a document of the development
corpus and a citation in it (its offset in the normalised text); the documents
are read from ``--data`` (default ../shared/data: legal-clean-dev.jsonl and
ocr-sim/pairs.jsonl) and the OCR'd excerpts from tests/data/relations.  Each
document goes through the whole extraction (``document_from_text``: metadata,
citations, the restored reading of OCR'd text, relations), so a citation the
OCR'd text lost counts as missed for its kind.  Partial acts and named parts
are scored on the rows labelled with an act.  Targets (issue 21): precision >=
0.95 and recall >= 0.90 for thay_the, bai_bo, sua_doi, can_cu on clean text,
>= 0.85 / 0.80 on OCR'd text.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.extract.document import document_from_text  # noqa: E402
from indexer.legal import relations as rel  # noqa: E402

LABELS = ROOT / "tests" / "data" / "relations"
TARGETED = ("thay_the", "bai_bo", "sua_doi", "can_cu")
GOALS = {"clean": (0.95, 0.90), "ocr": (0.85, 0.80)}


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8")] if path.exists() else []


def corpus(data: Path, ids: set[str]) -> dict[str, str]:
    out = {}
    for line in (data / "legal-clean-dev.jsonl").open(encoding="utf-8"):
        d = json.loads(line)
        if d["id"] in ids:
            out[d["id"]] = d["text"]
    return out


def ocr_texts(data: Path) -> dict[str, str]:
    out = {d["id"]: d["ocr"] for d in map(json.loads, (data / "ocr-sim" / "pairs.jsonl").open(encoding="utf-8"))}
    for e in load(LABELS / "ocr-excerpts.jsonl"):
        out["excerpt:" + e["id"]] = e["ocr"]
    return out


def predict(rows: list[dict], texts: dict[str, str], key, at) -> list[tuple[dict, object]]:
    """(label row, the citation the extraction read there or None), one document at a time."""
    docs: dict[str, object] = {}
    out = []
    for r in rows:
        k = key(r)
        if k not in docs:
            docs[k] = document_from_text(r["id"], r["id"], texts[k]) if k in texts else None
        doc = docs[k]
        pos = at(r)
        c = next((c for c in doc.citations if c.start == pos), None) if doc is not None and pos is not None else None
        out.append((r, c))
    return out


def score(pairs: list[tuple[dict, object]]) -> tuple[dict[str, tuple[int, int, int]], dict]:
    tp, fp, fn = Counter(), Counter(), Counter()
    parts = Counter()
    for r, c in pairs:
        got = c.relation if c is not None else None
        if got == r["kind"]:
            tp[r["kind"]] += 1
        else:
            fn[r["kind"]] += 1
            if got is not None:
                fp[got] += 1
        if r["kind"] in rel.acts() and got == r["kind"]:
            parts["acts"] += 1
            parts["partial ok"] += c.partial == r["partial"] if r["kind"] in ("thay_the", "bai_bo") else 1
            parts["articles ok"] += sorted(c.articles) == sorted(r["articles"])
    return {k: (tp[k], fp[k], fn[k]) for k in rel.kinds()}, parts


def report(name: str, pairs: list[tuple[dict, object]], goals: tuple[float, float] | None, errors: bool) -> bool:
    table, parts = score(pairs)
    lost = sum(1 for _, c in pairs if c is None)
    print(f"\n== {name}: {len(pairs)} labelled citing sentences" + (f" ({lost} citations not found in the text)" if lost else ""))
    print(f"{'kind':<11} {'labelled':>8} {'predicted':>9} {'precision':>9} {'recall':>7}  target")
    ok = True
    for k, (tp, fp, fn) in table.items():
        if tp + fp + fn == 0:
            continue
        p = tp / (tp + fp) if tp + fp else float("nan")
        r = tp / (tp + fn) if tp + fn else float("nan")
        target = ""
        if goals and k in TARGETED:
            met = (tp + fp == 0 or p >= goals[0]) and r >= goals[1]
            ok &= met
            target = f"P >= {goals[0]:.2f}, R >= {goals[1]:.2f}: {'met' if met else 'NOT met'}"
        print(f"{k:<11} {tp + fn:>8} {tp + fp:>9} {p:>9.3f} {r:>7.3f}  {target}")
    if parts["acts"]:
        print(f"acts read right: {parts['acts']}; whole/partial right {parts['partial ok']}, named parts right {parts['articles ok']}")
    if errors:
        for r, c in pairs:
            got = c.relation if c is not None else "(not found)"
            if got != r["kind"]:
                print(f"  {r['id']} @{r['start']}: labelled {r['kind']}, read {got}: {(r.get('sentence') or '')[:220]}")
    return ok


def dates_of_force(data: Path, errors: bool) -> None:
    """Effective and end dates read against the labelled sample (tests/data/relations/force.jsonl)."""
    rows = load(LABELS / "force.jsonl")
    texts = corpus(data, {r["id"] for r in rows})
    print(f"\n== dates of force: {len(rows)} labelled documents (clean text)")
    for field in ("effective_date", "end_date"):
        right = predicted = labelled = invented = 0
        for r in rows:
            meta = document_from_text(r["id"], r["id"], texts[r["id"]]).meta
            got, want = getattr(meta, field), r[field]
            predicted += got is not None
            labelled += want is not None
            right += got is not None and got == want
            invented += got is not None and want is None
            if errors and got != want:
                print(f"  {r['id']} {field}: labelled {want}, read {got}")
        p = right / predicted if predicted else float("nan")
        rc = right / labelled if labelled else float("nan")
        print(f"{field:<15} labelled {labelled:>3}  read {predicted:>3}  right {right:>3}  precision {p:.3f}  recall {rc:.3f}"
              f"  (read where the text gives none: {invented})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("heldout", "dev"), default="heldout")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    if not (args.data / "legal-clean-dev.jsonl").exists():
        sys.exit(f"no corpus at {args.data}: pass --data DIR (legal-clean-dev.jsonl, ocr-sim/pairs.jsonl)")
    t0 = time.perf_counter()
    clean = load(LABELS / f"clean-{args.split}.jsonl")
    ocr = load(LABELS / f"ocr-{args.split}.jsonl")
    texts = corpus(args.data, {r["id"] for r in clean})
    got_clean = predict(clean, texts, lambda r: r["id"], lambda r: r["start"])
    otexts = ocr_texts(args.data)
    got_ocr = predict(ocr, otexts, lambda r: "excerpt:" + r["excerpt"] if r["source"] == "excerpt" else r["id"], lambda r: r["ocr_start"])
    ok = report(f"clean text, {args.split}", got_clean, GOALS["clean"], args.errors)
    ok &= report(f"OCR'd text (ocrsim seedlike), {args.split}", got_ocr, GOALS["ocr"], args.errors) if ocr else True
    dates_of_force(args.data, args.errors)
    print(f"\ntargets: {'PASS' if ok else 'FAIL'}   ({time.perf_counter() - t0:.0f} s)")
    print(f"command: python bench/relations.py --split {args.split}")


if __name__ == "__main__":
    main()
