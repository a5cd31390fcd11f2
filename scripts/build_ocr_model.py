"""Build the shipped OCR-repair model (indexer/data/ocr_model.json.gz).

Rebuild it, from the repository root, with:

    .venv/bin/python scripts/build_ocr_model.py \\
        --pairs /work/shared/data/ocr-sim/pairs.jsonl \\
        --generated /work/ocrdata/input.jsonl:/work/ocrdata/out \\
        --corpus /work/shared/data/legal-clean-dev.jsonl \\
        --seeds /work/shared/seeds \\
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
    "min_posterior": 0.15,  # an alternative of a non-syllable must be at least this likely
    "min_posterior_syllable": 0.4,  # ... of a real syllable: a wrong one costs more
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


def align_positions(clean: list[str], ocr: list[str]) -> list[tuple[int, str]]:
    """(index into ocr, true token or "a b") for every OCR token that aligns."""
    pairs: list[tuple[int, str]] = []
    sm = difflib.SequenceMatcher(None, clean, ocr, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            pairs.extend((j, ocr[j]) for j in range(j1, j2))
        elif tag == "replace" and (i2 - i1) * (j2 - j1) <= 4000:
            pairs.extend((j1 + j, t) for j, t in align_block(clean[i1:i2], ocr[j1:j2]))
    return pairs


def align_doc(clean: list[str], ocr: list[str]) -> list[tuple[str, str, str, str]]:
    """(ocr token, true, previous ocr token, next ocr token) for aligned tokens."""
    n = len(ocr)
    return [
        (ocr[j], t, ocr[j - 1] if j else "", ocr[j + 1] if j + 1 < n else "")
        for j, t in align_positions(clean, ocr)
    ]


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


def best_alternatives(form: str, observed: Counter, pchar: dict[str, float], floor: float) -> list[str]:
    """Blend observed counts with the character model; keep the likely ones."""
    alpha, n_total = PARAMS["alpha"], sum(observed.values())
    post = {}
    for t in set(observed) | set(pchar):
        n = observed.get(t, 0)
        n = n if n >= PARAMS["min_observed"] else 0
        post[t] = (n + alpha * pchar.get(t, 0.0)) / (n_total + alpha)
    ranked = sorted(post.items(), key=lambda kv: (-kv[1], kv[0]))
    keep = [t for t, p in ranked if t != form and good_target(t) and p >= floor]
    return keep[: PARAMS["max_alternatives"]]


def context_alternatives(aligned) -> dict[str, list[list]]:
    """Letters a lone digit between two words stood for ("6 nhiem" = "ô nhiễm").

    Per digit and letter, the neighbours seen with it in training ("_ nhiem",
    "xe _"): a neighbour counts when it came with the letter at least twice
    and more often than with the digit itself, so "dieu 6 khoan" stays six.
    """
    with_alt: dict[tuple[str, str], Counter] = defaultdict(Counter)
    with_self: dict[str, Counter] = defaultdict(Counter)
    for o, t, prev, nxt in aligned:
        if o.isdigit() and prev.isalpha() and nxt.isalpha():
            sides = (f"{prev} _", f"_ {nxt}")
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


def edits1(word: str) -> set[str]:
    """Strings one edit (letter or digit) away from word."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + c + b[1:] for a, b in splits if b for c in letters}
    out |= {a + c + b for a, b in splits for c in letters}
    return out


def seed_confusions(seed_dir: str | None, syllables: set[str], unigrams: Counter, bigrams: Counter) -> list[tuple[str, str]]:
    """Self-training on the real, unlabelled seeds: (ocr, syllable) guesses.

    The simulator never writes some of the archive's spellings ("sb" for số,
    "Pong" for Đồng).  A non-word token of the seeds one edit away from
    syllables is read as the one its neighbours support in the corpus
    bigrams, when that reading clearly wins.
    """
    out: list[tuple[str, str]] = []
    for path in sorted(Path(seed_dir).glob("*.txt")) if seed_dir else ():
        toks = tokens(path.read_text(encoding="utf-8"))
        for j, v in enumerate(toks):
            if v.isdigit() or v in syllables or unigrams.get(v, 0) >= 50 or len(v) < 2:
                continue
            prev, nxt = toks[j - 1] if j else "", toks[j + 1] if j + 1 < len(toks) else ""
            best = best_in_context(edits1(v) & syllables, prev, nxt, unigrams, bigrams)
            if best:
                out.append((v, best))
    return out


def best_in_context(cands, prev: str, nxt: str, unigrams: Counter, bigrams: Counter) -> str | None:
    """The candidate a bigram model clearly prefers between prev and nxt.

    Score P(s | prev) * P(nxt | s) up to a constant: c(prev s) c(s nxt) / c(s),
    smoothed; it must take 70 % of the mass and be seen next to a neighbour.
    """
    score, seen = {}, {}
    for s in sorted(cands):
        left, right = bigrams.get(f"{prev} {s}", 0), bigrams.get(f"{s} {nxt}", 0)
        score[s] = (left + 0.5) * (right + 0.5) / (unigrams.get(s, 0) + 1)
        seen[s] = left + right
    total = sum(score.values())
    if not total:
        return None
    best = max(score, key=score.get)
    return best if score[best] >= 0.7 * total and seen[best] >= 5 else None


def build_table(aligned, rules, syllables, unigrams, bigrams, seed_pairs=()) -> dict:
    observed: dict[str, Counter] = defaultdict(Counter)
    for o, t, _, _ in aligned:
        if not o.isdigit():
            observed[o][t] += 1
    for o, t in seed_pairs:
        observed[o][t] += 1
    pchar = char_posteriors(rules, syllables, unigrams)
    alts = {}
    for form in sorted(set(observed) | set(pchar)):
        obs = observed.get(form, Counter())
        # Forms the character model never produces are judged on counts alone.
        floor = PARAMS["min_posterior_syllable" if form in syllables else "min_posterior"]
        chosen = best_alternatives(form, obs, pchar.get(form, {form: 1.0}), floor)
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
    p.add_argument("--seeds", default=None, help="folder of real OCR'd .txt (unlabelled self-training)")
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
    seed_pairs = seed_confusions(args.seeds, syllables, unigrams, bigrams)
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
