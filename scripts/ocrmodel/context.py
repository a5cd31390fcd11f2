"""Confusions a word's neighbours must settle ("thu hien" is "thuc hien").

Many OCR errors land on another real syllable: "thực" read as "thu", "tờ" as
"te", "vướng" as "vung".  Repairing every "thu" to "thuc" would flood the
index, so the model ships, for every OCR form seen confused in training,
the syllables it stood for with P(true | ocr), and a pruned bigram language
model of the clean corpus.  At indexing time the repairer weighs each
candidate by its neighbours (indexer/ocr_repair.py, ``_by_neighbours``).
"""

from __future__ import annotations

from collections import Counter

from .params import PARAMS


def confusions(observed, posts, alts, syllables: set[str]) -> dict[str, list[list]]:
    """{ocr form: [[true, P(true | form)], ...]}, the form itself first.

    Forms read at least ``min_confusion_count`` times for another inventory
    syllable (with ``min_confusion_prob``); their table alternatives join
    the candidates, so the neighbours settle between them too ("gidi" is
    "gioi" or "giai").
    """
    out = {}
    for o, counts in sorted(observed.items()):
        post = posts[o]
        cands = {
            t for t, n in counts.items()
            if t != o and t in syllables and n >= PARAMS["min_confusion_count"]
            and post.get(t, 0.0) >= PARAMS["min_confusion_prob"]
        }
        if not cands:
            continue
        cands |= {t for t in alts.get(o, ()) if t in syllables}
        ranked = sorted(cands, key=lambda t: (-post.get(t, 0.0), t))
        out[o] = [[o, round(post.get(o, 0.0), 4)]] + [[t, round(post.get(t, 0.0), 4)] for t in ranked]
    return out


def language_model(conf: dict[str, list[list]], unigrams: Counter, bigrams: Counter) -> dict:
    """The corpus counts the repairer needs to weigh candidates in context:
    bigrams touching a confusable form or candidate, and their words' counts."""
    vocab = {t for cands in conf.values() for t, _ in cands}
    keep = {
        b: n for b, n in bigrams.items()
        if n >= PARAMS["min_lm_bigram"] and any(w in vocab for w in b.split(" "))
    }
    words = vocab | {w for b in keep for w in b.split(" ")}
    return {
        "total": sum(unigrams.values()),
        "unigrams": {w: unigrams[w] for w in sorted(words) if unigrams.get(w)},
        "bigrams": dict(sorted(keep.items())),
    }
