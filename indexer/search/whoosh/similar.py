"""Documents like this one ("Văn bản tương tự").

Each document records, when it is indexed, its most frequent words (the
repaired view: ``index.pipeline.KEY_TERMS`` of them with their weight).  A
request weighs them by the archive's idf of the day, keeps the most
distinctive and ranks the archive by them with the engine's BM25: one query of
a few terms, so it costs what a short search does, whatever the length of the
document (it once read the whole stored text at every request: seconds on a
19 MB one).
"""

from __future__ import annotations

import math

from whoosh import query as Q

from indexer.index.weights import PROXIMITY_FIELD
from indexer.search.service import DocumentSummary
from indexer.search.whoosh.postings import match_ids
from indexer.search.whoosh.ranking import rank

# Words every administrative text has; as key terms they would only find "any document".
_COMMON = {"ubnd", "nam", "ngay", "thang", "tinh", "huyen", "xa", "cua", "va", "cac", "nhung", "theo"}


def key_terms(searcher, table, stored: dict, count: int) -> list[str]:
    """The ``count`` most distinctive of a document's recorded words: weight x idf."""
    n = max(1, len(table.live))
    scored = []
    for term, weight in stored.get("key_terms") or []:
        if term in _COMMON:
            continue
        df = searcher.doc_frequency(PROXIMITY_FIELD, term)
        if df:
            scored.append((weight * (math.log(n / (df + 1)) + 1), term))
    scored.sort(key=lambda st: (-st[0], st[1]))
    return [t for _, t in scored[:count]]


def more_like(handle, doc_id: str, limit: int = 5, count: int = 12) -> list[DocumentSummary]:
    """The ``limit`` documents sharing most of this one's distinctive words."""
    searcher, table = handle.current()
    docnum = searcher.document_number(id=doc_id)
    if docnum is None:
        return []
    terms = key_terms(searcher, table, searcher.stored_fields(docnum), count)
    if not terms:
        return []
    q = Q.Or([Q.Term(PROXIMITY_FIELD, t) for t in terms])
    others = match_ids(searcher, q, table.live, table.postings)
    others = others[others != docnum]
    out = []
    for other, _ in rank(searcher, table, q, [], others, limit):
        f = searcher.stored_fields(other)
        out.append(DocumentSummary(f["id"], f.get("title", ""), f.get("number", ""), f.get("date", ""), f.get("unit", ""),
                                   f.get("restored_title") or f.get("title", "")))
    return out
