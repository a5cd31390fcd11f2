"""Secrecy, urgency and circulation marks read right: precision and recall on labelled headers.

The headers are tests/data/marks/ (scripts/make_mark_labels.py: a People's
Committee's documents with and without marks, and traps, OCR'd by ocrsim with
Tesseract eng, seedlike).  Each document's OCR text goes through the real
extraction (extract_metadata); a mark counts as read right when its code is
the label's.  Also on the clean texts as written (ceiling).

    .venv/bin/python bench/marks.py [--split check|dev|all] [--show-errors]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "tests" / "data" / "marks"
KINDS = ("secrecy", "urgency", "circulation")


def predicted(text: str) -> dict:
    from indexer.extract.metadata import extract_metadata

    meta = extract_metadata(text)
    return {"secrecy": meta.secrecy, "urgency": meta.urgency,
            "circulation": meta.circulation[0] if meta.circulation else None}


def score(rows: list[tuple[dict, dict]], kind: str) -> tuple[Counter, float, float]:
    c = Counter()
    for label, got in rows:
        truth, guess = label[kind], got[kind]
        if guess is not None:
            c["predicted"] += 1
            c["right"] += guess == truth
        if truth is not None:
            c["labelled"] += 1
    precision = c["right"] / c["predicted"] if c["predicted"] else 1.0
    recall = c["right"] / c["labelled"] if c["labelled"] else 1.0
    return c, precision, recall


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="check", choices=["check", "dev", "all"])
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args(argv)
    labels = [json.loads(line) for line in (DATA / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    labels = [lab for lab in labels if args.split == "all" or lab["split"] == args.split]
    print(f"$ python bench/marks.py {' '.join(argv)}".rstrip())
    print(f"{len(labels)} labelled headers ({args.split}); "
          f"{sum(1 for lab in labels if lab['secrecy'])} with a secrecy mark, "
          f"{sum(1 for lab in labels if lab['urgency'])} urgency, {sum(1 for lab in labels if lab['circulation'])} circulation")
    for variant, suffix in (("OCR (Tesseract eng, seedlike)", ".txt"), ("clean text as written", ".clean.txt")):
        rows = [(lab, predicted((DATA / f"{lab['id']}{suffix}").read_text(encoding="utf-8"))) for lab in labels]
        print(f"\n{variant}")
        print(f"  {'mark':12} {'labelled':>8} {'read':>5} {'right':>6} {'precision':>10} {'recall':>7}")
        for kind in KINDS:
            c, p, r = score(rows, kind)
            print(f"  {kind:12} {c['labelled']:8d} {c['predicted']:5d} {c['right']:6d} {p:10.3f} {r:7.3f}")
        if args.show_errors:
            for lab, got in rows:
                wrong = {k: (lab[k], got[k]) for k in KINDS if lab[k] != got[k]}
                if wrong:
                    print(f"    {lab['id']}: {wrong}")


if __name__ == "__main__":
    main(sys.argv[1:])
