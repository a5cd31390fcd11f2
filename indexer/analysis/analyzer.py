"""Vietnamese analysis, engine-neutral: one text, three views of each word.

A document is indexed in views a query can ask for separately (the scores of
a word found in several add up):

- ``exact``    the word as written, lower-cased with its marks: "kết".  Only
               words whose marks are *known* and carry marks (or digits): every
               word of clean text, the OCR words the restorer read with
               confidence (their reading).  An accented query word matches here.
- ``unsure``   at the positions whose marks are *unknown* (OCR words the
               restorer was unsure of): each reading it found plausible, lower
               case with its marks ("báo", "bão"), or, where nothing is known of
               the marks (scan noise it never reads), ANY_MARKS + the letters
               ("~bao").  An accented query word matches here too, where the
               evidence allows the marks it was typed with.
- ``repaired`` every word folded (accents stripped, đ -> d) at weight 1 and, in
               OCR'd text only, what OCR most likely mangled it from at weight
               REPAIR_WEIGHT: "ciia" -> "ciia" (1.0), "cua" (0.5), and its
               restored reading folded.  A query word typed without marks
               matches here, whatever the marks.  The weight is the posting's
               term frequency for BM25, so a document that truly says "của"
               outranks one where "cua" was repaired from "ciia".

So "bão" (storm) finds the clean text that says "bão" and the scans where
the restorer read "bão" or found it plausible, never a text that says "báo".
All three views share one position sequence (the words of the text as
read), so a phrase can ask each word in the view its marks call for, and
alternatives are stacked at the position of the word they repair; a merged
OCR word ("cachhanh") read as two syllables takes two positions.  The
``folded`` mode (folded words only) is the repaired view with repair off.

An ``Analyzer`` is a value: its repair switch and the OCR model it repairs
with.  The index records it, and a query is analysed by the analyzer of the
index it runs against.  Engines adapt it (``indexer.analysis.tokenizer`` for
Whoosh); nothing here knows an engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from indexer.analysis.text import fold, lower, normalize

# A word is a run of letters and digits; "_" is \w in Python but never part of
# a Vietnamese word.  Digits stay glued to letters because OCR writes "s6" for
# "số" and the repairer needs the whole token.
WORD = re.compile(r"[^\W_]+")

MODES = ("exact", "folded", "repaired", "unsure")
EXACT, UNSURE, REPAIRED = "exact", "unsure", "repaired"
VIEWS = (EXACT, UNSURE, REPAIRED)
# In the unsure view: a word whose marks nobody knows, by its letters ("~ket").
ANY_MARKS = "~"

# The weight of a repaired alternative relative to the word as read: a repair
# is a good guess, not a reading.
REPAIR_WEIGHT = 0.5
# A "word" longer than this is a blob (base64, a row of dots read as letters, a
# crafted file): it keeps its position but gives no term, so it can neither
# bloat the index nor reach the repairer.
MAX_WORD_CHARS = 48


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Return (word, start, end) for every word of already-normalised text."""
    return [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]


_last_folded: tuple[str | None, str] = (None, "")


def folded_view(text: str) -> str:
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


def view(text: str, mode: str) -> str:
    """The text as one view sees it; one character per character of ``text``."""
    return lower(text) if mode == "exact" else folded_view(text)


def _marked_or_digits(word: str) -> bool:
    # Words are runs of letters and digits, so an ASCII word that is not all
    # letters has a digit.
    return not word.isascii() or not word.isalpha()


@dataclass(frozen=True)
class Marks:
    """What an OCR'd text's restored reading knows of its words' marks, by the start
    offset of each OCR word (built from extraction's reading by the index)."""

    # A word read with confidence as another: its reading (one word, or two for a
    # glued OCR word).  A word in neither map was read with confidence as it stands.
    readings: dict[int, str]
    # A word whose marks are unknown: the readings the restorer found plausible,
    # lower case (the word itself when reading it as it stands was one); none:
    # nothing is known of its marks.
    unsure: dict[int, tuple[str, ...]]


Term = tuple  # (term, position, word index, weight)


@dataclass(frozen=True)
class Analyzer:
    """The analysis of one index: repair on or off, and the OCR model used."""

    repair: bool = True
    model: str | None = None  # path of the OCR-repair model; None: the shipped one

    def repairer(self):
        # Imported and loaded on first use, never at import time.
        from indexer.analysis.ocr_repair import Repairer

        return Repairer.load(self.model)

    def repaired_terms(self, folded_words: list[str]) -> list[list[str]]:
        """For each word, the terms to index at its position: itself + repairs.

        A two-syllable alternative ("cach hanh") is returned as one string with
        a space; ``terms`` turns it into two consecutive positions.
        """
        if not self.repair or not folded_words:
            return [[w] if len(w) <= MAX_WORD_CHARS else [] for w in folded_words]
        alts = self.repairer().repair([w if len(w) <= MAX_WORD_CHARS else "" for w in folded_words])
        return [[w] + [a for a in alt if a != w] if len(w) <= MAX_WORD_CHARS else []
                for w, alt in zip(folded_words, alts)]

    def terms(self, text: str, mode: str, start_pos: int = 0, tokenize: bool = True) -> Iterator[tuple[str, int, int, float]]:
        """(term, position, word index, weight) of every term of one view of ``text``."""
        seen = view(text, mode)
        words = WORD.findall(seen) if tokenize else [seen]
        if mode == "repaired":
            return _stacked(self.repaired_terms(words), start_pos)
        if mode in ("folded", "unsure"):
            return _stacked([[w] if len(w) <= MAX_WORD_CHARS else [] for w in words], start_pos)
        if mode == "exact":
            # A word without marks is the same in the folded view; indexing it
            # again here would only double the postings of OCR'd text.
            return ((w, i + start_pos, i, 1.0) for i, w in enumerate(words)
                    if _marked_or_digits(w) and len(w) <= MAX_WORD_CHARS)
        raise ValueError(f"unknown mode {mode!r}")

    def document_views(self, text: str, marks: Marks | None = None) -> dict[str, list[Term]]:
        """(term, position, word index, weight) of every view of a document's text,
        on one position sequence.  ``marks`` None: clean text (no OCR repairs,
        every word's marks known); else an OCR'd text and what its reading knows.
        Without repair (the baseline) the marks are not used."""
        lowered = lower(text)
        found = list(WORD.finditer(folded_view(text)))
        folded = [m.group() for m in found]
        if marks is None or not self.repair:
            return _clean_views(lowered, found, folded)
        alts = self.repaired_terms(folded)
        views: dict[str, list[Term]] = {EXACT: [], UNSURE: [], REPAIRED: []}
        pos = 0
        for index, (m, alternatives) in enumerate(zip(found, alts)):
            if not alternatives:  # a blob: its place, no term
                pos += 1
                continue
            start, end = m.span()
            unsure = start in marks.unsure
            options = marks.unsure[start] if unsure else ()
            reading = marks.readings.get(start) if not unsure else None
            read = [lower(reading).split()] if reading else [o.split() for o in options]
            extra = [t for t in dict.fromkeys(" ".join(fold(w) for w in r) for r in read) if t not in alternatives]
            stacked = alternatives + extra
            _stack(views[REPAIRED], stacked, pos, index)
            if unsure:
                forms = [" ".join(r) for r in read] or [ANY_MARKS + folded[index]]
                _stack(views[UNSURE], forms, pos, index, weight=1.0)
            else:
                for k, word in enumerate(read[0] if read else [lowered[start:end]]):
                    if _marked_or_digits(word):
                        views[EXACT].append((word, pos + k, index, 1.0))
            pos += 2 if any(" " in t for t in stacked) or any(len(r) > 1 for r in read) else 1
        return views

    def query_terms(self, word: str, mode: str) -> list[str]:
        """Analyse one query word as documents were analysed (normalised first)."""
        return [term for term, *_ in self.terms(normalize(word), mode)]

    def variants(self, term: str) -> frozenset[str]:
        """Folded OCR spellings the repair model maps to this folded syllable."""
        return self.repairer().variants(term) if self.repair else frozenset()


def _clean_views(lowered: str, found: list, folded: list[str]) -> dict[str, list[Term]]:
    """``document_views`` of text whose marks are all known and that has no OCR
    repairs: each word once, at its own position (the path most of an archive
    takes, so it skips the stacking an OCR'd word needs)."""
    kept = [len(w) <= MAX_WORD_CHARS for w in folded]  # a blob keeps its place, no term
    repaired = [(w, pos, pos, 1.0) for pos, w in enumerate(folded) if kept[pos]]
    written = [lowered[m.start():m.end()] for m in found]
    exact = [(w, pos, pos, 1.0) for pos, w in enumerate(written) if kept[pos] and _marked_or_digits(w)]
    return {EXACT: exact, UNSURE: [], REPAIRED: repaired}


def _stack(out: list, alternatives: list[str], pos: int, index: int, weight: float | None = None) -> None:
    """One word's terms at its position (a two-syllable term spans two); the first
    is the word as read, the others repairs (weighed REPAIR_WEIGHT), unless one
    ``weight`` is given for all."""
    for n, term in enumerate(alternatives):
        w = weight if weight is not None else 1.0 if n == 0 else REPAIR_WEIGHT
        first, _, second = term.partition(" ")
        out.append((first, pos, index, w))
        if second:
            out.append((second, pos + 1, index, w))


def _stacked(terms: list[list[str]], start_pos: int) -> Iterator[tuple[str, int, int, float]]:
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
