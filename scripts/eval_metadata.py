"""Per-field precision/recall of metadata and citation extraction over labelled documents.

Usage: python scripts/eval_metadata.py [LABEL_DIR ...]
(default: tests/data/labels tests/data/ocr_labelled; each label's "split" is
"dev" or "heldout" and the two are reported separately).

Comparison: number is compared in canonical form; date, type code, unit and
province exactly; title and signer after folding (no diacritics, lower case,
letters and digits only) with a similarity ratio >= 0.8 (title) / 0.85
(signer), since an OCR'd title can never equal the clean one character for
character; cited Quyết định as the set of (canonical number, year) pairs.
A field counts as predicted when not None; exact match counts None == None.
"""

from __future__ import annotations

import json
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.citations import canonical_number, extract_citations  # noqa: E402
from indexer.metadata import extract_metadata  # noqa: E402
from indexer.text import fold, normalize  # noqa: E402

FIELDS = ("number", "date", "type", "unit", "province", "title", "signer")


def _loose(s: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(normalize(s))).split())


def same(field: str, pred, gold) -> bool:
    if pred is None or gold is None:
        return pred is None and gold is None
    if field == "number":
        return pred == canonical_number(gold)
    if field in ("title", "signer"):
        return SequenceMatcher(None, _loose(pred), _loose(gold)).ratio() >= (0.8 if field == "title" else 0.85)
    return normalize(pred) == normalize(gold)


def _cited_qd(items) -> set[tuple[str, int | None]]:
    out = set()
    for number, date in items:
        canon = canonical_number(number)
        if canon and "/QĐ-" in canon:
            m = re.match(r"\d+[a-z]?/((?:19|20)\d\d)/", canon)
            year = int(date[:4]) if date else (int(m.group(1)) if m else None)
            out.add((canon, year))
    return out


def evaluate(labels: list[dict]) -> dict:
    stats = {f: [0, 0, 0, 0] for f in FIELDS}  # correct, predicted, gold, exact
    tp = npred = ngold = 0
    for lab in labels:
        text = normalize((ROOT / lab["path"]).read_text(encoding="utf-8"))
        meta = extract_metadata(text)
        pred = {"number": meta.number, "date": meta.date, "type": meta.type_code, "unit": meta.unit,
                "province": meta.province, "title": meta.title, "signer": meta.signer}
        gold = dict(lab, type=lab["type_code"])
        for f in FIELDS:
            ok = same(f, pred[f], gold[f])
            s = stats[f]
            s[0] += ok and pred[f] is not None
            s[1] += pred[f] is not None
            s[2] += gold[f] is not None
            s[3] += ok
        p = _cited_qd((c.number, c.date) for c in extract_citations(text, meta))
        g = _cited_qd((c["number"], c["date"]) for c in lab["cited"])
        tp, npred, ngold = tp + len(p & g), npred + len(p), ngold + len(g)
    return {"n": len(labels), "fields": stats, "cited": (tp, npred, ngold)}


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "   n/a"


def report(name: str, result: dict) -> None:
    print(f"\n== {name}: {result['n']} documents")
    print(f"{'field':10} {'precision':>10} {'recall':>8} {'exact':>8}")
    for f, (ok, pred, gold, exact) in result["fields"].items():
        print(f"{f:10} {_pct(ok, pred):>10} {_pct(ok, gold):>8} {_pct(exact, result['n']):>8}")
    tp, npred, ngold = result["cited"]
    print(f"{'cited QĐ':10} {_pct(tp, npred):>10} {_pct(tp, ngold):>8}   ({tp} of {npred} predicted, {ngold} labelled)")


def main(argv: list[str]) -> None:
    dirs = [Path(a) for a in argv] or [ROOT / "tests/data/labels", ROOT / "tests/data/ocr_labelled"]
    labels = [json.loads(p.read_text(encoding="utf-8")) for d in dirs for p in sorted(d.glob("*.json"))]
    seeds = [l for l in labels if l["path"].startswith("corpus/")]
    dev = [l for l in labels if l.get("split", "dev") == "dev" and l not in seeds]
    held = [l for l in labels if l.get("split") == "heldout"]
    for name, part in (("real seeds (dev)", seeds), ("simulated OCR, dev", dev), ("simulated OCR, held out", held)):
        if part:
            report(name, evaluate(part))


if __name__ == "__main__":
    main(sys.argv[1:])
