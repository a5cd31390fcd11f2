"""Build the shipped OCR-repair model (indexer/analysis/data/ocr_model.json.gz).

Rebuild it, from the repository root, with:

    .venv/bin/python scripts/build_ocr_model.py \\
        --pairs /work/shared/data/ocr-sim/pairs.jsonl \\
        --generated /work/ocrdata/input.jsonl:/work/ocrdata/out \\
        --corpus /work/shared/data/legal-clean-dev.jsonl \\
        --seeds /work/shared/seeds \\
        --out indexer/analysis/data/ocr_model.json.gz

``--generated CLEAN.jsonl:OUTDIR`` adds pairs made by
/work/shared/tools/ocrsim/render_ocr.py (OUTDIR/<id>.eng.txt is the OCR of
the text of CLEAN.jsonl); it may be repeated or left out.  Every document
held out by scripts/ocr_split.py is skipped everywhere (pairs, generated
pairs and corpus statistics), so benchmark documents never shape the model.

Method:
1. fold both sides and align OCR tokens to true tokens (difflib, then an
   edit-distance DP inside each differing block that also lets one OCR token
   stand for two true syllables: "cachhanh" = "cach hanh");
2. count token confusions count(ocr, true);
3. learn character-segment confusions ("u" -> "ii", "o" -> "g") from the
   aligned pairs, plus those of confident guesses on the real seeds that the
   simulator never makes ("d" -> "p" for Đ), and generate, for every
   inventory syllable, its likely OCR forms, so spellings never seen in
   training are repaired too;
4. combine both into P(true | ocr) for each OCR form and keep the likely
   alternatives, pruned by posterior and by expected frequency;
5. for forms also confused with real syllables ("thu" for "thực", "gidi"
   for "giới" or "giải"), ship the candidates with P(true | ocr) and a
   pruned bigram model of the clean corpus: the repairer lets the
   neighbours decide at indexing time.

The generated pairs are chosen by scripts/make_ocr_training_input.py
(--count 250) and rendered with --preset seedlike --langs eng --seed 1.
The output is deterministic: sorted keys, gzip mtime 0, and a content hash
as the ``version`` field.  The pieces live in scripts/ocrmodel/, one
module per role (see its __init__).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from ocrmodel.align import align_corpus, align_positions  # noqa: E402,F401  (eval, tests)
from ocrmodel.charmodel import char_segments, learn_rules, merge_rules  # noqa: E402,F401
from ocrmodel.corpus import corpus_counts, load_pairs, syllable_inventory, tokens  # noqa: E402,F401
from ocrmodel.seeds import seed_alignment, seed_confusions  # noqa: E402
from ocrmodel.table import build_table, write_model  # noqa: E402

DEFAULT_WORDS = ROOT / ".venv/lib/python3.11/site-packages/pyvi/models/words.txt"


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="Build the OCR-repair model.")
    p.add_argument("--pairs", action="append", default=[], help="JSONL of {id, clean, ocr}")
    p.add_argument("--generated", action="append", default=[], help="CLEAN.jsonl:OUTDIR of render_ocr.py")
    p.add_argument("--corpus", required=True, help="legal-clean-dev.jsonl (syllable statistics)")
    p.add_argument("--seeds", default=None, help="folder of real OCR'd .txt (unlabelled self-training)")
    p.add_argument("--words", default=str(DEFAULT_WORDS), help="pyvi words.txt")
    p.add_argument("--out", default=str(ROOT / "indexer/analysis/data/ocr_model.json.gz"))
    return p.parse_args(argv)


def main(argv=None) -> None:
    args = parse_args(argv)
    pairs = load_pairs(args.pairs, args.generated)
    aligned = align_corpus(pairs)
    unigrams, bigrams = corpus_counts(args.corpus)
    syllables = syllable_inventory(args.words, unigrams)
    seed_pairs = seed_confusions(args.seeds, syllables, unigrams, bigrams)
    # Spellings of the real scans the simulator never writes become rules too.
    rules = merge_rules(learn_rules(aligned), learn_rules(seed_alignment(args.seeds, syllables, seed_pairs)))
    model = build_table(aligned, rules, syllables, unigrams, bigrams, seed_pairs)
    version = write_model(model, Path(args.out))
    print(
        f"{len(pairs)} training documents, {len(aligned)} aligned tokens, {len(rules)} char rules, "
        f"{len(syllables)} syllables, {len(seed_pairs)} seed guesses; wrote {args.out}: {Path(args.out).stat().st_size} bytes, "
        f"version {version}, {len(model['alts'])} repair entries",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
