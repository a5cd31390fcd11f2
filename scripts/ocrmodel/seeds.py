"""Self-training on the real, unlabelled seed scans."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from indexer.analysis.confusions import THIN_STROKES

from .corpus import tokens

# An inventory syllable seen fewer times in the corpus may be an OCR misreading.
RARE = 5


def edits1(word: str) -> set[str]:
    """Strings one edit (letter or digit) away from word."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + c + b[1:] for a, b in splits if b for c in letters}
    out |= {a + c + b for a, b in splits for c in letters}
    return out


# Thin strokes an engine may read as two letters where there was one (the house's table).
_THIN = set(THIN_STROKES)


def candidates(word: str) -> set[str]:
    """One edit away, or two adjacent thin characters read for one letter
    ("niim" for năm: the simulator never splits ă into "ii")."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = edits1(word)
    out |= {
        word[:i] + c + word[i + 2 :]
        for i in range(len(word) - 1) if word[i] in _THIN and word[i + 1] in _THIN
        for c in letters
    }
    return out


def seed_confusions(seed_dir: str | None, syllables: set[str], unigrams: Counter, bigrams: Counter) -> list[tuple[str, str]]:
    """Self-training on the real, unlabelled seeds: (ocr, syllable) guesses.

    The simulator never writes some of the archive's spellings ("sb" for số,
    "Pong" for Đồng, "niim" for năm).  A token of the seeds that is no
    syllable, or one the corpus hardly knows ("poc" in "Poc lap"), and is one
    edit away from syllables (see ``candidates``) is read as the one its
    neighbours support in the corpus bigrams, when that reading clearly wins.
    """
    out: list[tuple[str, str]] = []
    for path in sorted(Path(seed_dir).glob("*.txt")) if seed_dir else ():
        toks = tokens(path.read_text(encoding="utf-8"))
        for j, v in enumerate(toks):
            known = unigrams.get(v, 0)
            if v.isdigit() or len(v) < 2 or known >= 50 or v in syllables and known >= RARE:
                continue
            prev, nxt = toks[j - 1] if j else "", toks[j + 1] if j + 1 < len(toks) else ""
            best = best_in_context(candidates(v) & syllables, prev, nxt, unigrams, bigrams)
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



def seed_alignment(seed_dir: str | None, syllables: set[str], guesses) -> list[tuple[str, str, str, str]]:
    """The seeds as if aligned: inventory syllables read as themselves plus
    the guesses, so character rules can be learned from them as well."""
    out = [(o, t, "", "") for o, t in guesses]
    for path in sorted(Path(seed_dir).glob("*.txt")) if seed_dir else ():
        out.extend((v, v, "", "") for v in tokens(path.read_text(encoding="utf-8")) if v in syllables)
    return out
