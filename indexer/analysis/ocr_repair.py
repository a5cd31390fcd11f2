"""Guess the Vietnamese syllables an OCR engine mangled ("s6" -> "so").

The archive was read by OCR engines that do not know Vietnamese, so "số"
arrives as "s6", "của" as "ciia" and "cách hành" as "cachhanh".  The model
(indexer/analysis/data/ocr_model.json.gz, built by scripts/build_ocr_model.py from
aligned clean/OCR text) maps each folded OCR form to the folded syllables it
most likely was.  Everything here is folded (see ``indexer.text.fold``).

``repair`` runs on every token at indexing time, so answers are memoised per
token.  Context settles the rest: a lone digit between two words ("6" is
usually "ở" there, elsewhere the number six), and a form that is also a real
word ("thu" is "thực" in "thu hien"), weighed by a bigram model of the clean
corpus against the neighbours.
"""

from __future__ import annotations

import gzip
import json
import os
from functools import lru_cache
from pathlib import Path

DEFAULT_MODEL = Path(__file__).parent / "data" / "ocr_model.json.gz"

# A merged token shorter than this is more likely an abbreviation ("ubnd").
_MIN_MERGED_LEN = 5
# Two glued syllables are at most 14 letters ("nghieng" + "nghieng"); a longer
# token is no pair, and splitting costs the square of its length (a 400k-letter
# "word" took 21 s, a 19 MB one past 15 minutes).
MAX_SPLIT_LEN = 24
# Memoised answers per token and per (previous, token, next), each up to this
# many; a long-lived worker or web process clears a full cache and starts over.
CACHE_SIZE = 200_000


class Repairer:
    """OCR repair with a learned table; build one with ``Repairer.load()``."""

    def __init__(self, model: dict, max_alternatives: int = 3, cache_size: int = CACHE_SIZE):
        self.version: str = model["version"]
        self.max_alternatives = max_alternatives
        self.cache_size = cache_size
        self._alts: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in model["alts"].items()}
        self._context_alts = {
            digit: tuple((alt, frozenset(sides)) for alt, sides in alts)
            for digit, alts in model["context_alts"].items()
        }
        self._syllables = frozenset(model["syllables"])
        self._bigrams = frozenset(model["bigrams"])
        self._lm = _BigramModel(model.get("lm", {"total": 1, "unigrams": {}, "bigrams": {}}), model["params"])
        self._confusions = {o: self._lm.prepare(c) for o, c in model.get("confusions", {}).items()}
        params = model["params"]
        # A real syllable read as itself is the likelier story: it needs more.
        self._context_floor = (params.get("min_context_posterior", 0.1), params.get("min_context_posterior_syllable", 0.25))
        # Without neighbours (a query word) a syllable needs what the table asks.
        self._bare_floor = params.get("min_posterior_syllable", 0.4)
        self._cache: dict[str, tuple[str, ...]] = {}
        self._context_cache: dict[tuple[str, str, str], tuple[str, ...]] = {}
        self._neighbour_words: dict[str, tuple[str, str]] = {}
        self._variants: dict[str, frozenset[str]] | None = None
        # The last answer: the restorer (extract.restore) and the analyzer ask
        # for the same document's tokens one after the other.
        self._last: tuple[list[str], list[list[str]]] = ([], [])

    @classmethod
    def load(cls, path: str | os.PathLike | None = None) -> "Repairer":
        """The repairer for a model file (the shipped one by default), cached per path."""
        return _load(str(Path(path or DEFAULT_MODEL).resolve()))

    def repair(self, tokens: list[str]) -> list[list[str]]:
        """For each folded token, the folded syllables it most likely was, best first.

        The token itself is never listed; good syllables and digits get [],
        except where the neighbours say otherwise: a lone digit or roman
        numeral OCR often makes of a letter ("bi 6 nhiem", "phu luc 1"), or
        a word OCR often makes of another ("thu hien" is "thuc hien").
        """
        last_tokens, last_out = self._last
        if tokens == last_tokens and tokens:
            return last_out
        cache, confusions, context_alts = self._cache, self._confusions, self._context_alts
        out, n, cap = [], len(tokens), self.max_alternatives
        for i, tok in enumerate(tokens):
            if tok in confusions:
                # Its readings depend on the neighbours (the table's included).
                alts = self._settle(tokens, i)
            else:
                alts = cache.get(tok)
                if alts is None:
                    if len(cache) > self.cache_size:
                        cache.clear()
                    alts = cache[tok] = self._alternatives(tok)
            if not alts and tok in context_alts:
                alts = self._in_context(tok, tokens[i - 1] if i else "", tokens[i + 1] if i + 1 < n else "")
            out.append(list(alts[:cap]))
        # One tuple, replaced whole, so threads never see a mismatched pair.
        self._last = (list(tokens), out)
        return out

    def _settle(self, tokens: list[str], i: int) -> tuple[str, ...]:
        """The context answer for tokens[i], memoised per (previous, token, next)."""
        readings = self._neighbour_words
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        left = readings.get(prev) or self._neighbour_word(prev)
        right = readings.get(nxt) or self._neighbour_word(nxt)
        key = (left[1], tokens[i], right[0])
        alts = self._context_cache.get(key)
        if alts is None:
            if len(self._context_cache) > self.cache_size:
                self._context_cache.clear()
            alts = self._context_cache[key] = self._by_neighbours(*key)
        return alts

    def _neighbour_word(self, tok: str) -> tuple[str, str]:
        """(first, last) syllable of a neighbour as the bigram model sees it."""
        if len(self._neighbour_words) > self.cache_size:
            self._neighbour_words.clear()
        first, last = self._context_word(tok, False), self._context_word(tok, True)
        self._neighbour_words[tok] = (first, last)
        return first, last

    def _context_word(self, tok: str, before: bool) -> str:
        """A neighbour as the bigram model should see it: a word it does not
        know is read as its likeliest repair ("hlen" as "hien"), the syllable
        next to the confusable one when the repair is two."""
        if self._lm.knows(tok):
            return tok
        if tok in self._confusions:
            (_, p_self, *_), (best, p_best, *_) = self._confusions[tok][:2]
            return best if p_best > p_self else tok
        alts = self._cache.get(tok)
        if alts is None:
            if len(self._cache) > self.cache_size:
                self._cache.clear()
            alts = self._cache[tok] = self._alternatives(tok)
        if not alts:
            return tok
        parts = alts[0].split(" ")
        return parts[-1] if before else parts[0]

    def variants(self, syllable: str) -> frozenset[str]:
        """Folded OCR forms that ``repair`` may map to this folded syllable."""
        if self._variants is None:
            self._variants = self._invert()
        return self._variants.get(syllable, frozenset())

    def is_syllable(self, token: str) -> bool:
        """True when a folded token is in the model's syllable inventory."""
        return token in self._syllables

    # -- internals ------------------------------------------------------

    def _in_context(self, digit: str, prev: str, nxt: str) -> tuple[str, ...]:
        """A lone digit (or a misread roman numeral) is a letter only next to
        words seen with that letter.

        "6 nhiem" is "ô nhiễm" and "xe 6 to" "xe ô tô" in training; "dieu 6
        khoan" (Điều 6) never was, so the number stays a number; "chuong it"
        is "Chương II".
        """
        left = f"{prev} _" if prev.isalpha() else None
        right = f"_ {nxt}" if nxt.isalpha() else None
        return tuple(alt for alt, sides in self._context_alts[digit] if left in sides or right in sides)[:1]

    def _by_neighbours(self, prev: str, tok: str, nxt: str) -> tuple[str, ...]:
        """Candidates of a confusable form that its neighbours make likely.

        P(true | form, prev, next) is proportional to
        P(true | form) / P(true) * P(true | prev) * P(next | true), with
        bigram estimates smoothed towards the unigram; "thu hien" gives
        "thuc", "thu tuc" keeps "thu".
        """
        cands = self._confusions[tok]
        scores = self._lm.weigh(cands, prev, nxt)
        if tok not in self._syllables:
            floor = self._context_floor[0]
        elif self._lm.knows(prev) or self._lm.knows(nxt):
            floor = self._context_floor[1]
        else:
            floor = self._bare_floor
        floor *= sum(scores)
        if not floor:
            return ()
        kept = [(sc, i) for i, sc in enumerate(scores) if i and sc >= floor]
        if len(kept) > 1:
            kept.sort(key=lambda si: -si[0])
        return tuple(cands[i][0] for _, i in kept)

    def _alternatives(self, tok: str) -> tuple[str, ...]:
        if tok in self._alts:
            return self._alts[tok]
        if tok.isdigit() or tok in self._syllables or not _MIN_MERGED_LEN <= len(tok) <= MAX_SPLIT_LEN:
            return ()
        return self._split(tok)

    def _split(self, tok: str) -> tuple[str, ...]:
        """Two syllables glued together ("cachhanh"), known as a frequent pair."""
        found = []
        for cut in range(1, len(tok)):
            for left in self._readings(tok[:cut]):
                for right in self._readings(tok[cut:]):
                    pair = f"{left} {right}"
                    if pair in self._bigrams and pair not in found:
                        found.append(pair)
        # Ambiguous splits are left alone: a wrong guess costs precision.
        return tuple(found) if len(found) == 1 else ()

    def _readings(self, part: str) -> tuple[str, ...]:
        if part in self._syllables:
            return (part,)
        return self._alts.get(part, ())[:1]

    def _invert(self) -> dict[str, frozenset[str]]:
        inverse: dict[str, set[str]] = {}
        for form, alts in self._alts.items():
            for alt in alts[: self.max_alternatives]:
                for syl in alt.split(" "):  # "cachhanh" highlights "cach" and "hanh"
                    inverse.setdefault(syl, set()).add(form)
        for form, alts in self._context_alts.items():
            for alt, _ in alts:
                inverse.setdefault(alt, set()).add(form)
        for form, cands in self._confusions.items():
            # A real syllable ("vung") is left out: marking every "vùng" on a
            # page for a query "vướng" would drown the right marks.
            if form not in self._syllables:
                for cand in cands[1:]:
                    inverse.setdefault(cand[0], set()).add(form)
        return {k: frozenset(v) for k, v in inverse.items()}


class _BigramModel:
    """Corpus bigram counts around the confusable words, smoothed (add-beta
    towards the unigram) so an unseen pair is unlikely, not impossible."""

    def __init__(self, lm: dict, params: dict):
        self._total, self._uni = lm["total"], lm["unigrams"]
        self._beta = params.get("lm_smoothing", 200.0)
        self._left: dict[str, dict[str, int]] = {}
        self._right: dict[str, dict[str, int]] = {}
        for pair, count in lm["bigrams"].items():
            a, b = pair.split(" ")
            self._right.setdefault(a, {})[b] = count
            self._left.setdefault(b, {})[a] = count

    def knows(self, word: str) -> bool:
        return word in self._uni

    def prepare(self, cands) -> tuple:
        """(word, prior, total / c(word), 1 / (c(word) + beta), words seen
        before it, words seen after it) for each [word, prior]; a word the
        corpus lacks gets prior 0."""
        out = []
        for word, prior in cands:
            count = self._uni.get(word, 0)
            out.append((
                word,
                prior if count else 0.0,
                self._total / count if count else 0.0,
                1 / (count + self._beta),
                self._left.get(word, _EMPTY),
                self._right.get(word, _EMPTY),
            ))
        return tuple(out)

    def weigh(self, cands: tuple, prev: str, nxt: str) -> list[float]:
        """prior * P(word | prev) / P(word) * P(nxt | word) for each prepared
        candidate, up to a factor shared by every word between the same
        neighbours (so c(prev) + beta and P(nxt) drop out)."""
        beta = self._beta
        # A neighbour the model does not know (none, OCR junk, a rare word)
        # says nothing: its factor is 1 for every word.
        known_prev = prev in self._uni
        c_next = self._uni.get(nxt, 0)
        total_over_next = self._total / c_next if c_next else 0.0
        out = []
        for _, prior, total_over_word, inv_word, before, after in cands:
            score = prior
            if known_prev:
                score *= before.get(prev, 0) * total_over_word + beta
            if c_next:
                score *= (after.get(nxt, 0) * total_over_next + beta) * inv_word
            out.append(score)
        return out


_EMPTY: dict = {}


@lru_cache(maxsize=None)
def _load(path: str) -> Repairer:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return Repairer(json.load(fh))
