"""Character-segment confusions ("u" -> "ii", "o" -> "g") and the OCR forms
they predict for every syllable, so spellings never seen in training are
repaired too."""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict

from .params import PARAMS


def char_segments(true: str, ocr: str) -> list[tuple[str, str]]:
    """The differing segments of two strings: [("u", "ii")] for cua/ciia.

    An insertion is glued to the character before it ("o" -> "og" in
    duoc/duogc) so every rule rewrites at least one true character.
    """
    sm = difflib.SequenceMatcher(None, true, ocr, autojunk=False)
    segs = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        if i1 == i2:  # pure insertion
            if i1 == 0:
                i2, j2 = 1, j2 + 1
            else:
                i1, j1 = i1 - 1, j1 - 1
        segs.append((true[i1:i2], ocr[j1:j2]))
    return segs


def learn_rules(aligned) -> dict[tuple[str, str], float]:
    """P(ocr segment | true segment) for segments of up to three characters."""
    seg_total: Counter = Counter()
    rule_count: Counter = Counter()
    for o, t, _, _ in aligned:
        if " " in t or not t.isalpha():
            continue
        for k in (1, 2, 3):
            seg_total.update(t[i : i + k] for i in range(len(t) - k + 1))
        if o != t:
            for seg in char_segments(t, o):
                if 1 <= len(seg[0]) <= 3 and len(seg[1]) <= 3:
                    rule_count[seg] += 1
    rules = {}
    for (ts, os_), n in rule_count.items():
        p = n / seg_total[ts]
        if n >= PARAMS["min_rule_count"] and p >= PARAMS["min_rule_prob"]:
            rules[(ts, os_)] = p
    return rules


def merge_rules(base: dict, extra: dict) -> dict:
    """``base`` plus the rules of ``extra`` that rewrite a segment into a
    spelling ``base`` never saw (the seeds' "d" -> "p" for Đ)."""
    return {**{seg: p for seg, p in extra.items() if seg not in base}, **base}


def ocr_variants(syl: str, by_seg: dict[str, list[tuple[str, float]]]) -> dict[str, float]:
    """Likely OCR forms of a syllable with their relative probability."""
    out = {syl: 1.0}
    frontier = [(syl, 0, 1.0)]  # (form, first position still untouched, prob)
    for _ in range(PARAMS["max_rules_per_variant"]):
        nxt = []
        for form, start, p in frontier:
            for i in range(start, len(form)):
                for k in (1, 2, 3):
                    for rep, q in by_seg.get(form[i : i + k], ()):
                        new = form[:i] + rep + form[i + k :]
                        if new and p * q > out.get(new, 0.0):
                            out[new] = p * q
                            nxt.append((new, i + len(rep), p * q))
        frontier = nxt
    return out



def char_posteriors(rules, syllables: set[str], unigrams: Counter) -> dict[str, dict[str, float]]:
    """P(true syllable | ocr form) from the character model, frequent forms only."""
    by_seg: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for (ts, os_), p in sorted(rules.items()):
        by_seg[ts].append((os_, p))
    score: dict[str, dict[str, float]] = defaultdict(dict)
    for syl in sorted(syllables):
        prior = unigrams.get(syl, 0)
        if not prior:
            continue
        variants = ocr_variants(syl, by_seg)
        total = sum(variants.values())
        for form, w in variants.items():
            if not form.isdigit():
                score[form][syl] = score[form].get(syl, 0.0) + prior * w / total
    out = {}
    for form, cands in score.items():
        expected = sum(v for s, v in cands.items() if s != form)
        if expected < PARAMS["min_expected"]:
            continue
        if form not in syllables and unigrams.get(form):
            # A real non-syllable word ("ubnd", "cchc") read correctly.
            cands[form] = cands.get(form, 0.0) + unigrams[form]
        z = sum(cands.values())
        out[form] = {s: v / z for s, v in cands.items()}
    return out
