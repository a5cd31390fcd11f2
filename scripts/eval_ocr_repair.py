"""Intrinsic evaluation of the OCR repairer on held-out pairs and on the seeds.

    .venv/bin/python scripts/eval_ocr_repair.py \\
        --pairs /work/shared/data/ocr-sim/pairs.jsonl --seeds /work/shared/seeds

Held-out pairs (scripts/ocr_split.py) are aligned like the build script
aligns training pairs.  Of the aligned OCR tokens whose folded form differs
from the true folded syllable, recall is the share whose true syllable is
among the alternatives; precision is the share of emitted alternatives (at
aligned tokens) that equal the truth.  The seeds have no clean text, so for
them it reports the share of word tokens that are not inventory syllables
before and after repair (after = the first alternative, if any, is used).
Throughput is repair() alone, on a fresh Repairer, over all OCR text given.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_ocr_model import align_positions, tokens  # noqa: E402
from indexer.analysis.ocr_repair import Repairer, _load  # noqa: E402
from ocr_split import is_held_out  # noqa: E402


def held_out_docs(path: str) -> list[tuple[str, str]]:
    with open(path, encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    return [(d["clean"], d["ocr"]) for d in docs if is_held_out(d["id"])]


def score_pairs(repairer: Repairer, docs) -> dict:
    s = dict(tokens=0, aligned=0, same=0, damaged=0, recalled=0, emitted=0, emitted_aligned=0, right=0, unrepairable=0,
             missed_merge=0, missed_wrong=0, missed_syllable=0, missed_bare=0)
    for clean, ocr in docs:
        otoks = tokens(ocr)
        alts = repairer.repair(otoks)
        s["tokens"] += len(otoks)
        s["emitted"] += sum(len(a) for a in alts)
        for j, truth in align_positions(tokens(clean), otoks):
            s["aligned"] += 1
            s["emitted_aligned"] += len(alts[j])
            s["right"] += truth in alts[j]
            if otoks[j] == truth:
                s["same"] += 1
            elif truth.replace(" ", "").isalpha():
                s["damaged"] += 1
                s["recalled"] += truth in alts[j]
                if truth not in alts[j]:
                    s[f"missed_{miss_kind(repairer, otoks[j], truth, alts[j])}"] += 1
    return s


def miss_kind(repairer: Repairer, tok: str, truth: str, alts: list[str]) -> str:
    """Why a damaged token was missed: where to look next."""
    if " " in truth:
        return "merge"  # one OCR token for two syllables
    if alts:
        return "wrong"  # alternatives given, the truth not among them
    return "syllable" if repairer.is_syllable(tok) else "bare"  # nothing given


def seed_validity(repairer: Repairer, seed_dir: str) -> tuple[int, int, int]:
    """(word tokens, not syllables before repair, not syllables after)."""
    words = before = after = 0
    for path in sorted(Path(seed_dir).glob("*.txt")):
        toks = [t for t in tokens(path.read_text(encoding="utf-8")) if not t.isdigit()]
        for tok, alts in zip(toks, repairer.repair(toks)):
            words += 1
            bad = not repairer.is_syllable(tok)
            before += bad
            best = alts[0].split(" ") if alts else [tok]
            after += bad and not all(repairer.is_syllable(x) for x in best)
    return words, before, after


def throughput(model_path, texts: list[str]) -> tuple[float, float, float]:
    """(MB of text, MB/s on a fresh uncached Repairer, MB/s on a second pass)."""
    _load.cache_clear()
    repairer = Repairer.load(model_path)
    toks = [tokens(t) for t in texts]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    rates = []
    for _ in range(2):  # the first pass fills the per-token memo
        t0 = time.perf_counter()
        for tk in toks:
            repairer.repair(tk)
        rates.append(mb / (time.perf_counter() - t0))
    return mb, rates[0], rates[1]


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description="Evaluate the OCR repairer.")
    p.add_argument("--pairs", default="/work/shared/data/ocr-sim/pairs.jsonl")
    p.add_argument("--seeds", default="/work/shared/seeds")
    p.add_argument("--model", default=None)
    args = p.parse_args(argv)
    repairer = Repairer.load(args.model)
    docs = held_out_docs(args.pairs)
    s = score_pairs(repairer, docs)
    print(f"model {repairer.version}; held-out documents: {len(docs)}, OCR tokens: {s['tokens']}")
    print(f"  aligned tokens: {s['aligned']}, already right after folding: {s['same'] / s['aligned']:.3f}")
    print(f"  damaged tokens: {s['damaged']}, recall (truth among alternatives): {s['recalled'] / s['damaged']:.3f}")
    print(f"  missed: read as another syllable {s['missed_syllable']}, no alternative {s['missed_bare']},"
          f" wrong alternatives {s['missed_wrong']}, merged syllables {s['missed_merge']}")
    print(f"  alternatives per token: {s['emitted'] / s['tokens']:.3f}")
    print(f"  precision of alternatives at aligned tokens: {s['right'] / max(s['emitted_aligned'], 1):.3f}"
          f" (wrong share {1 - s['right'] / max(s['emitted_aligned'], 1):.3f}, n={s['emitted_aligned']})")
    words, before, after = seed_validity(repairer, args.seeds)
    print(f"seeds: {words} word tokens; not a syllable before repair {before / words:.3f}, after {after / words:.3f}")
    texts = [ocr for _, ocr in docs] + [Path(f).read_text(encoding="utf-8") for f in sorted(Path(args.seeds).glob("*.txt"))]
    mb, cold, warm = throughput(args.model, texts)
    print(f"throughput of repair() on {mb:.2f} MB of OCR text: {cold:.1f} MB/s cold, {warm:.1f} MB/s warm")


if __name__ == "__main__":
    main()
