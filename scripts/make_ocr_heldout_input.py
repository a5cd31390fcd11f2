"""Choose held-out clean documents for ocrsim to render: benchmark pairs only.

    .venv/bin/python scripts/make_ocr_heldout_input.py --out /work/benchdata/restore/heldout.jsonl
    .venv-ocr/bin/python ../shared/tools/ocrsim/render_ocr.py --preset seedlike --langs eng \\
        --workers 1 --seed 1 /work/benchdata/restore/heldout.jsonl /work/benchdata/restore/heldout-out

Rule (deterministic): documents of legal-clean-dev.jsonl that ARE held out
(scripts/ocr_split.py) and not already in ocr-sim/pairs.jsonl, longer than
3,000 characters; provincial ones first, then by id; the first ``--count``,
each cut at the last line break before 5,000 characters.  Nothing trains on
them: bench/restore_accuracy.py (--generated INPUT:OUTDIR) measures on them,
beside the held-out split of ocr-sim/pairs.jsonl.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from make_ocr_training_input import DATA, provincial
from ocr_split import is_held_out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DATA / "legal-clean-dev.jsonl")
    ap.add_argument("--pairs", type=Path, default=DATA / "ocr-sim" / "pairs.jsonl")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--count", type=int, default=60)
    args = ap.parse_args()
    with args.pairs.open(encoding="utf-8") as fh:
        in_pairs = {json.loads(line)["id"] for line in fh}
    with args.corpus.open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    chosen = [d for d in docs if d["id"] not in in_pairs and is_held_out(d["id"]) and len(d["text"]) > 3000]
    chosen.sort(key=lambda d: (not provincial(d), d["id"]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        for doc in chosen[: args.count]:
            text = doc["text"]
            cut = text.rfind("\n", 0, 5000)
            text = text[: cut if cut > 2000 else 5000]
            out.write(json.dumps({"id": doc["id"], "text": text}, ensure_ascii=False) + "\n")
    print(f"{min(len(chosen), args.count)} documents written to {args.out}")


if __name__ == "__main__":
    main()
