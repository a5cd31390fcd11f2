"""The product's rules of ranking and listing, named once for every engine.

Each engine adapter reads these; none keeps a copy.  Changing a weight here
changes both engines' results the same way (the contract suite compares them).
"""

from __future__ import annotations

import math

from indexer.index.weights import EXACT_FIELD, PROFILE_FIELD, PROXIMITY_FIELD, TEXT_FIELDS, UNSURE_FIELD

# The text views a query is matched in (the index's analysis makes them,
# ``analysis.analyzer``): ``exact`` the word as written, with its marks, where
# they are known; ``unsure`` the word folded where they are not (OCR'd words
# the restorer could not tell); ``repaired`` every word folded, with what OCR
# most likely mangled it from at REPAIR_WEIGHT inside the view.  A match's
# score is weighed by its view, and the views' scores add up: a match of the
# marks typed ranks above a match of letters whose marks nobody knows.
# The views and their weights are the index's (``index.weights``), named here
# as the request uses them.
EXACT, UNSURE, REPAIRED = EXACT_FIELD, UNSURE_FIELD, PROXIMITY_FIELD
VIEWS = TEXT_FIELDS
# The view whose positions phrases, proximity and snippet windows use.
POSITIONS = REPAIRED
# The key terms "similar documents" ranks by (``index.weights``); every
# document's profile is about as long, so BM25 leaves its length out (b 0).
PROFILE = PROFILE_FIELD
UNNORMED = frozenset({PROFILE})

# A số ký hiệu matches the document's own number far above documents citing it,
# far above documents that merely hold its digits in their text.
NUMBER_WEIGHT = 20.0
CITED_NUMBER_WEIGHT = 8.0
NUMBER_TEXT_WEIGHT = 0.5

# BM25 as Whoosh defines it (idf log(N/(df+1)) + 1: a common word still counts
# about one), for every engine: Lucene's own idf gives common words almost
# nothing, so the OpenSearch engine weighs its proximity bonus with this one.
B = 0.75
K1 = 1.2


def idf(documents: int, df: int) -> float:
    return math.log(max(1, documents) / (df + 1)) + 1


def bm25(idf_: float, tf: float, length: float, avg_length: float, b: float = B) -> float:
    return idf_ * tf * (K1 + 1) / (tf + K1 * ((1 - b) + b * length / avg_length))


def relax(total: int, groups: int, partial: bool, relax_below: int, relax_min_words: int) -> bool:
    """Whether a query whose every word was required should list, after those, the
    documents with most of its words: it found less than a page, it has several
    words, and the time limit did not cut it short."""
    return total < relax_below and groups >= relax_min_words and not partial


# Similar documents: a document's recorded key terms (``index.fields``) weighed by
# the archive's idf of the day; words every administrative text has would only
# find "any document".
COMMON_WORDS = frozenset({"ubnd", "nam", "ngay", "thang", "tinh", "huyen", "xa", "cua", "va", "cac", "nhung", "theo"})


# A word held by more than this share of the archive's documents (and by more than
# COMMON_FLOOR of them: in an archive of five documents every word is in half) says
# nothing of what two documents share.  Left out of "similar", where, weighed by how
# often the document uses it, it still won (idf floors at 1), read the postings of
# nearly every document on each page (~10,000 ids a word at 10k: half the time of a
# document page on a cold worker) and ranked by the commonest syllables.
COMMON_SHARE = 0.5
COMMON_FLOOR = 20


def distinctive_terms(recorded, doc_freq: dict[str, int], documents: int, count: int) -> list[str]:
    """The ``count`` most distinctive of a document's recorded (term, weight) pairs:
    weight x idf, words the index no longer holds and words most documents hold left out."""
    common = max(documents * COMMON_SHARE, COMMON_FLOOR)
    scored = [(w * idf(documents, doc_freq[t]), t) for t, w in recorded or []
              if t not in COMMON_WORDS and 0 < doc_freq.get(t, 0) <= common]
    scored.sort(key=lambda st: (-st[0], st[1]))
    return [t for _, t in scored[:count]]


def by_date(rows: list[tuple[str, str, object]], newest: bool) -> list[object]:
    """(date, id, item) ordered by date, ties by id in the same direction, undated
    last (by id, likewise): the order of every date-sorted list, whatever the engine."""
    dated = sorted((r for r in rows if r[0]), key=lambda r: (r[0], r[1]), reverse=newest)
    undated = sorted((r for r in rows if not r[0]), key=lambda r: r[1], reverse=newest)
    return [r[2] for r in dated + undated]


# The chunk a hit's snippet is cut from: the one holding most of the query's
# distinct words, then most matches, a word's matches counted in its best view
# and up to BEST_CHUNK_COUNT (a chunk repeating one word a hundred times is no
# better than one naming it a dozen), then the first.
BEST_CHUNK_COUNT = 13
