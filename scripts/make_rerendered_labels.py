"""Build tests/data/ocr_rerendered/: the dev pairs OCR'd again under another scan preset.

The labelled pairs (tests/data/ocr_labelled, split "dev" only) were all OCR'd with
ocrsim's ``seedlike`` preset and seed 1; rules tuned on them may lean on that
one scan's habits.  Here the clean side of each dev pair, cut to its first
~3000 characters (the header and the first citations), is laid out and OCR'd
again with another preset and seed:

    .venv-ocr/bin/python /work/shared/tools/ocrsim/render_ocr.py \\
        --preset default --langs eng --workers 2 --seed 5 INPUT.jsonl OUT

Labels are those of the pair (number, date, type, unit, province, title) and the
cited QĐ of the cut clean text; the number is left out when this scan lost its
line, as in make_ocr_labels.py.  No held-out document is used.

Usage: python scripts/make_rerendered_labels.py [--preset default] [--seed 5] [--work /tmp/rerender]
(tests/data/ocr_rerendered_gray: --preset seedlike_gray --seed 9 --out tests/data/ocr_rerendered_gray)
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from make_ocr_labels import DATA, OCRSIM, cited_qd  # noqa: E402

KEEP = ("id", "number", "type_code", "date", "unit", "province", "title")
CUT = 3000


def cut(clean: str) -> str:
    at = clean.rfind("\n\n", 0, CUT)
    return clean[: at if at > CUT // 2 else CUT]


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--preset", default="default")
    ap.add_argument("--seed", default="5")
    ap.add_argument("--out", default=str(ROOT / "tests/data/ocr_rerendered"))
    ap.add_argument("--work", default="/tmp/rerender")
    args = ap.parse_args(argv)
    work, out = Path(args.work), Path(args.out)
    work.mkdir(parents=True, exist_ok=True)
    clean = {}
    for line in (DATA / "ocr-sim/pairs.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        clean[row["id"]] = row["clean"]
    todo = []
    for path in sorted((ROOT / "tests/data/ocr_labelled").glob("*_pair.json")):
        lab = json.loads(path.read_text(encoding="utf-8"))
        if lab["split"] != "dev" or lab["id"] not in clean:
            continue
        text = cut(clean[lab["id"]])
        new = {k: lab[k] for k in KEEP if k in lab}
        new["cited"] = cited_qd(text, lab.get("number") or "", lab.get("date"))
        todo.append((path.stem, text, new))
    with (work / "input.jsonl").open("w", encoding="utf-8") as fh:
        for stem, text, _ in todo:
            fh.write(json.dumps({"id": stem, "text": text}, ensure_ascii=False) + "\n")
    subprocess.run([str(ROOT / ".venv-ocr/bin/python"), str(OCRSIM), "--preset", args.preset, "--langs", "eng",
                    "--workers", "2", "--seed", args.seed, str(work / "input.jsonl"), str(work / "out")], check=True)
    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("*.json")) + list(out.glob("*.txt")):
        old.unlink()
    for stem, _, lab in todo:
        ocr = (work / "out" / f"{stem}.eng.txt").read_text(encoding="utf-8")
        if "number" in lab:
            serial = lab["number"].split("/")[0].split("-")[0]
            if not re.search(rf"(?<!\d){re.escape(serial)}\s*[/-]", ocr[:2000]):
                del lab["number"]
        where = out.resolve() / f"{stem}.txt"
        path = where.relative_to(ROOT) if where.is_relative_to(ROOT) else where
        lab = {"path": str(path), **lab, "split": "dev",
               "scan": f"{args.preset} seed {args.seed}"}
        (out / f"{stem}.txt").write_text(ocr, encoding="utf-8")
        (out / f"{stem}.json").write_text(json.dumps(lab, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(todo)} documents re-rendered ({args.preset}, seed {args.seed})")


if __name__ == "__main__":
    main(sys.argv[1:])
