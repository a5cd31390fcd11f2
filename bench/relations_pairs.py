"""Relation kinds on OCR'd text against the same document's clean text: no labels needed.

Usage:
    .venv/bin/python bench/relations_pairs.py                   # can_cu, sua_doi, thay_the, bai_bo
    .venv/bin/python bench/relations_pairs.py --kinds thuc_hien,huong_dan --show

Every pair of ``../shared/data/ocr-sim/pairs.jsonl`` (a document's first 7,000
characters and what ocrsim's Tesseract read of them) goes through the whole
extraction twice (``document_from_text``: citations, the restored reading,
relations).  Each citation the clean text reads with one of ``--kinds`` is
looked for among the OCR'd text's citations of the same serial (the nearest by
the 60 characters before it); it agrees when the OCR'd one has the same kind,
differs when not, and is lost when the OCR'd text has no citation of that serial.
The dates of force are compared the same way (the effective and the end date
each document's clean half reads, against its OCR'd half's).  ``--reverse``
counts the other way: OCR'd citations read with one of the kinds
where the clean text reads another (false acts).  The clean reading is a silver
label, not the truth: where the two differ either may be wrong (``--show``
prints both sentences).  Documents named by a row of the held-out label third
(tests/data/relations/*-heldout.jsonl) are left out, so that this stays a
development measure.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.analysis.text import fold  # noqa: E402
from indexer.extract.document import document_from_text  # noqa: E402

LABELS = ROOT / "tests" / "data" / "relations"
CONTEXT = 60


def held_out() -> set[str]:
    return {json.loads(line)["id"] for name in ("clean-heldout", "ocr-heldout")
            for line in (LABELS / f"{name}.jsonl").open(encoding="utf-8")}


def _serial(number: str) -> str:
    return re.split(r"[-/]", number, maxsplit=1)[0]


def compare(pair: dict, clean, ocr, kinds: set[str], reverse: bool) -> list[tuple[str, str, str, str | None, str]]:
    """(outcome, number, clean kind, OCR'd kind, OCR'd sentence) for each citation compared."""
    src, dst, src_text, dst_text = (ocr, clean, pair["ocr"], pair["clean"]) if reverse else (clean, ocr, pair["clean"], pair["ocr"])
    out = []
    for c in src.citations:
        if c.relation not in kinds:
            continue
        same = [d for d in dst.citations if _serial(d.number) == _serial(c.number)]
        if not same:
            out.append(("lost", c.number, c.relation, None, ""))
            continue
        before = fold(src_text[max(0, c.start - CONTEXT) : c.start])
        best = max(same, key=lambda d: SequenceMatcher(None, before, fold(dst_text[max(0, d.start - CONTEXT) : d.start])).ratio())
        agree = best.relation == c.relation or (reverse and best.relation in kinds)
        at = c.start if reverse else best.start  # the OCR'd citation's place
        out.append(("agree" if agree else "differ", c.number, c.relation, best.relation,
                    " ".join(pair["ocr"][max(0, at - 160) : at + 30].split())))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--kinds", default="can_cu,sua_doi,thay_the,bai_bo")
    ap.add_argument("--reverse", action="store_true", help="OCR'd citations of the kinds that the clean text reads otherwise")
    ap.add_argument("--show", action="store_true", help="print every disagreement and loss")
    args = ap.parse_args()
    kinds = set(args.kinds.split(","))
    skip = held_out()
    t0 = time.perf_counter()
    tally: Counter = Counter()
    per_kind: Counter = Counter()
    forces: Counter = Counter()
    docs = 0
    for line in (args.data / "ocr-sim" / "pairs.jsonl").open(encoding="utf-8"):
        pair = json.loads(line)
        if pair["id"] in skip:
            continue
        docs += 1
        clean = document_from_text(pair["id"], pair["id"], pair["clean"])
        ocr = document_from_text(pair["id"], pair["id"], pair["ocr"])
        for name in ("effective_date", "end_date"):
            want, got = getattr(clean.meta, name), getattr(ocr.meta, name)
            if want is not None or got is not None:
                forces[(name, "agree" if want == got else "lost" if got is None else "invented" if want is None else "differ")] += 1
        for outcome, number, kind, got, sentence in compare(pair, clean, ocr, kinds, args.reverse):
            tally[outcome] += 1
            per_kind[(kind, outcome)] += 1
            if args.show and outcome != "agree":
                print(f"{outcome:6} {pair['id']} {number}: {'OCR' if args.reverse else 'clean'} {kind}, "
                      f"{'clean' if args.reverse else 'OCR'} {got} | {sentence}")
    side = "OCR'd" if args.reverse else "clean"
    print(f"{docs} pairs (held-out documents left out); citations the {side} text reads as {', '.join(sorted(kinds))}:")
    for kind in sorted(kinds):
        n = sum(per_kind[(kind, o)] for o in ("agree", "differ", "lost"))
        if n:
            print(f"  {kind:10} {n:5}  agree {per_kind[(kind, 'agree')]:5}  differ {per_kind[(kind, 'differ')]:4}  lost {per_kind[(kind, 'lost')]:4}")
    total = sum(tally.values())
    print(f"  all        {total:5}  agree {tally['agree']:5}  differ {tally['differ']:4}  lost {tally['lost']:4}"
          f"  ({tally['agree'] / max(1, total):.3f} agree)   ({time.perf_counter() - t0:.0f} s)")
    for name in ("effective_date", "end_date"):
        n = sum(v for (f, _), v in forces.items() if f == name)
        print(f"  {name:15} read in either half {n:4}: agree {forces[(name, 'agree')]:4}  lost {forces[(name, 'lost')]:3}"
              f"  differ {forces[(name, 'differ')]:3}  read only in the OCR'd half {forces[(name, 'invented')]:3}")
    print(f"command: python bench/relations_pairs.py {' '.join(sys.argv[1:])}".rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
