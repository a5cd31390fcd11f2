"""A document's text analysed once, as every engine indexes it (in a worker process).

``analyse`` reads each searched view of the text (``index.weights``) with the
analyzer: every term with its position, the index of the word it comes from
and its weight (``analysis.analyzer.Analyzer.terms``).  Beside the views: where
the text's chunks start (characters, their first word, and the position of
that word in the repaired view) and the document's key terms.  Nothing here
knows an engine: each engine's encoder (``whoosh.encoder``, ``opensearch.encoder``)
turns an ``Analysed`` into what its writer sends, in the same worker, and the
worker hands the writer an ``Encoded``: the engine's form and the values every
engine stores alike.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from itertools import compress, islice
from typing import Iterator, Protocol

from indexer.analysis.analyzer import WORD, Analyzer, Marks, view
from indexer.extract.records import Document
from indexer.index.chunks import chunk_starts
from indexer.index.weights import PROXIMITY_FIELD, TEXT_FIELDS

# Key terms kept per document for "similar documents": the words with most
# weight in its repaired view; the request weighs them by the archive's idf of the day.
KEY_TERMS = 64
_BATCH = 8192  # terms read from the analyzer at a time


class Terms:
    """One view of a text as the analyzer reads it: (term, position, word index, weight)
    of every term, in order.  Kept as columns (a 19 MB text has millions of terms;
    the columns are also what makes the passes below run at C speed), and a
    term's string is shared by all its occurrences."""

    __slots__ = ("terms", "positions", "words", "weights", "_distinct")

    def __init__(self, stream=()):
        self.terms: list[str] = []
        self.positions, self.words, self.weights = array("q"), array("q"), array("d")
        self._distinct: Terms | None = None
        shared: dict[str, str] = {}
        stream = iter(stream)
        while batch := list(islice(stream, _BATCH)):
            terms, positions, words, weights = zip(*batch)
            self.terms += map(shared.setdefault, terms, terms)
            self.positions.extend(positions)
            self.words.extend(words)
            self.weights.extend(weights)

    def __iter__(self) -> Iterator[tuple[str, int, int, float]]:
        return zip(self.terms, self.positions, self.words, self.weights)

    def __len__(self) -> int:
        return len(self.terms)

    def distinct(self) -> "Terms":
        """The terms, each once at a position: a word's alternatives may repeat a
        term at its position (a two-syllable repair and a one-syllable one).
        Positions of different words never meet, so a (term, position) pair
        seen before is such a repeat.  Itself when nothing repeats (most texts)."""
        if self._distinct is None:
            if len(set(zip(self.terms, self.positions))) == len(self.terms):
                self._distinct = self
            else:
                seen: set[tuple[str, int]] = set()
                keep = [not (pair in seen or seen.add(pair)) for pair in zip(self.terms, self.positions)]
                self._distinct = Terms(compress(self, keep))
                self._distinct._distinct = self._distinct
        return self._distinct


@dataclass
class Analysed:
    """Every searched view of a document, its chunks and its key terms."""

    views: dict[str, Terms]
    chunks: list[int]  # character offsets where its chunks start (index.chunks)
    chunk_words: list[int]  # the index of the first word of each chunk
    chunk_positions: list[int]  # the position, in the repaired view, of the first term of each chunk
    key_terms: list[tuple[str, float]]

    def chunk_term_counts(self, name: str = PROXIMITY_FIELD) -> list[Counter]:
        """Per chunk, how often each term of a view stands in it (once a position)."""
        terms = self.views[name].distinct()
        # Word indexes never go down along a view: each chunk's terms are one run.
        cuts = [0, *(bisect_left(terms.words, w) for w in self.chunk_words[1:]), len(terms)]
        return [Counter(terms.terms[a:b]) for a, b in zip(cuts, cuts[1:])]


@dataclass
class Encoded:
    """What a worker hands the writer for one document besides the Document:
    the values every engine stores alike, and its text views in the engine's form."""

    chunks: list[int]
    chunk_positions: list[int]
    key_terms: list[tuple[str, float]]
    views: object  # the encoder's output


class Encoder(Protocol):
    """An engine's form of the text views, computed in the worker (picklable: it
    travels to the worker processes in ``pipeline.PrepareOptions``)."""

    def encode(self, analysed: Analysed) -> object: ...


def encode(analysed: Analysed, encoder: Encoder | None) -> Encoded:
    """The document as a worker hands it on (no encoder: the views as analysed)."""
    views = encoder.encode(analysed) if encoder is not None else analysed.views
    return Encoded(analysed.chunks, analysed.chunk_positions, analysed.key_terms, views)


def analyse(doc: Document, analyzer: Analyzer) -> Analysed:
    """Read every searched view of the document's text once, and where its chunks start."""
    starts = chunk_starts(doc.text, breaks=tuple(doc.pages))
    found = analyzer.document_views(doc.text, marks_of(doc))
    views = {name: Terms(found[name]) for name in TEXT_FIELDS}
    words = _first_words(view(doc.text, PROXIMITY_FIELD), starts)
    return Analysed(views, starts, words, _chunk_positions(views[PROXIMITY_FIELD], words),
                    key_terms(views[PROXIMITY_FIELD]))


def marks_of(doc: Document) -> Marks | None:
    """What an OCR'd document's restored reading knows of its words' marks (None: clean
    text, every word's marks known): the words read with confidence as others, and
    those it was unsure of with the readings it found plausible."""
    reading = doc.reading
    if reading is None:
        return None
    readings = {s[0]: reading.text[s[2]:s[3]] for s in reading.spans}
    return Marks(readings, {start: tuple(options) for start, options in reading.unsure})


def key_terms(terms: Terms) -> list[tuple[str, float]]:
    """The KEY_TERMS words with most weight (a repair weighs less than a reading),
    each counted once at a position: words of two letters or more, letters only."""
    terms = terms.distinct()
    weights: dict[str, float] = {}
    # Summed by weight (a reading's, a repair's): halves add up exactly in any order.
    for value in sorted(set(terms.weights), reverse=True):
        for term, count in Counter(compress(terms.terms, map(value.__eq__, terms.weights))).items():
            weights[term] = weights.get(term, 0.0) + value * count
    keys = sorted(((t, w) for t, w in weights.items() if len(t) > 1 and t.isalpha()), key=lambda tw: (-tw[1], tw[0]))
    return [(t, round(w, 1)) for t, w in keys[:KEY_TERMS]]


def _first_words(seen: str, starts: list[int]) -> list[int]:
    """The index of the first word starting at or after each chunk start."""
    if len(starts) == 1:
        return [0]
    offsets = [m.start() for m in WORD.finditer(seen)]
    return [bisect_left(offsets, o) for o in starts]


def _chunk_positions(terms: Terms, first_words: list[int]) -> list[int]:
    """The position of the first term of each chunk (a chunk without terms: the
    position after the last term), for phrase and snippet windows."""
    end = terms.positions[-1] + 1 if len(terms) else 0
    firsts = (bisect_left(terms.words, w) for w in first_words)
    return [terms.positions[i] if i < len(terms) else end for i in firsts]
