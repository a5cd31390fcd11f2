"""Find, in the OCR text, the citations the OCR labels left unplaced (``ocr_start`` null).

Usage:
    .venv/bin/python bench/relations_align.py [--write]

The OCR rows of tests/data/relations were placed by the extractor of their day: a
number it could not read there was recorded as destroyed by OCR ("null where OCR
destroyed it").  Many were not destroyed ("Luat Bién Viét Nam s6 18/2012/QH13"),
the extractor of that day just did not read them, so the bench counted them as lost
whatever a better extractor did.  This places each such row by the text alone,
independently of the extractor: the clean number's serial and year, written as in
the clean text, looked for in the OCR text; of several, the one whose preceding
words are most like the clean sentence's.  A row stays null when the serial and
year are not in the OCR text as written (the OCR did destroy them).  Kinds are not
touched.  Without ``--write`` it prints what it would change.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.relations import LABELS, corpus, load, ocr_texts  # noqa: E402
from indexer.analysis.text import fold, normalize  # noqa: E402


def place(clean_row: dict, clean_text: str, ocr: str) -> int | None:
    serial, year = re.match(r"(\w+?)[-/](\d{4})?", clean_row["number"]).groups()
    if year is None:
        return None
    rx = re.compile(r"(?<![\w/])" + re.escape(serial) + r"\s*/\s*" + year[:3] + " ?" + year[3])  # OCR: "09/202 1/TT"
    before = fold(clean_text[max(0, clean_row["start"] - 60) : clean_row["start"]])
    best, score = None, -1.0
    for m in rx.finditer(ocr):
        s = difflib.SequenceMatcher(None, before, fold(ocr[max(0, m.start() - 60) : m.start()])).ratio()
        if s > score:
            best, score = m.start(), s
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    texts = ocr_texts(args.data)
    for split in ("dev", "heldout"):
        clean = {(r["id"], r["start"]): r for r in load(LABELS / f"clean-{split}.jsonl")}
        ctexts = {k: normalize(v) for k, v in corpus(args.data, {i for i, _ in clean}).items()}
        path = LABELS / f"ocr-{split}.jsonl"
        rows = load(path)
        placed = 0
        for r in rows:
            if r["ocr_start"] is not None:
                continue
            key = "excerpt:" + r["excerpt"] if r["source"] == "excerpt" else r["id"]
            c = clean[(r["id"], r["start"])]
            at = place(c, ctexts[r["id"]], texts[key])
            if at is None:
                continue
            placed += 1
            r["ocr_start"], r["ocr_number"] = at, c["number"]
            r["placed_by"] = "relations_align"
            print(f"  {split} {r['id']} {c['number']} -> {at}: {texts[key][max(0, at - 50) : at + 20]!r}")
        print(f"{split}: {placed} of {sum(1 for r in rows if r['ocr_start'] is None) + placed} unplaced rows placed")
        if args.write:
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


if __name__ == "__main__":
    main()
