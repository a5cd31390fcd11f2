"""Choose the clean documents that ocrsim renders into extra OCR training pairs.

    .venv/bin/python scripts/make_ocr_training_input.py --out /work/ocrdata/input.jsonl
    .venv-ocr/bin/python ../shared/tools/ocrsim/render_ocr.py --preset seedlike --langs eng \\
        --workers 1 --seed 1 /work/ocrdata/input.jsonl /work/ocrdata/out

Rule (deterministic): documents of legal-clean-dev.jsonl that are neither in
ocr-sim/pairs.jsonl nor held out (scripts/ocr_split.py), longer than 3,000
characters; provincial ones (UBND/HĐND) first, then by id; the first 250, each
cut at the last line break before 5,000 characters.  The rendered pairs feed
scripts/build_ocr_model.py (--generated INPUT:OUTDIR).  A document's
rendering depends only on --seed and its id, so raising --count and rendering
the new lines alone (160 first, then 90 more: about 14 minutes with one
worker) gives the same pairs as one run.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ocr_split import is_held_out

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
PROVINCIAL = ("UBND", "ỦY BAN NHÂN DÂN", "HĐND", "HỘI ĐỒNG NHÂN DÂN")


def provincial(doc: dict) -> bool:
    return any(k in (doc.get("issuer") or "") + (doc.get("number") or "") for k in PROVINCIAL)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DATA / "legal-clean-dev.jsonl")
    ap.add_argument("--pairs", type=Path, default=DATA / "ocr-sim" / "pairs.jsonl")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--count", type=int, default=250)
    args = ap.parse_args()
    with args.pairs.open(encoding="utf-8") as fh:
        in_pairs = {json.loads(line)["id"] for line in fh}
    with args.corpus.open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    chosen = [d for d in docs if d["id"] not in in_pairs and not is_held_out(d["id"]) and len(d["text"]) > 3000]
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
