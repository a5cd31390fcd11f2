"""The proximity bonus: query words found together, checked on candidates only.

Whoosh's phrase matchers, asked for one document, scan forward through every
document holding all the words until the next phrase match, and its
collector's quality pruning mis-scores them.  Here each word's postings are
only skipped to the few hundred best BM25 candidates and their positions
compared in Python, so the cost does not grow with the archive.

The bonus of a group of words found together in a document is what a phrase
query scored in Whoosh: the BM25 of its words in that document (the folded
view's weight), times the group's weight.
"""

from __future__ import annotations

import pickle
import time
from itertools import accumulate

import numpy as np

from whoosh.reading import TermNotFound

from indexer.search import rules

FIELD = rules.POSITIONS  # folded words with their OCR repairs, same positions


def positions_at(leaf, field: str, term: str, docs: list[int], decode=None) -> dict:
    """Positions of ``term`` in each of ``docs`` (local, ascending) that has it: an
    ascending array, or what ``decode`` makes of the posting's value."""
    decode = decode or decode_positions
    try:
        m = leaf.postings(field, term)
    except TermNotFound:
        return {}
    found: dict[int, np.ndarray] = {}
    for d in docs:
        if not m.is_active():
            break
        if m.id() < d:
            m.skip_to(d)
        if m.is_active() and m.id() == d:
            found[d] = decode(m.value())
    return found


def positions_of(searcher, field: str, term: str, docnums, cache=None) -> dict[int, np.ndarray]:
    """Positions of ``term`` in each of ``docnums`` (global) that has it, through the
    reader's cache: the best documents of a popular word come back query after query."""
    out: dict[int, np.ndarray] = {}
    missing = []
    for d in docnums:
        hit = cache.get((field, term, d)) if cache is not None else None
        if hit is None:
            missing.append(d)
        elif len(hit[0]):
            out[d] = hit[0]
    if not missing:
        return out
    missing.sort()
    for leaf, offset in searcher.leaf_searchers():
        local = [d - offset for d in missing if offset <= d < offset + leaf.doc_count_all()]
        if not local:
            continue
        found = positions_at(leaf, field, term, local)
        for d in local:
            positions = found.get(d, _NONE)
            if cache is not None:
                cache.put((field, term, d + offset), (positions,))
            if len(positions):
                out[d + offset] = positions
    return out


_NONE = np.zeros(0, dtype=np.int64)


def decode_positions(value: bytes) -> np.ndarray:
    """The positions of Whoosh's Positions format (ascending): a count, then a pickled
    list of gaps (its trailing STOP may be cut), summed by numpy: many times faster
    than Whoosh's own loop, and a long document has thousands."""
    if not value.endswith(b"."):
        value += b"."
    return np.cumsum(np.asarray(pickle.loads(value[4:]), dtype=np.int64))


def position_set(value: bytes) -> set[int]:
    """The positions of a posting as a set.  A phrase check asks "is p + i there?"
    of a few positions per document, thousands of times a query: a set answers
    that faster than numpy's per-call set-up (decode_positions, followed)."""
    if not value.endswith(b"."):
        value += b"."
    return set(accumulate(pickle.loads(value[4:])))


def followed(starts: np.ndarray, positions: np.ndarray, gap: int) -> np.ndarray:
    """The ``starts`` that have ``start + gap`` among ``positions`` (both ascending).
    A binary search per start: np.isin costs more in set-up than it saves here."""
    wanted = starts + gap
    at = np.searchsorted(positions, wanted)
    hit = at < len(positions)
    hit[hit] = positions[at[hit]] == wanted[hit]
    return starts[hit]


def together(arrays: list[np.ndarray]) -> bool:
    """Whether the words stand at consecutive positions somewhere."""
    starts = arrays[0]
    for i, positions in enumerate(arrays[1:], 1):
        starts = followed(starts, positions, i)
        if not len(starts):
            return False
    return True


def bonuses(searcher, table, groups: list[tuple[tuple[str, ...], float]], docnums: list[int],
            deadline: float | None = None) -> dict[int, float]:
    """docnum -> proximity bonus, for the given (top-level) docnums.

    Past ``deadline`` (time.monotonic()) the words not yet read give no bonus:
    the ranking stays BM25 for them and the caller reports the result partial."""
    if not groups or not docnums:
        return {}
    terms = {t for words, _ in groups for t in words}
    n = max(1, len(table.live))  # documents only: chunk records hold no terms
    idf = {t: rules.idf(n, searcher.doc_frequency(FIELD, t)) for t in terms}
    out: dict[int, float] = {}
    where: dict[str, dict[int, np.ndarray]] = {}
    for t in terms:
        if deadline is not None and time.monotonic() > deadline:
            groups = [(words, w) for words, w in groups if all(x in where for x in words)]
            break
        where[t] = positions_of(searcher, FIELD, t, docnums, table.positions)
    for d in docnums:
        total = 0.0
        length = float(table.lengths[d])
        for words, weight in groups:
            arrays = [where[t].get(d) for t in words]
            if all(a is not None for a in arrays) and together(arrays):
                words_score = sum(rules.bm25(idf[t], len(where[t][d]), length, table.avg_length) for t in words)
                total += weight * rules.VIEWS[FIELD] * words_score
        if total:
            out[d] = total
    return out
