"""The OCR channel, learned from aligned clean/OCR pairs: what the engine
makes of a true syllable.

Two tables, shipped in the model header:

- ``ranks``: for each kind of OCR word (a Vietnamese syllable, another word,
  digits, letters and digits), how often the truth was the word as read
  (rank 0), the repairer's first, second, third alternative, or none of
  them; ``forms`` refines that for OCR words seen often (P(true | form)).
- ``marks``: P(OCR character | true character) for vowels and d/đ, letter
  by letter in words OCR read at their length ("Quyét" for "Quyết": ế -> é;
  "c6ng" for "công": ô -> 6), so what the engine kept of a mark (é, ô, 6)
  votes for the accents of the truth.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from indexer.analysis.ocr_repair import Repairer
from indexer.analysis.text import fold, lower, normalize
from restoremodel.align import align

WORD = re.compile(r"[^\W_]+")
RANKS = 4  # the word as read + up to three alternatives (Repairer.max_alternatives)
MARK_FLOOR = -8.0  # log P of an OCR character never seen for a true one


def kind(folded: str, repairer: Repairer) -> str:
    """The class of an OCR word for the rank table."""
    if folded.isdigit():
        return "digit"
    if not folded.isalpha():
        return "mixed"
    return "syllable" if repairer.is_syllable(folded) else "other"


def markable(ch: str) -> bool:
    return fold(ch) in "aeiouyd"


def aligned_words(pairs):
    """(OCR words, true words, alignment) of each training pair."""
    for _, clean, ocr in pairs:
        ow = WORD.findall(normalize(ocr))
        tw = WORD.findall(normalize(clean))
        yield ow, tw, align(tw, ow)


def learn(pairs, repairer: Repairer, min_form: int) -> dict:
    """The ``ranks``, ``forms`` and ``marks`` tables of the model header."""
    ranks: dict[str, Counter] = defaultdict(Counter)
    forms: dict[str, Counter] = defaultdict(Counter)
    marks: dict[str, Counter] = defaultdict(Counter)
    for ow, tw, pairs_ in aligned_words(pairs):
        folded = [fold(w) for w in ow]
        alts = repairer.repair(folded)
        for j, ii in pairs_:
            truth = " ".join(fold(tw[i]) for i in ii)
            listed = [folded[j]] + alts[j]
            rank = listed.index(truth) if truth in listed else RANKS
            ranks[kind(folded[j], repairer)][rank] += 1
            forms[folded[j]][truth] += 1
            true_word, seen = lower(tw[ii[0]]), lower(ow[j])
            if len(ii) == 1 and len(true_word) == len(seen):
                # Letter by letter: "c6ng" teaches that 6 is how OCR reads ô.
                for t, o in zip(true_word, seen):
                    if markable(t):
                        marks[t][o] += 1
    return {
        "ranks": {k: _log_shares(c, RANKS + 1) for k, c in sorted(ranks.items())},
        "forms": {f: _form_table(c) for f, c in sorted(forms.items()) if sum(c.values()) >= min_form},
        "marks": {t: _mark_table(c) for t, c in sorted(marks.items())},
    }


def _log_shares(counts: Counter, n: int) -> list[float]:
    total = sum(counts.values()) + n
    return [round(math.log((counts.get(r, 0) + 1) / total), 3) for r in range(n)]


def _form_table(counts: Counter) -> dict[str, float]:
    """P(true | form) of a frequent OCR form, readings seen at least twice."""
    total = sum(counts.values())
    out = {t: round(math.log(n / total), 3) for t, n in sorted(counts.items()) if n >= 2}
    out[""] = round(math.log(0.5 / total), 3)  # a reading never seen (or seen once) for this form
    return out


def _mark_table(counts: Counter) -> dict[str, float]:
    """log P(OCR char | true char) of readings seen at least twice; the same
    floor for every true character (a floor per character would favour the
    rare ones: fewer observations, a higher floor)."""
    total = sum(counts.values())
    out = {o: round(math.log(n / total), 3) for o, n in sorted(counts.items()) if n >= 2}
    out[""] = MARK_FLOOR  # any character never seen (or seen once) for this one
    return out
