"""Build the shipped OCR-repair model (indexer/data/ocr_model.json.gz).

Rebuild it, from the repository root, with:

    .venv/bin/python scripts/build_ocr_model.py \\
        --pairs /work/shared/data/ocr-sim/pairs.jsonl \\
        --generated /work/ocrdata/input.jsonl:/work/ocrdata/out \\
        --corpus /work/shared/data/legal-clean-dev.jsonl \\
        --out indexer/data/ocr_model.json.gz

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
   aligned pairs and generate, for every inventory syllable, its likely OCR
   forms, so spellings never seen in training are repaired too;
4. combine both into P(true | ocr) for each OCR form and keep the likely
   alternatives, pruned by posterior and by expected frequency.
The output is deterministic: sorted keys, gzip mtime 0, and a content hash
as the ``version`` field.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from indexer.syllables import is_syllable_shaped  # noqa: E402
from indexer.text import fold, normalize  # noqa: E402
from ocr_split import is_held_out  # noqa: E402

DEFAULT_WORDS = ROOT / ".venv/lib/python3.11/site-packages/pyvi/models/words.txt"
# The same word definition as indexer.analysis.WORD (copied so the build does
# not import whoosh): letters and digits, digits glued to letters ("s6").
WORD = re.compile(r"[^\W_]+")

PARAMS = {
    "alpha": 3.0,  # pseudo-count weight of the character model vs observed counts
    "min_posterior": 0.2,  # an alternative must be at least this likely
    "min_observed": 2,  # observed confusions seen fewer times are noise
    "min_expected": 0.5,  # generated forms expected fewer times in the corpus are dropped
    "min_rule_count": 3,
    "min_rule_prob": 0.002,
    "max_rules_per_variant": 2,
    "min_bigram": 20,
    "max_alternatives": 3,
}


# ---------------------------------------------------------------- loading --


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


# -------------------------------------------------------------- alignment --


def levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def ned(a: str, b: str) -> float:
    """Normalised edit distance, 0 (same) to 1 (nothing in common)."""
    return levenshtein(a, b) / max(len(a), len(b), 1)


def align_block(clean: list[str], ocr: list[str]) -> list[tuple[int, str]]:
    """Align a differing block: (ocr index, true token or "a b" for a merge).

    DP over substitutions (cost = normalised edit distance), merges of two
    true tokens into one OCR token, and skips (cost 1, e.g. OCR junk).
    """
    n, m = len(clean), len(ocr)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            steps = []
            if i < n:
                steps.append((i + 1, j, 1.0, "del"))
            if j < m:
                steps.append((i, j + 1, 1.0, "ins"))
            if i < n and j < m:
                steps.append((i + 1, j + 1, ned(clean[i], ocr[j]), "sub"))
            if i + 1 < n and j < m:
                # 0.15 extra: prefer two substitutions when the OCR split the words.
                steps.append((i + 2, j + 1, ned(clean[i] + clean[i + 1], ocr[j]) + 0.15, "merge"))
            for ni, nj, c, op in steps:
                if here + c < cost[ni][nj]:
                    cost[ni][nj], back[ni][nj] = here + c, (i, j, op)
    out, i, j = [], n, m
    while (i, j) != (0, 0):
        pi, pj, op = back[i][j]
        if op == "sub" and ned(clean[pi], ocr[pj]) < 0.75 or op == "sub" and len(ocr[pj]) <= 2:
            out.append((pj, clean[pi]))
        elif op == "merge" and ned(clean[pi] + clean[pi + 1], ocr[pj]) <= 0.4:
            out.append((pj, f"{clean[pi]} {clean[pi + 1]}"))
        i, j = pi, pj
    return out[::-1]


def align_doc(clean: list[str], ocr: list[str]) -> list[tuple[str, str, str, str]]:
    """(ocr token, true, previous ocr token, next ocr token) for aligned tokens."""
    pairs: list[tuple[int, str]] = []
    sm = difflib.SequenceMatcher(None, clean, ocr, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            pairs.extend((j, ocr[j]) for j in range(j1, j2))
        elif tag == "replace" and (i2 - i1) * (j2 - j1) <= 4000:
            pairs.extend((j1 + j, t) for j, t in align_block(clean[i1:i2], ocr[j1:j2]))
    return [(ocr[j], t, ocr[j - 1] if j else "", ocr[j + 1] if j + 1 < len(ocr) else "") for j, t in pairs]


def align_corpus(pairs: list[tuple[str, str, str]]) -> list[tuple[str, str, str, str]]:
    out = []
    for _, clean, ocr in pairs:
        out.extend(align_doc(tokens(clean), tokens(ocr)))
    return out


# ---------------------------------------------------------------- lexicon --


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


# ------------------------------------------------------- character model --


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


# ------------------------------------------------------------------ table --


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


def good_target(t: str) -> bool:
    """Alternatives are letters (one space for a merge); never digits."""
    return t.replace(" ", "").isalpha() and t.count(" ") <= 1


def best_alternatives(form: str, observed: Counter, pchar: dict[str, float]) -> list[str]:
    """Blend observed counts with the character model; keep the likely ones."""
    alpha, n_total = PARAMS["alpha"], sum(observed.values())
    post = {}
    for t in set(observed) | set(pchar):
        n = observed.get(t, 0)
        n = n if n >= PARAMS["min_observed"] else 0
        post[t] = (n + alpha * pchar.get(t, 0.0)) / (n_total + alpha)
    ranked = sorted(post.items(), key=lambda kv: (-kv[1], kv[0]))
    keep = [t for t, p in ranked if t != form and good_target(t) and p >= PARAMS["min_posterior"]]
    return keep[: PARAMS["max_alternatives"]]


def context_alternatives(aligned) -> dict[str, list[str]]:
    """Digit-only tokens between two words ("ô nhiễm" read "6 nhiem")."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for o, t, prev, nxt in aligned:
        if o.isdigit() and prev.isalpha() and nxt.isalpha():
            counts[o][t] += 1
    out = {}
    for o, c in sorted(counts.items()):
        total = sum(c.values())
        alts = [t for t, n in c.most_common() if good_target(t) and n >= 5 and n / total >= 0.4]
        if alts:
            out[o] = alts[: PARAMS["max_alternatives"]]
    return out


def build_table(aligned, rules, syllables, unigrams, bigrams) -> dict:
    observed: dict[str, Counter] = defaultdict(Counter)
    for o, t, _, _ in aligned:
        if not o.isdigit():
            observed[o][t] += 1
    pchar = char_posteriors(rules, syllables, unigrams)
    alts = {}
    for form in sorted(set(observed) | set(pchar)):
        obs = observed.get(form, Counter())
        # Forms the character model never produces are judged on counts alone.
        chosen = best_alternatives(form, obs, pchar.get(form, {form: 1.0}))
        if chosen:
            alts[form] = chosen
    return {
        "params": PARAMS,
        "syllables": sorted(syllables),
        "alts": alts,
        "context_alts": context_alternatives(aligned),
        "bigrams": sorted(b for b, n in bigrams.items() if n >= PARAMS["min_bigram"] and all(s in syllables for s in b.split())),
        "rules": sorted([ts, os_, round(p, 5)] for (ts, os_), p in rules.items()),
    }


# ------------------------------------------------------------------- main --


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="Build the OCR-repair model.")
    p.add_argument("--pairs", action="append", default=[], help="JSONL of {id, clean, ocr}")
    p.add_argument("--generated", action="append", default=[], help="CLEAN.jsonl:OUTDIR of render_ocr.py")
    p.add_argument("--corpus", required=True, help="legal-clean-dev.jsonl (syllable statistics)")
    p.add_argument("--words", default=str(DEFAULT_WORDS), help="pyvi words.txt")
    p.add_argument("--out", default=str(ROOT / "indexer/data/ocr_model.json.gz"))
    return p.parse_args(argv)


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


def main(argv=None) -> None:
    args = parse_args(argv)
    pairs = load_pairs(args.pairs, args.generated)
    aligned = align_corpus(pairs)
    unigrams, bigrams = corpus_counts(args.corpus)
    syllables = syllable_inventory(args.words, unigrams)
    rules = learn_rules(aligned)
    model = build_table(aligned, rules, syllables, unigrams, bigrams)
    version = write_model(model, Path(args.out))
    print(
        f"{len(pairs)} training documents, {len(aligned)} aligned tokens, {len(rules)} char rules, "
        f"{len(syllables)} syllables; wrote {args.out}: {Path(args.out).stat().st_size} bytes, "
        f"version {version}, {len(model['alts'])} repair entries",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
