"""Training text: tokens, OCR pairs, clean-corpus counts, syllable inventory.

Every document held out by scripts/ocr_split.py is skipped here, so the
benchmark documents never shape the model.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from indexer.analysis.syllables import is_syllable_shaped
from indexer.analysis.text import fold, normalize
from ocr_split import is_held_out

# The same word definition as indexer.analysis.WORD (copied so the build does
# not import whoosh): letters and digits, digits glued to letters ("s6").
WORD = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    """Folded word tokens of raw text, as the indexer's repaired view sees them."""
    return [fold(w) for w in WORD.findall(normalize(text))]


def load_pairs(pair_files: list[str], generated: list[str]) -> list[tuple[str, str, str]]:
    """(id, clean, ocr) of every training document, held-out ones skipped."""
    out = []
    for path in pair_files:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                out.append((d["id"], d["clean"], d["ocr"]))
    for spec in generated:
        clean_path, ocr_dir = spec.split(":", 1)
        with open(clean_path, encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                ocr = Path(ocr_dir) / f"{d['id']}.eng.txt"
                if ocr.exists():  # a generation run may still be going
                    out.append((d["id"], d["text"], ocr.read_text(encoding="utf-8")))
    return sorted(p for p in out if not is_held_out(p[0]))



def corpus_counts(corpus_path: str) -> tuple[Counter, Counter]:
    """Unigram and adjacent-word bigram counts of the clean training corpus."""
    uni: Counter = Counter()
    bi: Counter = Counter()
    with open(corpus_path, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if is_held_out(d["id"]):
                continue
            toks = tokens(d["text"])
            uni.update(toks)
            bi.update(f"{a} {b}" for a, b in zip(toks, toks[1:]) if a.isalpha() and b.isalpha())
    return uni, bi


def syllable_inventory(words_path: str, unigrams: Counter) -> set[str]:
    """Folded syllables: pyvi's, plus frequent corpus ones, shaped like Vietnamese."""
    found: set[str] = set()
    with open(words_path, encoding="utf-8") as fh:
        for line in fh:
            found.update(tokens(line))
    # Names and rare words the word list lacks ("lak"? no: "k" is not a final).
    found.update(w for w, n in unigrams.items() if n >= 30)
    return {w for w in found if w.isalpha() and is_syllable_shaped(w)}

