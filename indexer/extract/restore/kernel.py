"""The compiled half of the restorer: language-model lookups and the Viterbi pass.

Restoring runs for every word of every OCR'd document at index time.  In
pure Python the Viterbi pass cost 6 µs a word on the 2-core build machine
(a dozen transitions, each a few dict lookups), more than the whole rest of
indexing; compiled with numba it costs a fraction of that, which keeps
indexing within its budget with the full trigram lattice.  numba compiles
these functions on first use (cached beside the module), and this module is
imported only when a text is restored.

The language model is laid out for the cache, because a lookup costs what
its memory misses cost: trigrams as rows per context (CSR: sorted third
words and their log-probabilities), the contexts in one open-addressing
hash table whose slots hold key and row together, bigrams in another hash
table (their rows are long for common words).  A decoder state looks up its
context once; each candidate is then a binary search in a short row and,
when the trigram is not there, one bigram probe.
"""

from __future__ import annotations

import numpy as np
from numba import njit

_MIX = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing
EMPTY = -1
MAX_STATES = 16  # decoder states kept per word at most (a beam of 5 nats rarely keeps ten)
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
def build_pairs(keys, values, bits):
    """Hash slots of bigram ``keys`` (b * V + c) and their values."""
    size = 1 << bits
    mask = size - 1
    slot_k = np.full(size, EMPTY, np.int64)
    slot_v = np.zeros(size, np.float32)
    for i in range(keys.shape[0]):
        s = _slot(keys[i], bits)
        while slot_k[s] != EMPTY:
            s = (s + 1) & mask
        slot_k[s] = keys[i]
        slot_v[s] = values[i]
    return slot_k, slot_v


@njit(cache=True)
def _pair(slot_k, slot_v, bits, key):
    """The value of bigram ``key``, NaN when absent."""
    mask = (1 << bits) - 1
    s = _slot(key, bits)
    while True:
        k = slot_k[s]
        if k == key:
            return slot_v[s]
        if k == EMPTY:
            return np.nan
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
    size, slots, bits, tri_ptr, tri_col, tri_val, bow3, pair_k, pair_v, pair_bits, bow2, uni = lm
    if ctx >= 0:
        k = _search(tri_col, tri_ptr[ctx], tri_ptr[ctx + 1], c)
        if k >= 0:
            return tri_val[k]
    v = _pair(pair_k, pair_v, pair_bits, b * size + c)
    if v != v:  # NaN: no such bigram
        v = bow2[b] + uni[c]
    return v + bow3[ctx] if ctx >= 0 else v


@njit(cache=True)
def lm_score(lm, a, b, c):
    """log P(c | a b) with backoff; ``lm`` is RestoreModel.tables."""
    return _next(lm, context(lm[1], lm[2], a * lm[0] + b), b, c)


@njit(cache=True)
def viterbi(lm, sent, starts, counts, fresh, c1, c2, emit, beam, chosen, sure, plausible, share):
    """Write into ``chosen`` the best candidate (a global index) of every word,
    into ``sure`` how sure the model is of it, and into each row of
    ``plausible`` the candidates with at least ``share`` of it, likeliest
    first (-1 past the last): the readings a search should grant a word the
    model cannot settle.

    Word w's candidates are ``starts[w]`` to ``starts[w] + counts[w]`` of
    ``c1`` (first syllable id), ``c2`` (second, -1 for none) and ``emit``
    (channel score); ``fresh[w]`` starts a new stretch, decoded on its own
    from a sentence start.  A state is the last two syllables of a history;
    states more than ``beam`` below the best are dropped after each word.
    ``sure`` is each chosen candidate's share of the max-marginals of the
    word's candidates (best path through each, forward plus backward over the
    states kept): 1 where nothing else survived the beam.
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
        hist_a = np.empty((length, cap), np.int64)
        hist_b = np.empty((length, cap), np.int64)
        hist_s = np.empty((length, cap), np.float64)
        kept = np.empty(length, np.int32)
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
                    hist_a[p, m] = nxt_a[j]
                    hist_b[p, m] = nxt_b[j]
                    hist_s[p, m] = nxt_s[j]
                    m += 1
            n_cur = m
            kept[p] = m
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
        _posteriors(lm, sent, c1, c2, emit, t, length, kept, hist_a, hist_b, hist_s, hist_cand, chosen, sure,
                    plausible, share)
        t = e


@njit(cache=True)
def _posteriors(lm, sent, c1, c2, emit, t, length, kept, hist_a, hist_b, hist_s, hist_cand, chosen, sure,
                plausible, share):
    """Backward over the kept states of one stretch, then each word's share, and
    the candidates holding at least ``share`` of it."""
    cap = hist_s.shape[1]
    beta = np.empty((length, cap), np.float64)
    last = length - 1
    for i in range(kept[last]):
        beta[last, i] = lm_score(lm, hist_a[last, i], hist_b[last, i], sent)
    for p in range(last - 1, -1, -1):
        for i in range(kept[p]):
            a = hist_a[p, i]
            b = hist_b[p, i]
            top = -np.inf
            for j in range(kept[p + 1]):
                k = hist_cand[p + 1, j]
                if c2[k] >= 0:  # a glued word: from any state
                    sc = emit[k] + lm_score(lm, a, b, c1[k]) + lm_score(lm, b, c1[k], c2[k])
                elif hist_a[p + 1, j] == b:  # the next state continues this one
                    sc = emit[k] + lm_score(lm, a, b, c1[k])
                else:
                    continue
                sc += beta[p + 1, j]
                if sc > top:
                    top = sc
            beta[p, i] = top
    slots = plausible.shape[1]
    for p in range(length):
        w = t + p
        n = kept[p]
        for q in range(slots):
            plausible[w, q] = -1
        if n == 1:
            sure[w] = 1.0
            plausible[w, 0] = chosen[w]
            continue
        peak = -np.inf
        for i in range(n):
            v = hist_s[p, i] + beta[p, i]
            if v > peak:
                peak = v
        mine = -np.inf
        total = 0.0
        found = np.empty(n, np.float64)  # each candidate's best, by the index of its first state
        for i in range(n):
            found[i] = -np.inf
        # Each candidate counts once, by its best state.
        for i in range(n):
            k = hist_cand[p, i]
            best = -np.inf
            first = True
            for j in range(n):
                if hist_cand[p, j] == k:
                    if j < i:
                        first = False
                        break
                    v = hist_s[p, j] + beta[p, j]
                    if v > best:
                        best = v
            if not first:
                continue
            found[i] = best
            total += np.exp(best - peak)
            if k == chosen[w]:
                mine = best
        sure[w] = np.exp(mine - peak) / total if total > 0 else 1.0
        # The likeliest candidates, while they hold ``share`` of the word.
        for q in range(slots):
            top = -1
            for i in range(n):
                if found[i] > -np.inf and (top < 0 or found[i] > found[top]):
                    top = i
            if top < 0 or total <= 0 or np.exp(found[top] - peak) / total < share:
                break
            plausible[w, q] = hist_cand[p, top]
            found[top] = -np.inf
