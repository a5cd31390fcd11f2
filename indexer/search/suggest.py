"""Did-you-mean and autocomplete from the index's own words, for every engine.

An engine can say how often any list of terms occurs (``Engine.term_stats``)
but need not walk its lexicon: Vietnamese makes the candidates few, since a
syllable has a closed shape (``analysis.syllables``).  The folded words with
a typed prefix, or one edit away from a typed word, and the accented
spellings of a folded word, can all be listed and then asked for at once.

- An unaccented word gets its most frequent accented spelling; an unknown
  word (three letters or more) the most frequent known word one edit away.
- Completion offers the most frequent known syllables with the typed prefix,
  and số ký hiệu with it.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
from functools import lru_cache

from indexer.analysis.syllables import _FINALS, _NUCLEI, _ONSETS
from indexer.analysis.text import fold, has_diacritics, lower, normalize
from indexer.legal.numbers import canonical_number, number_term
from indexer.search import query, rules
from indexer.search.parse import parse
from indexer.search.service import Completion, Suggestion

WORD = re.compile(r"[^\W_]+")
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
_BASES = {"a": "aăâ", "e": "eê", "o": "oôơ", "u": "uư", "i": "i", "y": "y"}
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
MAX_TYPED = 200


@lru_cache(maxsize=1)
def syllables() -> list[str]:
    """Every syllable-shaped folded word, sorted (about 9,000)."""
    return sorted({o + n + f for o in [""] + _ONSETS for n in _NUCLEI for f in [""] + _FINALS})


@lru_cache(maxsize=4096)
def accented_forms(folded: str) -> tuple[str, ...]:
    """Every accented spelling of a folded syllable, as ``normalize`` writes them."""
    slots = [("dđ" if ch == "d" else _BASES.get(ch, ch)) for ch in folded]
    vowels = [i for i, ch in enumerate(folded) if ch in _BASES]
    if len(vowels) > 3 or not vowels:
        return ()
    out = set()
    for letters in itertools.product(*slots):
        for tone in _TONES:
            for at in (vowels if tone else vowels[:1]):
                chars = list(letters)
                chars[at] += tone
                out.add(normalize("".join(chars)))
    out.discard(folded)
    return tuple(sorted(w for w in out if has_diacritics(w)))


def edits1(word: str) -> set[str]:
    """Every string one deletion, substitution, insertion or swap away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in ALPHABET}
    out |= {a + c + b for a, b in splits for c in ALPHABET}
    return out


def _frequencies(engine, view: str, terms) -> dict[str, int]:
    return {t: freq for t, (_, freq) in engine.term_stats(view, sorted(set(terms))).items()}


def best_accented(engine, folded_words: list[str]) -> dict[str, str]:
    """folded word -> its most frequent accented spelling in the archive."""
    forms = {w: accented_forms(w) for w in folded_words if w.isalpha() and w.isascii()}
    freq = _frequencies(engine, rules.EXACT, [f for fs in forms.values() for f in fs])
    best = {}
    for word, fs in forms.items():
        scored = [(freq[f], f) for f in fs if freq.get(f)]
        if scored:
            best[word] = max(scored)[1]
    return best


# --- did you mean ------------------------------------------------------------

def correct_query(engine, text: str) -> str:
    """The query with each plain word corrected; fields, numbers and OR kept."""
    tokens = re.split(r"(\s+)", text)
    plain = [i for i, t in enumerate(tokens)
             if t.strip() and ":" not in t and t != "OR" and not re.match(r"^-?\d+[/\\]", t)]
    words = {m.group() for i in plain for m in WORD.finditer(tokens[i])}
    folded = {w: fold(w) for w in words if not has_diacritics(w) and not fold(w).isdigit()}
    candidates = set(folded.values()) | {c for f in folded.values() if len(f) >= 3 for c in edits1(f)}
    freq = _frequencies(engine, rules.REPAIRED, candidates)
    chosen = {}
    for word, f in folded.items():
        if f not in freq and len(f) >= 3:
            near = [c for c in edits1(f) if c in freq]
            if near:
                f = max(near, key=lambda c: (freq[c], c))
        chosen[word] = f
    accented = best_accented(engine, sorted(set(chosen.values())))
    fixed = {w: accented.get(f, f if f != fold(w) else w) for w, f in chosen.items()}
    for i in plain:
        tokens[i] = WORD.sub(lambda m: fixed.get(m.group(), m.group()), tokens[i])
    return "".join(tokens)


def did_you_mean(engine, text: str, total: int) -> Suggestion | None:
    """A corrected query worth offering, or None.

    Adding accents keeps the folded match set (so the same hits, ranked with
    exact matches first) and is offered whenever the archive knows the accented
    words; a spelling correction is offered only when it finds more documents.
    """
    text = (text or "")[:MAX_TYPED * 5]
    if not text.strip() or parse(text).only_number():
        return None
    fixed = correct_query(engine, text)
    if lower(fixed) == lower(text):
        return None
    if fold(fixed) == fold(text):
        return Suggestion(fixed, total) if total else None
    found = engine.count(query.build(parse(fixed), engine.analyzer))
    return Suggestion(fixed, found) if found > total else None


# --- completion --------------------------------------------------------------

def complete_word(engine, prefix: str, limit: int) -> list[str]:
    """The most frequent known words starting with the folded prefix, accented."""
    p = fold(prefix)
    words = syllables()
    lo, hi = bisect.bisect_left(words, p), bisect.bisect_left(words, p + "\uffff")
    freq = _frequencies(engine, rules.REPAIRED, words[lo:hi])
    top = heapq.nlargest(limit, freq, key=lambda w: (freq[w], w))
    accented = best_accented(engine, top)
    return [accented.get(w, w) for w in top]


def complete_number(engine, prefix: str, limit: int) -> list[str]:
    """Số ký hiệu starting with what was typed, in their canonical spelling."""
    p = number_term(prefix.strip())
    if not p:
        return []
    found = engine.number_terms(p, limit)
    top = sorted(found, key=lambda t: (-found[t], t))[:limit]
    return [canonical_number(t) or t.upper() for t in top]


def complete(engine, text: str, limit: int = 8) -> list[Completion]:
    """Completions of what is typed: the whole query with its last word completed."""
    text = (text or "")[:MAX_TYPED]
    if not text.strip() or text.endswith(" "):
        return []
    head, _, last = text.rpartition(" ")
    head = head + " " if head else ""
    out = []
    if re.match(r"^\d", last):
        out += [Completion("number", head + n) for n in complete_number(engine, last, limit)]
    if len(fold(last)) >= 2 and not re.search(r"[/:\"]", last):
        out += [Completion("term", head + w) for w in complete_word(engine, last, limit - len(out))]
    return out[:limit]
