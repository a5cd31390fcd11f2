"""How close is the restored reading to the true text?  Syllable accuracy on
OCR'd documents the restoration model never saw.

    .venv/bin/python bench/restore_accuracy.py \\
        [--pairs ../shared/data/ocr-sim/pairs.jsonl] \\
        [--generated /work/benchdata/restore/heldout.jsonl:/work/benchdata/restore/heldout-out] \\
        [--model indexer/extract/restore/data/restore_model.bin.gz]

Documents: the held-out split (scripts/ocr_split.py) of the ocr-sim pairs,
plus the documents rendered by ocrsim from held-out clean text
(scripts/make_ocr_heldout_input.py, --generated CLEAN.jsonl:OUTDIR).

Measure: the true text's words that contain a letter (numbers are left out)
are aligned to the words of the text scored (scripts/restoremodel/align.py:
difflib on folded words, then an edit-distance DP inside differing blocks);
a true word counts as right when its aligned word equals it, lower-cased
(accent-exact), or equals it once accents are folded (accent-folded).  A
true word with no aligned word, or one of two true words an OCR word glued
together, counts as wrong.  Scored: the raw OCR, the restored reading, and
accent restoration alone (the true text with its accents stripped, case
kept, then restored).  Then the errors left in the reading, by class, with
the commonest of each, and the restorer's speed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from indexer.analysis.text import fold, lower, normalize, strip_accents  # noqa: E402
from indexer.extract.restore import Restorer  # noqa: E402
from ocr_split import is_held_out  # noqa: E402
from restoremodel.align import align  # noqa: E402

WORD = re.compile(r"[^\W_]+")
DATA = ROOT.parent / "shared" / "data"
if not DATA.exists():  # a worktree under /work/wt/<name>
    DATA = Path("/work/shared/data")


def held_out_docs(pairs: list[str], generated: list[str]) -> list[tuple[str, str, str]]:
    """(id, true text, OCR text) of every held-out document given."""
    out = []
    for path in pairs:
        with open(path, encoding="utf-8") as fh:
            out += [(d["id"], d["clean"], d["ocr"]) for d in map(json.loads, fh) if is_held_out(d["id"])]
    for spec in generated:
        clean_path, ocr_dir = spec.split(":", 1)
        with open(clean_path, encoding="utf-8") as fh:
            for d in map(json.loads, fh):
                ocr = Path(ocr_dir) / f"{d['id']}.eng.txt"
                if is_held_out(d["id"]) and ocr.exists():
                    out.append((d["id"], d["text"], ocr.read_text(encoding="utf-8")))
    return out


def score(true_text: str, text: str, ocr_text: str, errors: dict | None = None) -> tuple[int, int, int]:
    """(true words with a letter, accent-exact right, folded right) of ``text``;
    each error is counted in ``errors[class][(true, got)]`` when given."""
    tw = WORD.findall(normalize(true_text))
    ow = WORD.findall(normalize(text))
    at = {ii[0]: j for j, ii in align(tw, ow) if len(ii) == 1}
    seen = WORD.findall(ocr_text)
    ocr_at = _ocr_alignment(tw, seen) if errors is not None else {}
    counted = exact = folded = 0
    for i, word in enumerate(tw):
        if not any(c.isalpha() for c in word):
            continue
        counted += 1
        j = at.get(i)
        got = ow[j] if j is not None else None
        exact += got is not None and lower(got) == lower(word)
        folded += got is not None and fold(got) == fold(word)
        if errors is not None and (got is None or lower(got) != lower(word)):
            cls = _error_class(word, got, seen[ocr_at[i]] if i in ocr_at else None)
            errors.setdefault(cls, Counter())[(lower(word), lower(got or "∅"))] += 1
    return counted, exact, folded


def _ocr_alignment(tw: list[str], seen: list[str]) -> dict[int, int]:
    return {ii[0]: j for j, ii in align(tw, seen) if len(ii) == 1}


def _error_class(true: str, got: str | None, ocr: str | None) -> str:
    if got is None:
        return "no aligned word (glued, split or dropped)"
    if fold(got) == fold(true):
        return "letters right, accents wrong"
    if ocr is not None and lower(got) == lower(ocr):
        return "letters wrong, OCR form kept"
    if ocr is not None and fold(ocr) == fold(true):
        return "letters right in the OCR, changed by the restorer"
    return "letters wrong, restored to another word"


def run(docs, restorer: Restorer) -> dict:
    totals = {k: [0, 0, 0] for k in ("raw OCR", "restored", "accents alone")}
    errors: dict[str, Counter] = {}
    words = unsure = 0
    seconds = 0.0
    for _, clean, ocr in docs:
        ocr_n = normalize(ocr)
        started = time.process_time()
        found = restorer.restore(ocr_n)
        restored = found.text
        unsure += len(found.unsure)
        seconds += time.process_time() - started
        words += len(WORD.findall(ocr_n))
        alone = restorer.restore(strip_accents(normalize(clean))).text
        for name, text in (("raw OCR", ocr_n), ("restored", restored), ("accents alone", alone)):
            counted = score(clean, text, ocr_n, errors if name == "restored" else None)
            for k in range(3):
                totals[name][k] += counted[k]
    return {"totals": totals, "errors": errors, "words": words, "seconds": seconds, "unsure": unsure}


def report(result: dict, top: int) -> None:
    print(f"{'text scored':16} {'words':>7} {'accent-exact':>12} {'accent-folded':>13}")
    for name, (n, exact, folded) in result["totals"].items():
        print(f"{name:16} {n:7d} {exact / n:12.3f} {folded / n:13.3f}")
    n = result["totals"]["restored"][0]
    left = {cls: sum(c.values()) for cls, c in result["errors"].items()}
    print(f"\nerrors left in the restored reading ({sum(left.values())} of {n} words), by class:")
    for cls, count in sorted(left.items(), key=lambda kv: -kv[1]):
        common = ", ".join(f"{t}→{g} {c}" for (t, g), c in result["errors"][cls].most_common(top))
        print(f"  {count:5d} {cls}: {common}")
    print(f"  words kept as read because the model was unsure of its reading: {result['unsure']} "
          f"({result['unsure'] / result['words']:.1%} of the OCR words)")
    rate = result["words"] / result["seconds"] if result["seconds"] else 0.0
    print(f"\nrestorer: {result['words']} OCR words in {result['seconds']:.1f} s CPU, {rate:,.0f} words/s")


def seed_titles(folder: Path) -> None:
    """The five real scans: each title as OCR read it and as restored."""
    from indexer.extract.document import document_from_text

    print(f"\nthe real scans ({folder}): title as OCR read it -> as restored")
    for path in sorted(folder.glob("*.txt")):
        doc = document_from_text(path.name, path.name, path.read_text(encoding="utf-8"))
        reading = doc.reading.title if doc.reading is not None else doc.meta.title
        print(f"  {path.name}\n    OCR:      {doc.meta.title}\n    restored: {reading}")
        if doc.reading is not None and doc.meta.signer:
            print(f"    signer:   {doc.meta.signer} -> {doc.reading.signer}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", action="append", default=None)
    ap.add_argument("--generated", action="append", default=[])
    ap.add_argument("--model", default=None)
    ap.add_argument("--top", type=int, default=8)
    ap.add_argument("--seeds", type=Path, default=ROOT / "corpus", help="real OCR'd scans whose titles to print")
    args = ap.parse_args()
    pairs = args.pairs if args.pairs is not None else [str(DATA / "ocr-sim" / "pairs.jsonl")]
    docs = held_out_docs(pairs, args.generated)
    print(f"# {len(docs)} held-out OCR'd documents; command: {' '.join(sys.argv)}")
    print("# shared 2-core machine: speeds are CPU seconds of this process")
    report(run(docs, Restorer(model=args.model)), args.top)
    if args.model is None:  # the titles come from the shipped model, as the indexer reads them
        seed_titles(args.seeds)


if __name__ == "__main__":
    main()
