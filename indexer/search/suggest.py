"""Did-you-mean and autocomplete from words people write, for every engine.

The vocabulary is the index's ``exact`` view: words whose marks are known
(clean text, and the OCR'd words the restorer read with confidence), never an
OCR form.  An engine says how often any list of terms occurs
(``Engine.term_stats``) and how many documents hold a few phrases
(``Engine.counts``); it need not walk its lexicon, because Vietnamese makes
the candidates few: a syllable has a closed shape (``analysis.syllables``),
so the syllables with a typed prefix and the accented spellings of a folded
word can be listed, then asked for at once.

A query is read back as written, word by word in context: each word's
candidates (its accented spellings, the OCR repairs of an OCR spelling, the
known words one edit away from an unknown one, the completions of a clipped
last word) are scored by how often they stand next to their neighbours'
candidates in the archive (a phrase count, bounded), and the best sequence
wins ("ket lu" -> "kết luận", "cai cach hanh chin" -> "cải cách hành chính").

- Completion offers the whole query with its last word completed, accented.
- Did-you-mean offers a reading only when it finds more documents than the
  query typed, or, typed without accents, the same words written right
  (a narrower, precise set); never a mix of OCR forms and accents.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
import re
from functools import lru_cache

from indexer.analysis.syllables import _FINALS, _NUCLEI, _ONSETS
from indexer.analysis.text import fold, has_diacritics, lower, normalize
from indexer.legal.numbers import canonical_number, number_term
from indexer.search import query, rules
from indexer.search.parse import parse
from indexer.search.service import Completion, Suggestion

WORD = re.compile(r"[^\W_]+")
ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_BASES = {"a": "aăâ", "e": "eê", "o": "oôơ", "u": "uư", "i": "i", "y": "y"}
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
MAX_TYPED = 200
MAX_WORDS = 8  # a longer query is corrected no further than its first words
CANDIDATES = 4  # spellings weighed per word
PREFIXES = 24  # folded syllables with the typed prefix weighed for completion
CAP = 200  # phrase counts count no further (enough to tell a reading from noise)
TYPED_BONUS = 1.0  # the word as typed wins a tie
MIN_FREQ = 2  # a completion the archive writes once is more likely a misread than a word


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
    """How often each term stands in a view: occurrences in the exact view (every one
    weighs one), documents in the folded one (whose OCR repairs each engine weighs
    its own way: Lucene counts them whole)."""
    terms = sorted({t for t in terms if t})
    found = engine.term_stats(view, terms).items() if terms else ()
    return {t: (freq if view == rules.EXACT else df) for t, (df, freq) in found}


def _spellings(engine, folded: list[str]) -> dict[str, list[tuple[str, int]]]:
    """folded word -> its accented spellings the archive writes, most frequent first."""
    forms = {f: accented_forms(f) for f in folded}
    freq = _frequencies(engine, rules.EXACT, [x for fs in forms.values() for x in fs])
    return {f: sorted(((x, freq[x]) for x in fs if freq.get(x)), key=lambda p: (-p[1], p[0])) for f, fs in forms.items()}


def _candidates(engine, word: str, known: dict[str, list[tuple[str, int]]]) -> list[tuple[str, int, bool]]:
    """(spelling, its frequency, whether it is the word as typed) for one word."""
    out: dict[str, tuple[int, bool]] = {}
    for form, freq in known.get(fold(word), [])[:CANDIDATES]:
        out[form] = (freq, lower(form) == lower(word))
    if has_diacritics(word) and lower(word) not in out:
        out[lower(word)] = (0, True)
    if not out:
        out[lower(word)] = (0, True)  # nothing better known: left as typed
    ranked = sorted(out.items(), key=lambda kv: (-kv[1][1], -kv[1][0]))
    return [(w, f, typed) for w, (f, typed) in ranked[:CANDIDATES]]


def _alternatives(engine, word: str) -> list[str]:
    """Folded words that may be meant by an unknown word: its OCR repairs, then the
    known words one edit away."""
    folded = fold(word)
    out = [t for t in engine.analyzer.query_terms(word, rules.REPAIRED) if t != folded]
    if len(folded) >= 3:
        near = _frequencies(engine, rules.REPAIRED, [e for e in edits1(folded) if e.isalpha()])
        out += sorted(near, key=lambda e: (-near[e], e))[:CANDIDATES]
    return out


def _completions(engine, prefix: str, limit: int) -> list[tuple[str, int]]:
    """Accented words starting with what is typed (its marks kept), most frequent first."""
    p = fold(prefix)
    words = syllables()
    lo, hi = bisect.bisect_left(words, p), bisect.bisect_left(words, p + "\uffff")
    common = _frequencies(engine, rules.REPAIRED, words[lo:hi])
    top = heapq.nlargest(PREFIXES, common, key=lambda w: (common[w], w))
    typed = lower(prefix)
    found = [(form, freq) for w in top for form, freq in _spellings(engine, [w])[w]
             if not has_diacritics(typed) or lower(form).startswith(typed)]
    found.sort(key=lambda p: (-p[1], p[0]))
    return found[:limit]


def _slot(word: str) -> tuple[tuple[str, str], ...]:
    """Where a candidate stands when counting its pairs: an accented spelling in the
    words people write (the exact view, as the vocabulary), not also among the
    unsure readings: a third of the position lists to read, and the same
    vocabulary as the counts of single words."""
    slot = query.word_slot(word)
    return tuple(p for p in slot if p[0] == rules.EXACT) or slot


def _pair_counts(engine, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    nodes = [query.Phrase((_slot(a), _slot(b))) for a, b in pairs]
    return dict(zip(pairs, engine.counts(nodes, CAP))) if pairs else {}


def _viterbi(engine, lattice: list[list[tuple[str, int, bool]]]) -> list[tuple[float, list[str]]]:
    """For each candidate of the last word, the likeliest sequence ending with it and
    its score: each word's frequency, its neighbours' phrase counts, a tie won by
    what was typed."""
    pairs = sorted({(a, b) for left, right in zip(lattice, lattice[1:]) for a, _, _ in left for b, _, _ in right})
    together = _pair_counts(engine, pairs)

    def own(c) -> float:
        # A spelling the archive never writes wins no tie, even as typed.
        return 0.1 * math.log1p(c[1]) + (TYPED_BONUS if c[2] and c[1] else 0.0)

    best = [(own(c), [c[0]]) for c in lattice[0]]
    for right in lattice[1:]:
        best = [max(((s + own(c) + math.log1p(together.get((seq[-1], c[0]), 0)) * 2, seq + [c[0]])
                     for s, seq in best), key=lambda x: x[0]) for c in right]
    return best


def _best(engine, lattice: list[list[tuple[str, int, bool]]]) -> list[str]:
    """The likeliest sequence of spellings (Viterbi over the candidates)."""
    return max(_viterbi(engine, lattice), key=lambda x: x[0])[1]


def _cased(reading: str, typed: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return reading.upper()
    if typed[:1].isupper():
        return reading[:1].upper() + reading[1:]
    return reading


def _plain_words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of the words a reading may change: not field syntax, numbers,
    OR, nor words inside quotes."""
    out, quoted = [], False
    for token in re.finditer(r'"|[^\s"]+', text):
        t = token.group()
        if t == '"':
            quoted = not quoted
            continue
        if quoted or ":" in t or t == "OR" or re.match(r"^-?\d+[/\\]", t):
            continue
        out += [(token.start() + m.start(), token.start() + m.end(), m.group()) for m in WORD.finditer(t)
                if not fold(m.group()).isdigit()]
    return out[:MAX_WORDS]


def _lattice(engine, words: list[tuple[int, int, str]], complete_last: bool) -> list[list[tuple[str, int, bool]]]:
    """Each word's candidate spellings (see the module)."""
    known = _spellings(engine, [fold(w) for _, _, w in words])
    lattice = []
    for k, (_, _, word) in enumerate(words):
        cands = _candidates(engine, word, known)
        # A word typed with marks is known when the archive writes it so; one typed
        # without, when the archive writes any spelling of it.
        typed_known = any(f for c, f, typed in cands if typed or not has_diacritics(word))
        if not typed_known:  # not a word the archive writes: what it may stand for
            extra = _alternatives(engine, word)
            more = _spellings(engine, extra)
            cands += [(form, freq, False) for alt in extra for form, freq in more.get(alt, [])[:1]]
        if not typed_known or (complete_last and k == len(words) - 1):  # a clipped word
            cands += [(form, freq, False) for form, freq in _completions(engine, word, CANDIDATES)
                      if lower(form) != lower(word)]
        lattice.append(cands[:CANDIDATES * 2])
    return lattice


def _written(text: str, words: list[tuple[int, int, str]], chosen: list[str]) -> str:
    out, pos = [], 0
    for (start, end, word), reading in zip(words, chosen):
        out += [text[pos:start], _cased(reading, word)]
        pos = end
    return "".join(out) + text[pos:]


def read_back(engine, text: str, complete_last: bool = False) -> str:
    """The query with its plain words written as the archive writes them."""
    words = _plain_words(text)
    if not words:
        return text
    return _written(text, words, _best(engine, _lattice(engine, words, complete_last)))


def did_you_mean(engine, text: str, total: int, count=None) -> Suggestion | None:
    """A reading of the query worth offering, or None (see the module).  ``count``
    counts the documents a query text finds (under the request's filters; by
    default the whole archive)."""
    text = (text or "")[:MAX_TYPED * 5]
    if not text.strip() or parse(text).only_number():
        return None
    fixed = read_back(engine, text, complete_last=not text.endswith(" "))
    if lower(fixed) == lower(text):
        return None
    found = count(fixed) if count else engine.count(query.build(parse(fixed), engine.analyzer))
    accents_only = fold(fixed) == fold(text)
    if found > total or (accents_only and 0 < found < total and not has_diacritics(text)):
        return Suggestion(fixed, found)
    return None


# --- completion --------------------------------------------------------------

def complete_number(engine, prefix: str, limit: int) -> list[str]:
    """Số ký hiệu starting with what was typed, in their canonical spelling."""
    p = number_term(prefix.strip())
    if not p:
        return []
    found = engine.number_terms(p, limit)
    top = sorted(found, key=lambda t: (-found[t], t))[:limit]
    return [canonical_number(t) or t.upper() for t in top]


def complete(engine, text: str, limit: int = 8) -> list[Completion]:
    """The whole query with its last word completed, written as the archive writes it."""
    text = (text or "")[:MAX_TYPED]
    if not text.strip() or text.endswith(" "):
        return []
    head, _, last = text.rpartition(" ")
    head = head + " " if head else ""
    out: list[Completion] = []
    if re.match(r"^\d", last):
        out += [Completion("number", head + n) for n in complete_number(engine, last, limit)]
    if len(fold(last)) >= 2 and not re.search(r"[/:\"]", last):
        out += [Completion("term", t) for t in _completed(engine, text, limit - len(out))]
    return out[:limit]


def _completed(engine, text: str, limit: int) -> list[str]:
    """The query read back with its last word completed, the likeliest readings first:
    the completions the archive writes (twice or more) after the words before."""
    words = _plain_words(text)
    if not words or words[-1][1] != len(text):
        return []
    head = _lattice(engine, words[:-1], False) if len(words) > 1 else []
    found = _completions(engine, words[-1][2], limit * 2)
    last = [(w, f, False) for w, f in found if f >= MIN_FREQ] or [(w, f, False) for w, f in found[:1]]
    if not last:
        return []
    scored = _viterbi(engine, head + [last])
    if head:  # after a word: only what follows it in the archive
        pairs = _pair_counts(engine, [(seq[-2], seq[-1]) for _, seq in scored])
        kept = [(sc, seq) for sc, seq in scored if pairs.get((seq[-2], seq[-1]))]
        scored = kept or scored[:1]
    scored.sort(key=lambda x: -x[0])
    return [_written(text, words, seq) for _, seq in scored[:limit]]
