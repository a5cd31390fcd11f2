"""A trigram language model of accented syllables: interpolated Kneser-Ney,
pruned by count, stored as backoff tables (the ARPA layout).

Counts are over word ids (the vocabulary is every token of the training
text).  Lower orders use continuation counts (how many different words
precede), the highest order real counts; after pruning, the backoff weights
are renormalised so each distribution still sums to one.  At run time

    log P(c | a b) = tri[a b c]            if kept
                   = bow3[a b] + log P(c | b)
    log P(c | b)   = bi[b c]               if kept
                   = bow2[b] + uni[c]
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass


@dataclass
class Counts:
    vocab: list[str]
    uni: Counter  # id -> count
    bi: Counter  # (a, b) -> count
    tri: Counter  # (a, b, c) -> count


def count_streams(streams, vocab_index: dict[str, int]) -> Counts:
    """Count n-grams of token streams (each starts and ends with SENT)."""
    uni: Counter = Counter()
    bi: Counter = Counter()
    tri: Counter = Counter()
    for stream, weight in streams:
        ids = [vocab_index.setdefault(t, len(vocab_index)) for t in stream]
        for i, c in enumerate(ids):
            uni[c] += weight
            if i:
                bi[ids[i - 1], c] += weight
            if i > 1:
                tri[ids[i - 2], ids[i - 1], c] += weight
    vocab = [None] * len(vocab_index)
    for t, i in vocab_index.items():
        vocab[i] = t
    return Counts(vocab, uni, bi, tri)


def _discount(counts) -> float:
    """Ney's estimate D = n1 / (n1 + 2 n2), from counts of counts."""
    n1 = sum(1 for v in counts if v == 1)
    n2 = sum(1 for v in counts if v == 2)
    return n1 / (n1 + 2 * n2) if n1 + n2 else 0.5


@dataclass
class Backoff:
    uni: list[float]  # log P(w) per id
    bow2: dict[int, float]  # b -> log backoff weight
    bi: dict[tuple[int, int], float]  # (b, c) -> log P(c | b)
    bow3: dict[tuple[int, int], float]
    tri: dict[tuple[int, int, int], float]


def kneser_ney(c: Counts, min_bigram: int, min_trigram: int) -> Backoff:
    size = len(c.vocab)
    # Continuation counts: N1+(. w) and N1+(. b c).
    cont1: Counter = Counter(b for (_, b) in c.bi)
    cont2: Counter = Counter((b, w) for (_, b, w) in c.tri)
    total1 = sum(cont1.values())
    p1 = [(cont1.get(w, 0) + 0.5) / (total1 + 0.5 * size) for w in range(size)]

    d2 = _discount(cont2.values())
    ctx2: Counter = Counter()
    types2: Counter = Counter()
    for (b, _), n in cont2.items():
        ctx2[b] += n
        types2[b] += 1

    def p2(b: int, w: int) -> float:
        z = ctx2.get(b)
        if not z:
            return p1[w]
        return max(cont2.get((b, w), 0) - d2, 0) / z + d2 * types2[b] / z * p1[w]

    d3 = _discount(c.tri.values())
    ctx3: Counter = Counter()
    types3: Counter = Counter()
    for (a, b, _), n in c.tri.items():
        ctx3[a, b] += n
        types3[a, b] += 1

    bi = {(b, w): p2(b, w) for (b, w), n in c.bi.items() if n >= min_bigram}
    tri = {}
    for (a, b, w), n in c.tri.items():
        if n >= min_trigram:
            z = ctx3[a, b]
            tri[a, b, w] = (n - d3) / z + d3 * types3[a, b] / z * p2(b, w)
    bow2 = _renormalise(bi, lambda b, w: p1[w])
    bow3 = _renormalise(tri, lambda ab, w: bi.get((ab[1], w)) or math.exp(bow2.get(ab[1], 0.0)) * p1[w])
    return Backoff(
        uni=[math.log(p) for p in p1],
        bow2=bow2,
        bi={k: math.log(p) for k, p in bi.items()},
        bow3=bow3,
        tri={k: math.log(p) for k, p in tri.items()},
    )


def _renormalise(kept: dict, lower) -> dict:
    """log backoff weight of each context: the mass its kept entries leave,
    over the mass the lower order gives to the same words."""
    high: dict = defaultdict(float)
    low: dict = defaultdict(float)
    for key, p in kept.items():
        ctx = key[0] if len(key) == 2 else key[:2]
        high[ctx] += p
        low[ctx] += lower(ctx, key[-1])
    out = {}
    for ctx, h in high.items():
        # Rounding can leave no mass; a tiny floor keeps unseen words possible.
        out[ctx] = math.log(max(1.0 - h, 1e-6) / max(1.0 - low[ctx], 1e-6))
    return out
