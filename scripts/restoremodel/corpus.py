"""The clean text the language model learns from, as token streams.

- legal-clean-dev.jsonl, every document not held out (scripts/ocr_split.py);
- pyvi's word list, one word a sentence, so rare words and names the
  corpus lacks still have their accents;
- the gazetteer of administrative units ("huyện Phong Thổ", "UBND thị xã
  Phước Long"), so unit names come back spelled as the state spells them;
- common surnames with common middle names ("Vũ Văn", ``names``).

Words the corpus has fewer than ``min_count`` times (and the extra lists
lack) become UNK: the model learns how likely an unknown word is.
"""

from __future__ import annotations

import json
from collections import Counter

from indexer.analysis.text import normalize
from indexer.extract.restore.tokens import SENT, SPECIAL, UNK, lm_stream
from ocr_split import is_held_out
from restoremodel.names import name_phrases


NAME_WEIGHT = 3  # a surname + middle name pair counts as seen this often


def corpus_texts(path: str):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if not is_held_out(doc["id"]):
                yield normalize(doc["text"])


def word_list(path: str) -> list[list[str]]:
    with open(path, encoding="utf-8") as fh:
        return [lm_stream(normalize(line.replace("_", " "))) for line in fh if line.strip()]


def unit_phrases() -> list[list[str]]:
    """"tỉnh X", "huyện Y", "UBND xã Z" for every unit of the pre-2025 map (the
    shipped model was built from this one; the 2025 map could join it)."""
    from indexer.legal.unitmaps import OLD, units

    out = []
    for u in sorted(units(OLD), key=lambda u: (u.level, u.name, u.province)):
        out.append(lm_stream(f"{u.level} {u.name}"))
        out.append(lm_stream(f"UBND {u.level} {u.name}"))
    return out


def streams(corpus_path: str, words_path: str, min_count: int):
    """(vocabulary index, [(stream, weight)]) with rare corpus words as UNK."""
    docs = [lm_stream(t) for t in corpus_texts(corpus_path)]
    # Each extra sentence counts as often as pruning needs to keep its bigrams.
    extra = [(s, 1) for s in word_list(words_path) + unit_phrases()]
    extra += [(lm_stream(p), NAME_WEIGHT) for p in name_phrases()]
    counts = Counter(t for d in docs for t in d)
    keep = {t for t, n in counts.items() if n >= min_count} | {t for s, _ in extra for t in s}
    vocab = list(SPECIAL) + sorted(keep - set(SPECIAL))
    index = {t: i for i, t in enumerate(vocab)}
    out = [([t if t in keep else UNK for t in d], 1) for d in docs]
    out += [(s, w) for s, w in extra if len(s) > 2]
    return index, out


__all__ = ["streams", "SENT"]
