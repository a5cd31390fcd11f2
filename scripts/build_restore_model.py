"""Build the shipped restoration model (indexer/extract/restore/data/restore_model.bin.gz).

Rebuild it, from the repository root, with:

    .venv/bin/python scripts/build_restore_model.py \\
        --corpus /work/shared/data/legal-clean-dev.jsonl \\
        --pairs /work/shared/data/ocr-sim/pairs.jsonl \\
        --generated /work/benchdata/restore/train.jsonl:/work/benchdata/restore/train-out

``--generated CLEAN.jsonl:OUTDIR`` adds pairs rendered by
/work/shared/tools/ocrsim/render_ocr.py from the documents that
scripts/make_ocr_training_input.py chooses (--preset seedlike --langs eng
--seed 1).  Every document held out by scripts/ocr_split.py is skipped
everywhere (corpus, pairs, generated pairs), so the benchmark
(bench/restore_accuracy.py) never measures on what the model learned from.

Method:
1. the language model: every clean training document, pyvi's word list and
   the gazetteer's unit names as streams of lower-cased words (digits as one
   NUM token, a boundary at sentence punctuation), trigram counts,
   interpolated Kneser-Ney, pruned by count (restoremodel.lm);
2. the channel: OCR words aligned to their true words, the rank of the
   truth among the OCR repairer's alternatives per kind of word, P(true |
   form) for frequent forms, and what OCR makes of each accented vowel
   (restoremodel.channel);
3. one deterministic file: gzip mtime 0, sorted tables, a content hash as
   the ``version``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from indexer.analysis.ocr_repair import Repairer  # noqa: E402
from indexer.extract.restore.model import DEFAULT_MODEL  # noqa: E402
from ocrmodel.corpus import load_pairs  # noqa: E402
from restoremodel import channel, corpus, lm  # noqa: E402
from restoremodel.params import BUILD, DECODE  # noqa: E402
from restoremodel.write import lm_arrays, write_model  # noqa: E402

DEFAULT_WORDS = ROOT / ".venv/lib/python3.11/site-packages/pyvi/models/words.txt"


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="Build the restoration model.")
    p.add_argument("--corpus", required=True, help="legal-clean-dev.jsonl")
    p.add_argument("--pairs", action="append", default=[], help="JSONL of {id, clean, ocr}")
    p.add_argument("--generated", action="append", default=[], help="CLEAN.jsonl:OUTDIR of render_ocr.py")
    p.add_argument("--words", default=str(DEFAULT_WORDS), help="pyvi words.txt")
    p.add_argument("--out", default=str(DEFAULT_MODEL))
    return p.parse_args(argv)


def build(args) -> tuple[dict, list]:
    """The header and arrays of the model file."""
    started = time.perf_counter()
    index, streams = corpus.streams(args.corpus, args.words, BUILD["min_count"])
    counts = lm.count_streams(streams, index)
    backoff = lm.kneser_ney(counts, BUILD["min_bigram"], BUILD["min_trigram"])
    log(f"language model: {len(counts.vocab)} words, {len(backoff.bi)} bigrams, {len(backoff.tri)} trigrams "
        f"({time.perf_counter() - started:.0f} s)")
    pairs = load_pairs(args.pairs, args.generated)
    tables = channel.learn(pairs, Repairer.load(), BUILD["min_form"])
    log(f"channel: {len(pairs)} training pairs, {len(tables['forms'])} frequent forms")
    header = {"params": dict(DECODE, **BUILD), "vocab": counts.vocab, **tables}
    return header, lm_arrays(backoff, [counts.uni.get(i, 0) for i in range(len(counts.vocab))])


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main(argv=None) -> None:
    args = parse_args(argv)
    header, arrays = build(args)
    out = Path(args.out)
    version = write_model(header, arrays, out)
    log(f"wrote {out}: {out.stat().st_size} bytes, version {version}")


if __name__ == "__main__":
    main()
