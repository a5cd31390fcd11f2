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

import math
import pickle
from itertools import accumulate

from whoosh.reading import TermNotFound

from indexer.index.schema import TEXT_FIELDS

FIELD = "repaired"  # folded words with their OCR repairs, same positions
B = 0.75
K1 = 1.2


def positions_at(leaf, field: str, term: str, docs: list[int]) -> dict[int, set[int]]:
    """Positions of ``term`` in each of ``docs`` (local, ascending) that has it."""
    try:
        m = leaf.postings(field, term)
    except TermNotFound:
        return {}
    found: dict[int, set[int]] = {}
    for d in docs:
        if not m.is_active():
            break
        if m.id() < d:
            m.skip_to(d)
        if m.is_active() and m.id() == d:
            found[d] = decode_positions(m.value())
    return found


def decode_positions(value: bytes) -> set[int]:
    """The positions of Whoosh's Positions format: a count, then a pickled list of
    gaps (its trailing STOP may be cut).  ``accumulate`` sums the gaps in C, five
    times faster than Whoosh's own loop; a long document has thousands."""
    if not value.endswith(b"."):
        value += b"."
    return set(accumulate(pickle.loads(value[4:])))


def together(sets: list[set[int]]) -> bool:
    """Whether the words stand at consecutive positions somewhere (the first place
    found is enough: a long document holds a common pair thousands of times)."""
    first, rest = sets[0], sets[1:]
    return any(all(p + i + 1 in s for i, s in enumerate(rest)) for p in first)


def _bm25(idf: float, tf: int, length: float, avg: float) -> float:
    return idf * tf * (K1 + 1) / (tf + K1 * ((1 - B) + B * length / avg))


def bonuses(searcher, table, groups: list[tuple[tuple[str, ...], float]], docnums: list[int]) -> dict[int, float]:
    """docnum -> proximity bonus, for the given (top-level) docnums."""
    if not groups or not docnums:
        return {}
    terms = {t for words, _ in groups for t in words}
    n = max(1, len(table.live))  # documents only: chunk records hold no terms
    idf = {t: math.log(n / (searcher.doc_frequency(FIELD, t) + 1)) + 1 for t in terms}
    out: dict[int, float] = {}
    wanted = sorted(docnums)
    for leaf, offset in searcher.leaf_searchers():
        top = offset + leaf.doc_count_all()
        local = [d - offset for d in wanted if offset <= d < top]
        if not local:
            continue
        where = {t: positions_at(leaf, FIELD, t, local) for t in terms}
        for d in local:
            total = 0.0
            length = float(table.lengths[d + offset])
            for words, weight in groups:
                sets = [where[t].get(d) for t in words]
                if all(sets) and together(sets):
                    words_score = sum(_bm25(idf[t], len(where[t][d]), length, table.avg_length) for t in words)
                    total += weight * TEXT_FIELDS[FIELD] * words_score
            if total:
                out[d + offset] = total
    return out
