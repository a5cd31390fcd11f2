"""BM25 over numpy postings arrays, then the proximity bonus on the best.

The product's BM25 (``search.rules``: Whoosh's default constants and idf),
computed for all candidates at once instead of one document at a time.  The
length of a document is its length in the folded view (per document, shared
by both text fields: the exact view holds a subset of the same words).
"""

from __future__ import annotations

import numpy as np
from whoosh import query as Q

from indexer.search import rules
from indexer.search.whoosh.postings import scoring_terms, term_postings
from indexer.search.whoosh.proximity import bonuses


def bm25(searcher, table, q: Q.Query, docnums: np.ndarray) -> np.ndarray:
    """BM25 score of each of ``docnums`` for the words of q (aligned)."""
    scores = np.zeros(table.size, dtype=np.float64)
    n = max(1, len(table.live))
    seen: set[tuple[str, str]] = set()
    for field, text, boost in scoring_terms(q, searcher.reader()):
        if (field, text) in seen:  # the same term twice (e.g. in a bonus) counts once
            continue
        seen.add((field, text))
        ids, tf = term_postings(searcher, field, text, table.postings)
        if not len(ids):
            continue
        b = 0.0 if field in rules.UNNORMED else rules.B
        scores[ids] += boost * rules.bm25(rules.idf(n, len(ids)), tf, table.lengths[ids], table.avg_length, b)
    return scores[docnums]


def rank(searcher, table, q: Q.Query, groups, docnums: np.ndarray, limit: int, depth: int = 200,
         deadline: float | None = None) -> list[tuple[int, float]]:
    """The ``limit`` best of ``docnums``: BM25, then proximity on the best ``depth``."""
    if not len(docnums) or limit <= 0:
        return []
    scores = bm25(searcher, table, q, docnums)
    depth = min(len(docnums), max(limit, depth))
    top = np.argpartition(-scores, depth - 1)[:depth] if depth < len(docnums) else np.arange(len(docnums))
    candidates = [(int(docnums[i]), float(scores[i])) for i in top]
    extra = bonuses(searcher, table, groups, [d for d, _ in candidates], deadline)
    ranked = sorted(((d, float(s + extra.get(d, 0.0))) for d, s in candidates), key=lambda p: (-p[1], p[0]))
    return ranked[:limit]
