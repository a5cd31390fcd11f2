"""The compiled half of the restorer: language-model lookups and the Viterbi pass.

Restoring runs for every word of every OCR'd document at index time.  In
pure Python the Viterbi pass cost 6 µs a word on the 2-core build machine
(a dozen transitions, each a few dict lookups), more than the whole rest of
indexing; compiled with numba it costs a fraction of that, which keeps
indexing within its budget with the full trigram lattice.  numba compiles
these functions on first use (cached beside the module), and this module is
imported only when a text is restored.

The language model is laid out for the cache, because a lookup costs what
its memory misses cost: bigrams as rows per first word (CSR: sorted second
words and their log-probabilities), trigrams as rows per context, the
contexts in one open-addressing hash table whose slots hold key and row
together.  A decoder state looks up its context once; each candidate is
then a binary search in two short rows that stay in cache.
"""

from __future__ import annotations

import numpy as np
from numba import njit

_MIX = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing
EMPTY = -1
MAX_STATES = 64  # decoder states kept per word at most (a beam rarely keeps ten)
_ROW_BITS = 32  # a context slot: key << 32 | row


def table_bits(n: int) -> int:
    """Slots as a power of two, at most half full."""
    return max(4, int(2 * max(n, 1) - 1).bit_length())


def rows(first: np.ndarray, n: int) -> np.ndarray:
    """Row pointers (CSR) of entries sorted by ``first``, for ids 0..n-1."""
    return np.searchsorted(first, np.arange(n + 1)).astype(np.int64)


@njit(cache=True)
def _slot(key, bits):
    return np.int64((np.uint64(key) * _MIX) >> np.uint64(64 - bits))


@njit(cache=True)
def build_contexts(keys, bits):
    """Hash slots of ``keys`` (each < 2**31), slot = key << 32 | its index."""
    size = 1 << bits
    mask = size - 1
    out = np.full(size, EMPTY, np.int64)
    for i in range(keys.shape[0]):
        s = _slot(keys[i], bits)
        while out[s] != EMPTY:
            s = (s + 1) & mask
        out[s] = (keys[i] << _ROW_BITS) | i
    return out


@njit(cache=True)
def context(slots, bits, key):
    """The row of context ``key``, or -1."""
    mask = (1 << bits) - 1
    s = _slot(key, bits)
    while True:
        v = slots[s]
        if v == EMPTY:
            return -1
        if (v >> _ROW_BITS) == key:
            return v & ((1 << _ROW_BITS) - 1)
        s = (s + 1) & mask


@njit(cache=True)
def _search(col, lo, hi, c):
    """Index of ``c`` in the sorted ``col[lo:hi]``, or -1."""
    while lo < hi:
        mid = (lo + hi) >> 1
        v = col[mid]
        if v < c:
            lo = mid + 1
        elif v > c:
            hi = mid
        else:
            return mid
    return -1


@njit(cache=True)
def _next(lm, ctx, b, c):
    """log P(c | context row ``ctx`` (-1: none) ending in ``b``)."""
    size, slots, bits, tri_ptr, tri_col, tri_val, bow3, bi_ptr, bi_col, bi_val, bow2, uni = lm
    if ctx >= 0:
        k = _search(tri_col, tri_ptr[ctx], tri_ptr[ctx + 1], c)
        if k >= 0:
            return tri_val[k]
    k = _search(bi_col, bi_ptr[b], bi_ptr[b + 1], c)
    v = bi_val[k] if k >= 0 else bow2[b] + uni[c]
    return v + bow3[ctx] if ctx >= 0 else v


@njit(cache=True)
def lm_score(lm, a, b, c):
    """log P(c | a b) with backoff; ``lm`` is RestoreModel.tables."""
    return _next(lm, context(lm[1], lm[2], a * lm[0] + b), b, c)


@njit(cache=True)
def viterbi(lm, sent, starts, counts, fresh, c1, c2, emit, beam, chosen):
    """Write into ``chosen`` the best candidate (a global index) of every word.

    Word w's candidates are ``starts[w]`` to ``starts[w] + counts[w]`` of
    ``c1`` (first syllable id), ``c2`` (second, -1 for none) and ``emit``
    (channel score);
    ``fresh[w]`` starts a new stretch, decoded on its own from a sentence
    start.  A state is the last two syllables of a history; states more than
    ``beam`` below the best are dropped after each word.
    """
    n_words = starts.shape[0]
    cap = MAX_STATES
    cur_a = np.empty(cap, np.int64)
    cur_b = np.empty(cap, np.int64)
    cur_s = np.empty(cap, np.float64)
    nxt_a = np.empty(cap, np.int64)
    nxt_b = np.empty(cap, np.int64)
    nxt_s = np.empty(cap, np.float64)
    nxt_back = np.empty(cap, np.int32)
    nxt_cand = np.empty(cap, np.int32)
    t = 0
    while t < n_words:
        e = t + 1
        while e < n_words and not fresh[e]:
            e += 1
        length = e - t
        hist_back = np.empty((length, cap), np.int32)
        hist_cand = np.empty((length, cap), np.int32)
        n_cur = 1
        cur_a[0] = sent
        cur_b[0] = sent
        cur_s[0] = 0.0
        for p in range(length):
            w = t + p
            n_new = 0
            for i in range(n_cur):
                x0 = cur_b[i]
                ctx = context(lm[1], lm[2], cur_a[i] * lm[0] + x0)
                for k in range(starts[w], starts[w] + counts[w]):
                    x = x0
                    y = c1[k]
                    sc = cur_s[i] + emit[k] + _next(lm, ctx, x, y)
                    if c2[k] >= 0:
                        sc += lm_score(lm, x, y, c2[k])
                        x = y
                        y = c2[k]
                    j = 0
                    while j < n_new and not (nxt_a[j] == x and nxt_b[j] == y):
                        j += 1
                    if j == n_new:
                        if n_new < cap:
                            n_new += 1
                        else:  # full: the new state replaces the worst, if better
                            j = np.argmin(nxt_s[:n_new])
                            if sc <= nxt_s[j]:
                                continue
                    elif sc <= nxt_s[j]:
                        continue
                    nxt_a[j] = x
                    nxt_b[j] = y
                    nxt_s[j] = sc
                    nxt_back[j] = i
                    nxt_cand[j] = k
            floor = nxt_s[:n_new].max() - beam
            m = 0
            for j in range(n_new):
                if nxt_s[j] >= floor:
                    cur_a[m] = nxt_a[j]
                    cur_b[m] = nxt_b[j]
                    cur_s[m] = nxt_s[j]
                    hist_back[p, m] = nxt_back[j]
                    hist_cand[p, m] = nxt_cand[j]
                    m += 1
            n_cur = m
        best = 0
        top = -np.inf
        for i in range(n_cur):
            sc = cur_s[i] + lm_score(lm, cur_a[i], cur_b[i], sent)
            if sc > top:
                top = sc
                best = i
        for p in range(length - 1, -1, -1):
            chosen[t + p] = hist_cand[p, best]
            best = hist_back[p, best]
        t = e


@njit(cache=True)
def _local(lm, left2, left1, ids, n_ids, right1, right2):
    """Score of a candidate's syllables between fixed neighbours (-1: none)."""
    a = left2
    b = left1
    sc = 0.0
    for i in range(n_ids):
        c = ids[i]
        sc += lm_score(lm, a, b, c)
        a = b
        b = c
    if right1 >= 0:
        sc += lm_score(lm, a, b, right1)
        if right2 >= 0:
            sc += lm_score(lm, b, right1, right2)
    return sc


@njit(cache=True)
def confidence(lm, sent, starts, counts, fresh, c1, c2, emit, chosen, out):
    """Write into ``out`` each word's posterior for its chosen candidate, its
    neighbours held as chosen: exp(score) over the sum for all its candidates,
    where a score is the channel's plus the trigrams that touch the word."""
    n_words = starts.shape[0]
    ids = np.empty(2, np.int64)
    for w in range(n_words):
        if counts[w] == 1:
            out[w] = 1.0
            continue
        # The chosen syllables around w, within its stretch (sentence starts before).
        left1 = sent
        left2 = sent
        if not fresh[w]:
            k = chosen[w - 1]
            if c2[k] >= 0:
                left2, left1 = c1[k], c2[k]
            else:
                left1 = c1[k]
                if not fresh[w - 1]:
                    j = chosen[w - 2]
                    left2 = c2[j] if c2[j] >= 0 else c1[j]
        right1 = sent
        right2 = -1
        if w + 1 < n_words and not fresh[w + 1]:
            k = chosen[w + 1]
            right1 = c1[k]
            if c2[k] >= 0:
                right2 = c2[k]
            elif w + 2 < n_words and not fresh[w + 2]:
                right2 = c1[chosen[w + 2]]
            else:
                right2 = sent
        top = -np.inf
        mine = 0.0
        scores = np.empty(counts[w], np.float64)
        for i in range(counts[w]):
            k = starts[w] + i
            ids[0] = c1[k]
            ids[1] = c2[k]
            scores[i] = emit[k] + _local(lm, left2, left1, ids, 2 if c2[k] >= 0 else 1, right1, right2)
            if scores[i] > top:
                top = scores[i]
            if k == chosen[w]:
                mine = scores[i]
        total = 0.0
        for i in range(counts[w]):
            total += np.exp(scores[i] - top)
        out[w] = np.exp(mine - top) / total
