"""Postings as numpy arrays, and query matching as set algebra over them.

Whoosh walks postings one document at a time in Python: a common word in a
10,000-document archive costs tens of milliseconds per field before anything
is scored.  Whoosh stores postings in blocks of ids and weights; reading
whole blocks into arrays makes matching (union, intersection, difference) and
BM25 (ranking.py) vectorised.  Queries this module cannot evaluate (phrases,
wildcards, ranges) fall back to Whoosh's own matcher for that clause only.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Iterator

import numpy as np
from whoosh import query as Q
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound

from indexer.search.rules import VIEWS

EMPTY_IDS = np.zeros(0, dtype=np.int64)
PHRASE_CHUNK = 2000  # candidates checked between two looks at the clock
MIN_CHUNK = 64  # a bounded count checks candidates in runs of its cap or sample, at least this many
PHRASE_SAMPLE = 64  # candidates a bounded phrase count checks before it estimates the rest
EMPTY_TF = np.zeros(0, dtype=np.float32)


def _drain_blocks(m: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    """Every (id, weight) of a leaf matcher, a block at a time.

    Uses the block attributes of whoosh-reloaded 2.7.5's W3LeafMatcher (the
    version is pinned); test_postings checks the result against the public
    one-posting-at-a-time API.
    """
    ids, weights = [], []
    while m.is_active():
        m._read_ids()
        m._read_weights()
        ids.append(np.asarray(m._ids, dtype=np.int64))
        weights.append(np.asarray(m._weights, dtype=np.float32))
        m._next_block()
    if not ids:
        return EMPTY_IDS, EMPTY_TF
    return np.concatenate(ids), np.concatenate(weights)


def _drain(m) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(m, FilterMatcher):
        # Deleted documents: read everything, then drop them.
        ids, weights = _drain(m.child)
        keep = ~np.isin(ids, np.fromiter(m._ids, dtype=np.int64))
        return ids[keep], weights[keep]
    if isinstance(m, W3LeafMatcher):
        return _drain_blocks(m)
    ids, weights = [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        m.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float32)


class PostingsCache:
    """Recently read arrays of one reader (postings of a term, positions of a term in
    a document), up to a byte budget.

    Matching and scoring read the same terms, and staff repeat the same few
    hundred words; one cache per reader generation (it lives in the reader's
    FacetTable) is dropped with the reader when a build commits.
    """

    ENTRY_BYTES = 96  # what an entry costs besides its arrays (key, tuple, dict slot)

    def __init__(self, budget_bytes: int = 48 * 1024 * 1024):
        self.budget = budget_bytes
        self.used = 0
        self.entries: OrderedDict[tuple, tuple[np.ndarray, ...]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
            return found

    def put(self, key, value: tuple[np.ndarray, ...]) -> None:
        size = self._size(value)
        if size > self.budget // 8:
            return  # one huge term must not evict everything else
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = value
            self.used += size
            while self.used > self.budget:
                _, old = self.entries.popitem(last=False)
                self.used -= self._size(old)

    def _size(self, value: tuple[np.ndarray, ...]) -> int:
        return sum(a.nbytes for a in value) + self.ENTRY_BYTES


def term_postings(searcher, field: str, text: str, cache: PostingsCache | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(docnums, term weights) of one term over the whole index, docnums ascending."""
    if cache is not None:
        found = cache.get((field, text))
        if found is not None:
            return found
    result = _read_postings(searcher, field, text)
    if cache is not None:
        cache.put((field, text), result)
    return result


def _read_postings(searcher, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    parts = []
    for leaf, offset in searcher.leaf_searchers():
        try:
            m = leaf.reader().postings(field, text)
        except TermNotFound:
            continue
        ids, weights = _drain(m)
        parts.append((ids + offset, weights))
    if not parts:
        return EMPTY_IDS, EMPTY_TF
    if len(parts) == 1:
        return parts[0]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def match_ids(searcher, q: Q.Query, live: np.ndarray, cache: PostingsCache | None = None,
              deadline: float | None = None) -> np.ndarray:
    """Docnums (ascending) matching q; ``live`` is every undeleted docnum.

    Past ``deadline`` (time.monotonic()) phrase checks stop early: the caller
    sees the deadline passed and reports the result as partial."""
    if isinstance(q, Q.Term):
        return term_postings(searcher, q.fieldname, q.text, cache)[0]
    if isinstance(q, Q.Every):
        return live
    if cache is not None and isinstance(q, (Q.And, Q.Or, Q.AndNot)):
        # One search asks the same query again and again: its total, the validity
        # facet's seven counts (the query and each state), did-you-mean's counts
        # under the reader's filter.  A whole answer is kept for the reader's
        # generation; one cut short by the deadline never is.
        key = ("ids", q)
        if (kept := cache.get(key)) is not None:
            return kept[0]
        out = _compound_ids(searcher, q, live, cache, deadline)
        if deadline is None or time.monotonic() <= deadline:
            cache.put(key, (out,))
        return out
    return _compound_ids(searcher, q, live, cache, deadline)


def _compound_ids(searcher, q: Q.Query, live: np.ndarray, cache: PostingsCache | None,
                  deadline: float | None) -> np.ndarray:
    if isinstance(q, Q.AndNot):
        return np.setdiff1d(match_ids(searcher, q.a, live, cache, deadline), match_ids(searcher, q.b, live, cache, deadline), assume_unique=True)
    if isinstance(q, Q.And):
        out = None
        for sub in sorted(q.subqueries, key=_cheap_first):
            ids = match_ids(searcher, sub, live, cache, deadline)
            out = ids if out is None else np.intersect1d(out, ids, assume_unique=True)
            if not len(out):
                break
        return out if out is not None else EMPTY_IDS
    if isinstance(q, Q.Or):
        parts = [match_ids(searcher, sub, live, cache, deadline) for sub in q.subqueries]
        return np.unique(np.concatenate(parts)) if parts else EMPTY_IDS
    if isinstance(q, Q.NullQuery.__class__):
        return EMPTY_IDS
    slots = phrase_slots(q)
    if slots:
        return phrase_ids(searcher, slots, cache, deadline)
    # Wildcards, ranges: Whoosh matches that clause.
    return np.fromiter(sorted(searcher.docs_for_query(q)), dtype=np.int64)


def phrase_slots(q: Q.Query) -> list | None:
    """The slots of a phrase this module matches (``compile.SlotPhrase``, or Whoosh's
    own phrase of words in a row), None for any other query."""
    if isinstance(q, Q.Phrase) and q.slop == 1 and len(q.words) > 1:
        return [((q.fieldname, w),) for w in q.words]
    return getattr(q, "slots", None)  # compile.SlotPhrase


def phrase_ids(searcher, slots, cache: PostingsCache | None = None, deadline: float | None = None) -> np.ndarray:
    """Docnums where the slots stand at consecutive positions; each slot is the
    (field, term) pairs any of which may stand there (fields sharing one
    position sequence).

    Candidates are the intersection of the slots' postings (arrays); positions
    are read only for them.  Whoosh's phrase matcher reads spans for every
    document on its way, and took seconds for repeated common phrases.
    A whole answer is kept in ``cache``: one search asks the same phrase for
    its hits, its total, the validity facet's counts and the tiers (a bounded
    count is ``phrase_count``'s).
    """
    key = ("phrase", tuple(map(tuple, slots)))
    if cache is not None and (kept := cache.get(key)) is not None:
        return kept[0]
    found: list[int] = []
    for _, adjacent in _checked(searcher, slots, _candidates(searcher, slots, cache), PHRASE_CHUNK):
        if deadline is not None and time.monotonic() > deadline:
            return np.asarray(found, dtype=np.int64)  # partial: never kept
        found += adjacent
    out = np.asarray(found, dtype=np.int64)
    if cache is not None:
        cache.put(key, (out,))
    return out


def phrase_count(searcher, slots, cache: PostingsCache | None, cap: int, sample: int = PHRASE_SAMPLE,
                 within: np.ndarray | None = None) -> int:
    """How many documents hold the phrase (among ``within``, docnums ascending,
    when given), counted no further than ``cap``; once ``sample`` candidates are
    checked, the rest are estimated at the rate found so far.  A bounded count
    to weigh readings by (did-you-mean), never a result's: two common words
    standing apart in thousands of documents made each pair read thousands of
    position lists (seconds a query on 10k documents)."""
    candidates = _candidates(searcher, slots, cache)
    if within is not None:
        candidates = np.intersect1d(candidates, within, assume_unique=True)
    found = checked = 0
    for docs, adjacent in _checked(searcher, slots, candidates, max(MIN_CHUNK, min(PHRASE_CHUNK, cap, sample))):
        found, checked = found + len(adjacent), checked + docs
        if found >= cap:
            return cap
        if checked >= sample:
            return min(cap, round(found * len(candidates) / checked))
    return found


def _candidates(searcher, slots, cache: PostingsCache | None) -> np.ndarray:
    """Docnums holding a term of every slot (no position read)."""
    candidates = EMPTY_IDS
    for k, slot in enumerate(slots):
        parts = [term_postings(searcher, field, term, cache)[0] for field, term in slot]
        ids = parts[0] if len(parts) == 1 else np.unique(np.concatenate(parts))
        candidates = ids if k == 0 else np.intersect1d(candidates, ids, assume_unique=True)
        if not len(candidates):
            return EMPTY_IDS
    return candidates


def _checked(searcher, slots, candidates: np.ndarray, size: int) -> Iterator[tuple[int, list[int]]]:
    """(documents checked, docnums where the slots stand in a row) per run of at
    most ``size`` candidates of one segment, in docnum order."""
    if not len(candidates):
        return
    for leaf, offset in searcher.leaf_searchers():
        top = offset + leaf.doc_count_all()
        local = [int(d) - offset for d in candidates if offset <= d < top]
        for start in range(0, len(local), size):
            docs = local[start : start + size]
            yield len(docs), [d + offset for d in _adjacent(leaf, slots, docs)]


def _slot_positions(leaf, slot, docs: list[int]) -> dict[int, set[int]]:
    """Positions of any of a slot's (field, term) pairs in each of ``docs`` that has one."""
    from indexer.search.whoosh.proximity import position_set, positions_at

    out: dict[int, set[int]] = {}
    for field, term in slot:
        for d, ps in positions_at(leaf, field, term, docs, position_set).items():
            out[d] = out[d] | ps if d in out else ps
    return out


def _adjacent(leaf, slots, docs: list[int]) -> list[int]:
    """The docs where the slots stand in a row.  Each next slot's positions are
    read only for the documents still in the running."""
    starts = _slot_positions(leaf, slots[0], docs)
    for i, slot in enumerate(slots[1:], 1):
        if not starts:
            return []
        at = _slot_positions(leaf, slot, sorted(starts))
        kept = {d: {p for p in ps if p + i in at[d]} for d, ps in starts.items() if d in at}
        starts = {d: ps for d, ps in kept.items() if ps}
    return sorted(starts)


def _cheap_first(q: Q.Query) -> int:
    """Evaluate single terms before phrases and wildcards in an intersection."""
    return 0 if isinstance(q, (Q.Term, Q.Or)) else 1


def scoring_terms(q: Q.Query, reader, boost: float = 1.0) -> list[tuple[str, str, float]]:
    """(field, term, boost) of every positive word a query asks for."""
    boost *= getattr(q, "boost", 1.0)
    if isinstance(q, Q.Term):
        return [(q.fieldname, q.text, boost)]
    if isinstance(q, Q.Phrase):
        return [(q.fieldname, w, boost) for w in q.words]
    if hasattr(q, "slots"):  # compile.SlotPhrase: each term weighed by its view
        return [(field, term, VIEWS[field] * boost) for slot in q.slots for field, term in slot]
    if isinstance(q, Q.AndNot):
        return scoring_terms(q.a, reader, boost)
    if isinstance(q, (Q.Prefix, Q.Wildcard)):
        expanded = list(q.expanded_terms(reader))[:50]
        return [(f, t.decode("utf-8") if isinstance(t, bytes) else t, boost) for f, t in expanded]
    if isinstance(q, Q.CompoundQuery):
        return [t for sub in q.subqueries for t in scoring_terms(sub, reader, boost)]
    return []
