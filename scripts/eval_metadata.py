"""Per-field precision/recall of metadata and citation extraction over labelled documents.

Usage: python scripts/eval_metadata.py [--errors] [--dev] [LABEL_DIR ...]
(default: tests/data/labels tests/data/ocr_labelled tests/data/ocr_rerendered tests/data/ocr_rerendered_gray
tests/data/ocr_synthetic; a label's "split" is
"dev", "heldout" or, for synthetic documents, "check"; held-out parts show totals only).

Comparison: number is compared in canonical form; date, type code, unit and
province exactly; title and signer after folding (no diacritics, lower case,
letters and digits only) with a similarity ratio >= 0.8 (title) / 0.85
(signer), since an OCR'd title can never equal the clean one character for
character; cited Quyết định as the set of (canonical number, year) pairs.
A field counts as predicted when not None; exact match counts None == None;
a field a label leaves out is not evaluated.  Recipients are matched item by
item (ratio >= 0.8); a document is exact when every item matches.  The last
line of each part says whether the issue's targets (TARGETS) are met.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.extract.citations import extract_citations  # noqa: E402
from indexer.legal.numbers import canonical_number  # noqa: E402
from indexer.extract.metadata import extract_metadata  # noqa: E402
from indexer.analysis.text import fold, normalize  # noqa: E402

FIELDS = ("number", "date", "type", "unit", "province", "title", "signer", "recipients")
# The targets: (field, measure, minimum %).  "exact" is the share of
# labelled documents whose value is right (an unread field is right only when
# the label is empty too).
TARGETS = (("number", "exact", 98.0), ("date", "exact", 98.0), ("type", "exact", 98.0),
           ("unit", "exact", 95.0), ("cited QĐ", "recall", 95.0), ("cited QĐ", "precision", 98.0))


def _loose(s: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(normalize(s))).split())


def _near(a: str, b: str, ratio: float) -> bool:
    # autojunk off: past 200 characters it drops frequent letters and the space as
    # "junk", so a long title equal to its label after folding scored 0.56.
    return SequenceMatcher(None, _loose(a), _loose(b), autojunk=False).ratio() >= ratio


def same(field: str, pred, gold) -> bool:
    if pred is None or gold is None:
        return pred is None and gold is None
    if field == "number":
        return pred == canonical_number(gold)
    if field in ("title", "signer"):
        return _near(pred, gold, 0.8 if field == "title" else 0.85)
    return normalize(pred) == normalize(gold)


def _items_matched(pred: list[str], gold: list[str]) -> int:
    """Recipients found: each gold item matched by at most one predicted item."""
    left = list(pred)
    hits = 0
    for g in gold:
        j = next((j for j, p in enumerate(left) if _near(p, g, 0.8)), None)
        if j is not None:
            hits += 1
            del left[j]
    return hits


def _cited_qd(items) -> set[tuple[str, int | None]]:
    out = set()
    for number, date in items:
        canon = canonical_number(number)
        if canon and "/QĐ-" in canon:
            m = re.match(r"\d+[a-z]?/((?:19|20)\d\d)/", canon)
            year = int(date[:4]) if date else (int(m.group(1)) if m else None)
            out.add((canon, year))
    return out


def predict(text: str) -> tuple[dict, set]:
    meta = extract_metadata(text)
    pred = {"number": meta.number, "date": meta.date, "type": meta.type_code, "unit": meta.unit,
            "province": meta.province, "title": meta.title, "signer": meta.signer,
            "recipients": meta.recipients or None}
    return pred, _cited_qd((c.number, c.date) for c in extract_citations(text, meta))


def evaluate(labels: list[dict], errors: list | None = None) -> dict:
    """Per-field [correct, predicted, labelled, exact, documents]; cited QĐ (tp, predicted, labelled).

    A field missing from a label is not evaluated on that document.  Wrong
    values are appended to ``errors`` as (id, field, predicted, labelled).
    """
    stats = {f: [0, 0, 0, 0, 0] for f in FIELDS}
    tp = npred = ngold = 0
    for lab in labels:
        text = normalize((ROOT / lab["path"]).read_text(encoding="utf-8"))
        pred, p = predict(text)
        gold = dict(lab, type=lab["type_code"])
        gold["recipients"] = lab.get("recipients") or None if "recipients" in lab else None
        for f in FIELDS:
            if f not in gold or (f == "recipients" and "recipients" not in lab):
                continue
            s = stats[f]
            if f == "recipients":
                hits = _items_matched(pred[f] or [], gold[f] or [])
                s[0], s[1], s[2] = s[0] + hits, s[1] + len(pred[f] or []), s[2] + len(gold[f] or [])
                ok = hits == len(pred[f] or []) == len(gold[f] or [])
            else:
                ok = same(f, pred[f], gold[f])
                s[0] += ok and pred[f] is not None
                s[1] += pred[f] is not None
                s[2] += gold[f] is not None
            s[3] += ok
            s[4] += 1
            if not ok and errors is not None:
                errors.append((Path(lab["path"]).stem, f, pred[f], gold[f]))
        g = _cited_qd((c["number"], c["date"]) for c in lab["cited"])
        tp, npred, ngold = tp + len(p & g), npred + len(p), ngold + len(g)
        if errors is not None and p != g:
            errors.append((Path(lab["path"]).stem, "cited QĐ", sorted(p - g, key=str), sorted(g - p, key=str)))
    return {"n": len(labels), "fields": stats, "cited": (tp, npred, ngold)}


def _pct(a: int, b: int) -> float | None:
    return 100 * a / b if b else None


def scores(result: dict) -> dict[tuple[str, str], float | None]:
    """(field, measure) -> percentage, for the table and the targets."""
    out = {}
    for f, (ok, pred, gold, exact, n) in result["fields"].items():
        out[f, "precision"], out[f, "recall"], out[f, "exact"] = _pct(ok, pred), _pct(ok, gold), _pct(exact, n)
    tp, npred, ngold = result["cited"]
    out["cited QĐ", "precision"], out["cited QĐ", "recall"] = _pct(tp, npred), _pct(tp, ngold)
    return out


def failed_targets(result: dict) -> list[str]:
    sc = scores(result)
    return [f"{f} {m} {sc[f, m]:.1f} < {t}" for f, m, t in TARGETS if sc[f, m] is not None and sc[f, m] < t]


def _fmt(v: float | None) -> str:
    return "   n/a" if v is None else f"{v:5.1f}%"


def report(name: str, result: dict) -> bool:
    sc = scores(result)
    print(f"\n== {name}: {result['n']} documents")
    print(f"{'field':11} {'precision':>9} {'recall':>8} {'exact':>8} {'docs':>5}  target")
    goal = {f: f"{m} >= {t:g}%" for f, m, t in TARGETS if f != "cited QĐ"}
    for f, s in result["fields"].items():
        print(f"{f:11} {_fmt(sc[f, 'precision']):>9} {_fmt(sc[f, 'recall']):>8} {_fmt(sc[f, 'exact']):>8} {s[4]:>5}  {goal.get(f, '')}")
    tp, npred, ngold = result["cited"]
    print(f"{'cited QĐ':11} {_fmt(sc['cited QĐ', 'precision']):>9} {_fmt(sc['cited QĐ', 'recall']):>8} {'':>8} {'':>5}"
          f"  P >= 98%, R >= 95%   ({tp} right of {npred} predicted, {ngold} labelled)")
    failed = failed_targets(result)
    print("targets: " + ("PASS" if not failed else "FAIL (" + "; ".join(failed) + ")"))
    return not failed


def load(dirs: list[Path]) -> dict[str, list[dict]]:
    """Labels by part: real seeds, simulated-OCR dev, simulated-OCR held out."""
    labels = [json.loads(p.read_text(encoding="utf-8")) for d in dirs for p in sorted(d.glob("*.json"))]
    seeds = [l for l in labels if l["path"].startswith("corpus/")]
    synthetic = [l for l in labels if l.get("id", "").startswith("synth-")]
    rescanned = [l for l in labels if "scan" in l]
    rendered = [l for l in labels if l not in seeds and l not in synthetic and l not in rescanned]
    return {"real seeds (dev)": seeds,
            "simulated OCR, dev": [l for l in rendered if l.get("split", "dev") == "dev"],
            "simulated OCR, another scan, dev": rescanned,
            "synthetic OCR, dev": [l for l in synthetic if l["split"] == "dev"],
            "simulated OCR, held out": [l for l in rendered if l.get("split") == "heldout"],
            "synthetic OCR, check (held out)": [l for l in synthetic if l["split"] == "check"]}


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="*", type=Path, default=[ROOT / "tests/data/labels", ROOT / "tests/data/ocr_labelled", ROOT / "tests/data/ocr_rerendered", ROOT / "tests/data/ocr_rerendered_gray", ROOT / "tests/data/ocr_synthetic"])
    ap.add_argument("--errors", action="store_true", help="list the wrong values of the dev parts (never held out)")
    ap.add_argument("--dev", action="store_true", help="report the dev parts only (while working on the rules)")
    args = ap.parse_args(argv)
    for name, part in load(args.dirs).items():
        if part and not (args.dev and "held out" in name):
            errs: list | None = [] if args.errors and "held out" not in name else None
            report(name, evaluate(part, errs))
            for e in errs or []:
                print("  ", *e, sep=" | ")
    print_speed(load(args.dirs))


def print_speed(parts: dict) -> None:
    """Extraction time per document (metadata + citations), best of three."""
    import time

    texts = [(ROOT / label["path"]).read_text(encoding="utf-8") for part in parts.values() for label in part]
    texts = [normalize(t) for t in texts]
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for text in texts:
            extract_citations(text, extract_metadata(text))
        best = min(best, time.perf_counter() - started)
    chars = sum(len(t) for t in texts)
    print(f"\nspeed: {1000 * best / max(1, len(texts)):.2f} ms per document "
          f"({len(texts)} documents, {chars / max(1, len(texts)) / 1000:.1f} k characters on average)")


if __name__ == "__main__":
    main(sys.argv[1:])
