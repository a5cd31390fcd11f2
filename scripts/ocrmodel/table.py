"""The repair table: observed confusions blended with the character model."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from indexer.analysis.confusions import class_of, digit_readings

from .charmodel import char_posteriors
from .context import confusions, language_model
from .params import PARAMS


def good_target(t: str) -> bool:
    """Alternatives are letters (one space for a merge); never digits."""
    return t.replace(" ", "").isalpha() and t.count(" ") <= 1


def blend(observed: Counter, pchar: dict[str, float]) -> dict[str, float]:
    """P(true | form): observed counts blended with the character model."""
    alpha, n_total = PARAMS["alpha"], sum(observed.values())
    post = {}
    for t in set(observed) | set(pchar):
        n = observed.get(t, 0)
        n = n if n >= PARAMS["min_observed"] else 0
        post[t] = (n + alpha * pchar.get(t, 0.0)) / (n_total + alpha)
    return post


def best_alternatives(form: str, post: dict[str, float], floor: float) -> list[str]:
    """The likely alternatives of a form, best first."""
    ranked = sorted(post.items(), key=lambda kv: (-kv[1], kv[0]))
    keep = [t for t, p in ranked if t != form and good_target(t) and p >= floor]
    return keep[: PARAMS["max_alternatives"]]


# What OCR makes of a roman numeral: "II" as "Il", "IT", "11"; "I" as "1" (the readings of 1).
ROMAN_LIKE = re.compile(class_of(digit_readings("1")) + "{1,4}")


def context_alternatives(aligned) -> dict[str, list[list]]:
    """Letters a lone digit between two words stood for ("6 nhiem" = "ô nhiễm"),
    and roman numerals misread in headings ("chuong 1 quy" = "Chương I QUY").

    Per form and letter, the neighbours seen with it in training ("_ nhiem",
    "xe _", "chuong _"): a neighbour counts when it came with the letter at
    least twice and more often than with the form itself, so "dieu 6 khoan"
    stays six.
    """
    with_alt: dict[tuple[str, str], Counter] = defaultdict(Counter)
    with_self: dict[str, Counter] = defaultdict(Counter)
    for o, t, prev, nxt in aligned:
        if o.isdigit() or ROMAN_LIKE.fullmatch(o):
            # Each word side on its own: "Phụ lục I" often ends its line.
            sides = [side for side, word in ((f"{prev} _", prev), (f"_ {nxt}", nxt)) if word.isalpha()]
            if t == o:
                with_self[o].update(sides)
            elif good_target(t) and " " not in t:
                with_alt[(o, t)].update(sides)
    out: dict[str, list[list]] = defaultdict(list)
    for (o, t), sides in sorted(with_alt.items()):
        keep = sorted(k for k, n in sides.items() if n >= 2 and n > with_self[o][k])
        if keep:
            out[o].append([t, keep])
    return dict(out)



def build_table(aligned, rules, syllables, unigrams, bigrams, seed_pairs=()) -> dict:
    observed: dict[str, Counter] = defaultdict(Counter)
    for o, t, _, _ in aligned:
        if not o.isdigit():
            observed[o][t] += 1
    for o, t in seed_pairs:
        observed[o][t] += 1
    pchar = char_posteriors(rules, syllables, unigrams)
    alts, posts = {}, {}
    for form in sorted(set(observed) | set(pchar)):
        obs = observed.get(form, Counter())
        # Forms the character model never produces are judged on counts alone.
        floor = PARAMS["min_posterior_syllable" if form in syllables else "min_posterior"]
        posts[form] = blend(obs, pchar.get(form, {form: 1.0}))
        chosen = best_alternatives(form, posts[form], floor)
        if chosen:
            alts[form] = chosen
    conf = confusions(observed, posts, alts, syllables)
    return {
        "params": PARAMS,
        "confusions": conf,
        "lm": language_model(conf, unigrams, bigrams),
        "syllables": sorted(syllables),
        "alts": alts,
        "context_alts": context_alternatives(aligned),
        "bigrams": sorted(b for b, n in bigrams.items() if n >= PARAMS["min_bigram"] and all(s in syllables for s in b.split())),
        "rules": sorted([ts, os_, round(p, 5)] for (ts, os_), p in rules.items()),
    }



def write_model(model: dict, out: Path) -> str:
    """Write gzip'd JSON byte-for-byte reproducibly; return the version hash."""
    body = json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    version = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    data = json.dumps(dict(model, version=version), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 and no file name in the header: same input, same bytes.
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(data.encode("utf-8"))
    return version

