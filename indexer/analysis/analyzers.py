"""Whoosh analysis for Vietnamese text: one tokenizer, three views of a word.

A document is indexed in two fields, so a query can prefer the better kind of
match (the scores add up across fields):

- ``exact``    lower-cased, accents kept: "kết" (an exact accented match);
               only words that carry marks (or digits) — the others would
               just repeat the folded view.
- ``repaired`` the folded word (accents stripped, đ -> d) at weight 1, plus
               what OCR most likely mangled it from at weight REPAIR_WEIGHT:
               "ciia" -> "ciia" (1.0), "cua" (0.5).  The weight is the
               posting's term frequency for BM25, so a document that truly
               says "của" outranks one where "cua" was repaired from "ciia".

Alternatives are stacked at the position of the word they repair, so phrase
queries keep working; a merged OCR word ("cachhanh") expands to two syllables
and shifts the following positions by one.  The ``folded`` mode (folded words
only) is the repaired view with repair off, kept for analysis and tests.

Whoosh pickles analyzers into the index schema, so the tokenizer is stateless
apart from its two settings and defines ``__eq__``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterator

from whoosh.analysis import Token, Tokenizer

from indexer.analysis.text import fold, lower, normalize

# A word is a run of letters and digits; "_" is \w in Python but never part of
# a Vietnamese word.  Digits stay glued to letters because OCR writes "s6" for
# "số" and the repairer needs the whole token.
WORD = re.compile(r"[^\W_]+")

MODES = ("exact", "folded", "repaired")


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Return (word, start, end) for every word of already-normalised text."""
    return [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]


def _repairer():
    # Imported lazily: the model is loaded on first use, never at import time.
    from indexer.analysis.ocr_repair import Repairer

    return Repairer.load()


def repair_alternatives(folded_words: list[str]) -> list[list[str]]:
    """What each folded word most likely was, according to the OCR model."""
    if not folded_words:
        return []
    return _repairer().repair(folded_words)


def repaired_terms(folded_words: list[str], enabled: bool = True) -> list[list[str]]:
    """For each word, the terms to index at its position: itself + repairs.

    A two-syllable alternative ("cach hanh") is returned as one string with a
    space; the tokenizer turns it into two consecutive positions.
    """
    alts = repair_alternatives(folded_words) if enabled else [[] for _ in folded_words]
    return [[w] + [a for a in alt if a != w] for w, alt in zip(folded_words, alts)]


_last_folded: tuple[str | None, str] = (None, "")


def _folded(text: str) -> str:
    """fold(text), remembered for the last text: the folded and repaired views
    of one document are analysed one after the other from the same string.
    (One tuple, replaced whole, so threads never see a mismatched pair.)"""
    global _last_folded
    last = _last_folded
    if last[0] is text:
        return last[1]
    folded = fold(text)
    _last_folded = (text, folded)
    return folded


# The weight of a repaired alternative relative to the word as read: a repair
# is a good guess, not a reading.
REPAIR_WEIGHT = 0.5


def _marked_or_digits(word: str) -> bool:
    # Words are runs of letters and digits, so an ASCII word that is not all
    # letters has a digit.
    return not word.isascii() or not word.isalpha()


class VietTokenizer(Tokenizer):
    """Tokenize Vietnamese text for one of the views in MODES."""

    def __init__(self, mode: str = "folded", repair: bool = True):
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        self.mode = mode
        self.repair = repair

    def __eq__(self, other):
        return (
            isinstance(other, VietTokenizer)
            and self.mode == other.mode
            and self.repair == other.repair
        )

    def __hash__(self):
        return hash((self.mode, self.repair))

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ) -> Iterator[Token]:
        # Query strings arrive raw; stored documents are normalised already and
        # normalising twice is a no-op, so doing it here keeps queries honest.
        text = normalize(value) if mode == "query" else value
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost = 1.0
        if not (chars or keeporiginal):
            for term, pos, _, boost in self.terms(text, start_pos, tokenize):
                token.text, token.pos, token.boost = term, pos, boost
                yield token
            return
        view = lower(text) if self.mode == "exact" else _folded(text)
        # lower() and fold() map one char to one char, so the words of the view
        # stand at the offsets of the words of the text.
        spans = word_spans(view) if tokenize else [(view, 0, len(view))]
        for term, pos, index, boost in self.terms(text, start_pos, tokenize):
            _, start, end = spans[index]
            token.text, token.pos, token.boost = term, pos, boost
            token.startchar, token.endchar = start_char + start, start_char + end
            if keeporiginal:
                token.original = text[start:end]
            yield token

    def terms(self, text: str, start_pos: int = 0, tokenize: bool = True) -> Iterator[tuple[str, int, int, float]]:
        """(term, position, word index, weight) of every term of this view of ``text``."""
        view = lower(text) if self.mode == "exact" else _folded(text)
        words = WORD.findall(view) if tokenize else [view]
        if self.mode == "repaired":
            return _stacked(words, repaired_terms(words, self.repair), start_pos)
        if self.mode == "folded":
            return _stacked(words, [[w] for w in words], start_pos)
        if self.mode == "exact":
            # A word without marks is the same in the folded view; indexing it
            # again here would only double the postings of OCR'd text.
            return ((w, i + start_pos, i, 1.0) for i, w in enumerate(words) if _marked_or_digits(w))
        return ((w, i + start_pos, i, 1.0) for i, w in enumerate(words))

    def postings(self, text: str, field_boost: float, encode) -> list[tuple[bytes, int, float, bytes]]:
        """What Whoosh's Positions format makes of the text, without a Token
        per word: (term bytes, frequency, weight, encoded positions)."""
        poses: dict[str, list[int]] = defaultdict(list)
        weights: dict[str, float] = defaultdict(float)
        for term, pos, _, boost in self.terms(text):
            poses[term].append(pos)
            weights[term] += boost
        return [(t.encode("utf-8"), len(p), weights[t] * field_boost, encode(p)) for t, p in poses.items()]


def _stacked(words: list[str], terms: list[list[str]], start_pos: int) -> Iterator[tuple[str, int, int, float]]:
    """Each word's terms at its position; a two-syllable term spans two.
    The first term is the word as read; the others are repairs."""
    pos = start_pos
    for index, alternatives in enumerate(terms):
        extra = 0
        for n, term in enumerate(alternatives):
            weight = 1.0 if n == 0 else REPAIR_WEIGHT
            if " " in term:
                first, second = term.split(" ", 1)
                yield first, pos, index, weight
                yield second, pos + 1, index, weight
                extra = 1
            else:
                yield term, pos, index, weight
        pos += 1 + extra


def analyzer(mode: str, repair: bool = True) -> VietTokenizer:
    """The analyzer for one field view (a lone tokenizer: no stop words)."""
    return VietTokenizer(mode, repair)


def query_terms(word: str, mode: str, repair: bool = True) -> list[str]:
    """Analyse one query word in query mode, as the index analysed documents."""
    return [t.text for t in VietTokenizer(mode, repair)(word, mode="query")]
