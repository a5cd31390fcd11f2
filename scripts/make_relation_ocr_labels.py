"""The OCR'd forms of the hand-labelled citing sentences (tests/data/relations/).

An OCR'd sentence carries the label of its clean sentence; nothing here labels.
Two sources:

* ``../shared/data/ocr-sim/pairs.jsonl`` holds the first ~7,000 characters of
  300 corpus documents as ocrsim read them: a labelled citation inside that
  prefix is looked up there;
* a labelled citation past the prefix (the final articles that replace or
  repeal usually are) is rendered here: an excerpt of its document (the header
  down to the title, a blank line, then ~1,100 characters before the citation
  and ~500 after, cut at line ends) goes through ``../shared/tools/ocrsim``
  (preset seedlike, Tesseract eng, seed 1), and the OCR text is kept in
  ``ocr-excerpts.jsonl``.

The OCR'd citation is the citation the extractor finds in the OCR text with the
same serial number near the clean one's relative place (within 15 % of the
text) whose sentence reads most like the clean sentence; a labelled sentence
whose citation OCR destroyed is kept with ``ocr_start: null`` (the benchmark
counts it as missed).  That match leans on the extractor; ``bench/relations_align.py
--write`` then places the null rows by the text alone (run it after ``rows``).

Usage:
    python scripts/make_relation_ocr_labels.py excerpts OUT.jsonl     # clean excerpts to render
    .venv/bin/python ../shared/tools/ocrsim/render_ocr.py --preset seedlike --langs eng --seed 1 OUT.jsonl RENDERED/
    python scripts/make_relation_ocr_labels.py rows RENDERED/          # ocr-excerpts.jsonl, ocr-dev/heldout.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.analysis.text import normalize  # noqa: E402

LABELS = ROOT / "tests" / "data" / "relations"
SHARED = ROOT.parent / "shared" / "data"
HEAD, BEFORE, AFTER = 700, 1100, 500


def labelled() -> list[dict]:
    rows = []
    for split in ("dev", "heldout"):
        rows += [json.loads(line) for line in (LABELS / f"clean-{split}.jsonl").open(encoding="utf-8")]
    return rows


def corpus() -> dict[str, str]:
    out = {}
    for line in (SHARED / "legal-clean-dev.jsonl").open(encoding="utf-8"):
        d = json.loads(line)
        out[d["id"]] = normalize(d["text"])
    return out


def pairs() -> dict[str, dict]:
    return {d["id"]: d for d in map(json.loads, (SHARED / "ocr-sim" / "pairs.jsonl").open(encoding="utf-8"))}


def in_prefix(row: dict, prs: dict) -> bool:
    p = prs.get(row["id"])
    return bool(p) and row["start"] + 40 < len(normalize(p["clean"]))


def _cut_back(text: str, pos: int) -> int:
    """The start of the line holding ``pos`` (or of its sentence on a long line)."""
    nl = text.rfind("\n", 0, pos)
    dot = text.rfind(". ", max(0, pos - 300), pos)
    return max(nl + 1, dot + 2 if dot >= 0 and pos - nl > 300 else 0)


def _cut_forward(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


def excerpt(text: str, start: int) -> tuple[str, int]:
    """(excerpt text, offset of ``start`` in it)."""
    head_end = _cut_back(text, HEAD) if len(text) > HEAD else len(text)
    lo = _cut_back(text, max(0, start - BEFORE))
    hi = _cut_forward(text, min(len(text), start + AFTER))
    if lo <= head_end:
        return text[:hi], start
    head = text[:head_end].rstrip()
    return head + "\n\n" + text[lo:hi], len(head) + 2 + start - lo


def excerpt_id(row: dict) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", f"{row['id']}@{row['start']}")


def cmd_excerpts(out: Path) -> None:
    texts, prs = corpus(), pairs()
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for row in labelled():
            if in_prefix(row, prs):
                continue
            text, _ = excerpt(texts[row["id"]], row["start"])
            fh.write(json.dumps({"id": excerpt_id(row), "text": text}, ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} excerpts -> {out}")


def _serial(number: str) -> str:
    return re.split(r"[/-]", number, 1)[0].lstrip("0")


def match(clean_text: str, clean_start: int, number: str, sentence: str, ocr_doc) -> object | None:
    """The OCR'd citation standing for the clean one, or None: the same serial number
    near the same relative place, the one whose sentence reads most like the clean one
    (a number cited twice in a paragraph)."""
    from difflib import SequenceMatcher

    from indexer.analysis.text import fold

    rel = clean_start / max(1, len(clean_text))
    want = " ".join(fold(sentence).split())[:200]
    best, best_score = None, 0.0
    for c in ocr_doc.citations:
        d = abs(c.start / max(1, len(ocr_doc.text)) - rel)
        if _serial(c.number) != _serial(number) or d > 0.15:
            continue
        got = " ".join(fold(c.context).split())[:200]
        score = SequenceMatcher(None, want, got, autojunk=False).ratio() - d
        if score > best_score:
            best, best_score = c, score
    return best


def cmd_rows(rendered: Path) -> None:
    from indexer.extract.document import document_from_text

    texts, prs = corpus(), pairs()
    excerpts_out, rows_out = [], {"dev": [], "heldout": []}
    read: dict[str, object] = {}
    for row in labelled():
        if in_prefix(row, prs):
            source, ocr_text = "pairs", prs[row["id"]]["ocr"]
            clean_text, clean_start = normalize(prs[row["id"]]["clean"]), row["start"]
        else:
            eid = excerpt_id(row)
            path = rendered / f"{eid}.eng.txt"
            if not path.exists():
                print(f"missing render: {eid}", file=sys.stderr)
                continue
            ocr_text = path.read_text(encoding="utf-8")
            clean_text, clean_start = excerpt(texts[row["id"]], row["start"])
            source = "excerpt"
            excerpts_out.append({"id": eid, "doc": row["id"], "start": row["start"], "ocr": ocr_text})
        key = row["id"] if source == "pairs" else excerpt_id(row)
        doc = read.get(key) or read.setdefault(key, document_from_text(row["id"], row["id"], ocr_text))
        c = match(clean_text, clean_start, row["number"], row["sentence"], doc)
        rows_out[row["split"]].append({
            "id": row["id"], "start": row["start"], "source": source,
            "excerpt": excerpt_id(row) if source == "excerpt" else None,
            "ocr_start": c.start if c else None, "ocr_number": c.number if c else None,
            "sentence": c.context if c else None, "kind": row["kind"], "partial": row["partial"],
            "articles": row["articles"], "split": row["split"],
        })
    with (LABELS / "ocr-excerpts.jsonl").open("w", encoding="utf-8") as fh:
        for e in excerpts_out:
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    for split, rows in rows_out.items():
        with (LABELS / f"ocr-{split}.jsonl").open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        found = sum(r["ocr_start"] is not None for r in rows)
        print(f"ocr-{split}: {len(rows)} sentences, {found} citations found in the OCR text")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("excerpts").add_argument("out", type=Path)
    sub.add_parser("rows").add_argument("rendered", type=Path)
    args = ap.parse_args()
    cmd_excerpts(args.out) if args.cmd == "excerpts" else cmd_rows(args.rendered)


if __name__ == "__main__":
    main()
