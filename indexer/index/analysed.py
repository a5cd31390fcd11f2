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
from typing import Iterator, Protocol

from indexer.analysis.analyzer import WORD, Analyzer, view
from indexer.extract.records import Document
from indexer.index.chunks import chunk_starts
from indexer.index.weights import EXACT_FIELD, PROXIMITY_FIELD, TEXT_FIELDS

# Key terms kept per document for "similar documents": the words with most
# weight in its repaired view; the request weighs them by the archive's idf of the day.
KEY_TERMS = 64


class Terms:
    """One view of a text as the analyzer reads it: (term, position, word index, weight)
    of every term, in order.  Kept as columns (a 19 MB text has millions of terms);
    a term's string is shared by all its occurrences."""

    __slots__ = ("terms", "positions", "words", "weights")

    def __init__(self, stream):
        self.terms: list[str] = []
        self.positions, self.words, self.weights = array("q"), array("q"), array("d")
        shared: dict[str, str] = {}
        for term, pos, index, weight in stream:
            self.terms.append(shared.setdefault(term, term))
            self.positions.append(pos)
            self.words.append(index)
            self.weights.append(weight)

    def __iter__(self) -> Iterator[tuple[str, int, int, float]]:
        return zip(self.terms, self.positions, self.words, self.weights)

    def __len__(self) -> int:
        return len(self.terms)

    def distinct(self) -> Iterator[tuple[str, int, int, float]]:
        """The terms, each once at a position: a word's alternatives may repeat a
        term at its position (a two-syllable repair and a one-syllable one).  The
        terms of a word are consecutive and only they stand at its positions."""
        word, seen = -1, set()
        for item in self:
            term, pos, index, _ = item
            if index != word:
                word, seen = index, set()
            if (term, pos) not in seen:
                seen.add((term, pos))
                yield item


@dataclass
class Analysed:
    """Every searched view of a document, its chunks and its key terms."""

    views: dict[str, Terms]
    chunks: list[int]  # character offsets where its chunks start (index.chunks)
    chunk_words: list[int]  # the index of the first word of each chunk
    chunk_positions: list[int]  # the position, in the repaired view, of the first term of each chunk
    key_terms: list[tuple[str, float]]

    def chunk_term_counts(self) -> list[Counter]:
        """Per chunk, how often each term of the repaired view stands in it (once a position)."""
        counts = [Counter() for _ in self.chunks]
        bounds, k = self.chunk_words[1:], 0
        for term, _, index, _ in self.views[PROXIMITY_FIELD].distinct():
            while k < len(bounds) and index >= bounds[k]:
                k += 1
            counts[k][term] += 1
        return counts


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
    views = {name: Terms(analyzer.terms(view_text(doc, name, analyzer), name)) for name in TEXT_FIELDS}
    words = _first_words(view(doc.text, PROXIMITY_FIELD), starts)
    return Analysed(views, starts, words, _chunk_positions(views[PROXIMITY_FIELD], words),
                    key_terms(views[PROXIMITY_FIELD]))


def view_text(doc: Document, name: str, analyzer: Analyzer) -> str:
    """The text a view is analysed from: an OCR'd document's accented view is its
    restored reading (an accented query then finds the words as they were
    written; a word the reading leaves as read because the model was unsure is
    indexed as its likeliest reading all the same), every other view the text
    as read, with its OCR repairs.  An index without OCR repair (the
    baseline) has no OCR-aware view at all."""
    if name == EXACT_FIELD and doc.reading is not None and analyzer.repair:
        return doc.reading.searched or doc.reading.text
    return doc.text


def key_terms(terms: Terms) -> list[tuple[str, float]]:
    """The KEY_TERMS words with most weight (a repair weighs less than a reading),
    each counted once at a position: words of two letters or more, letters only."""
    weights: dict[str, float] = {}
    for term, _, _, weight in terms.distinct():
        weights[term] = weights.get(term, 0.0) + weight
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
    marks: list[int] = []
    last = 0
    for pos, index in zip(terms.positions, terms.words):
        while len(marks) < len(first_words) and index >= first_words[len(marks)]:
            marks.append(pos)
        last = pos + 1
    return marks + [last] * (len(first_words) - len(marks))
