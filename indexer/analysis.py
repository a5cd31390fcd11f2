"""Whoosh analysis for Vietnamese text: one tokenizer, three views of a word.

Every document is indexed three times, so a query can prefer the better kind
of match (the scores add up across fields):

- ``exact``    lower-cased, accents kept: "kết"        (an exact accented match)
- ``folded``   lower-cased, accents stripped: "ket"   (accent-insensitive)
- ``repaired`` the folded word plus what OCR most likely mangled it from:
               "ciia" -> "ciia", "cua"               (OCR-robust)

Alternatives are stacked at the position of the word they repair, so phrase
queries keep working; a merged OCR word ("cachhanh") expands to two syllables
and shifts the following positions by one.

Whoosh pickles analyzers into the index schema, so the tokenizer is stateless
apart from its two settings and defines ``__eq__``.
"""

from __future__ import annotations

import re
from typing import Iterator

from whoosh.analysis import Token, Tokenizer

from .text import fold, lower, normalize

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
    from .ocr_repair import Repairer

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


def _marked_or_digits(word: str) -> bool:
    return not word.isascii() or any(ch.isdigit() for ch in word)


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
        view = lower(text) if self.mode == "exact" else _folded(text)
        # lower() and fold() map one char to one char, so the words of the view
        # stand at the offsets of the words of the text.
        if chars or keeporiginal:
            spans = word_spans(view) if tokenize else [(view, 0, len(view))]
            words = [w for w, _, _ in spans]
        else:
            spans = None
            words = WORD.findall(view) if tokenize else [view]
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost = 1.0
        if self.mode == "repaired":
            stream = self._stacked(token, words, repaired_terms(words, self.repair), positions, start_pos)
        elif self.mode == "exact":
            # A word without marks is the same in the folded view; indexing it
            # again here would only double the postings of OCR'd text.
            stream = self._plain(token, words, positions, start_pos, keep=_marked_or_digits)
        else:
            stream = self._plain(token, words, positions, start_pos)
        if spans is None:
            return stream
        return self._with_chars(stream, token, spans, text, chars, keeporiginal, start_char)

    @staticmethod
    def _plain(token, words, positions, start_pos, keep=None):
        for pos, word in enumerate(words, start_pos):
            if keep is not None and not keep(word):
                continue
            token.index = pos - start_pos
            token.text = word
            if positions:
                token.pos = pos
            yield token

    @staticmethod
    def _stacked(token, words, terms, positions, start_pos):
        """Yield each word's terms at its position; two-syllable ones span two."""
        pos = start_pos
        for index, alternatives in enumerate(terms):
            token.index = index
            extra = 0
            for term in alternatives:
                if " " in term:
                    first, second = term.split(" ", 1)
                    token.text = first
                    if positions:
                        token.pos = pos
                    yield token
                    token.text = second
                    if positions:
                        token.pos = pos + 1
                    yield token
                    extra = 1
                else:
                    token.text = term
                    if positions:
                        token.pos = pos
                    yield token
            pos += 1 + extra

    @staticmethod
    def _with_chars(stream, token, spans, text, chars, keeporiginal, start_char):
        """Add character offsets (and the original word) to each token."""
        for tok in stream:
            _, start, end = spans[tok.index]
            if chars:
                tok.startchar = start_char + start
                tok.endchar = start_char + end
            if keeporiginal:
                tok.original = text[start:end]
            yield tok


def analyzer(mode: str, repair: bool = True) -> VietTokenizer:
    """The analyzer for one field view (a lone tokenizer: no stop words)."""
    return VietTokenizer(mode, repair)


def query_terms(word: str, mode: str, repair: bool = True) -> list[str]:
    """Analyse one query word in query mode, as the index analysed documents."""
    return [t.text for t in VietTokenizer(mode, repair)(word, mode="query")]
