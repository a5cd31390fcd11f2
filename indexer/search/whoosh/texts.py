"""A document's text, read a chunk at a time (see ``index.chunks``).

A hit's snippets read one chunk: the one where the query's words stand,
found from the positions of the repaired view (each document records the
position at which each of its chunks starts), not by scanning the text.  The
document page reads one section.  So a 19 MB document costs a hit or a page
what a 4 KB one does.
"""

from __future__ import annotations


import numpy as np

from indexer.index.chunks import DETAILS, chunk_key
from indexer.search import rules
from indexer.search.whoosh.proximity import positions_of


def chunk_record(searcher, doc_id: str, n: int) -> dict:
    docnum = searcher.document_number(chunk_key=chunk_key(doc_id, n))
    return searcher.stored_fields(docnum) if docnum is not None else {}


def chunk_text(searcher, doc_id: str, n: int) -> str:
    return chunk_record(searcher, doc_id, n).get("text", "")


def details(searcher, doc_id: str) -> dict:
    """The details record of a document (its citations), {} when it has none."""
    docnum = searcher.document_number(chunk_key=chunk_key(doc_id, DETAILS))
    return searcher.stored_fields(docnum) if docnum is not None else {}


def full_text(searcher, doc_id: str) -> str:
    """The whole text of a document (for tools and tests; pages read sections)."""
    stored = searcher.document(id=doc_id) or {}
    return "".join(chunk_text(searcher, doc_id, n) for n in range(len(stored.get("chunks") or [0])))


def _positions(searcher, table, docnums: list[int], words, by_view: bool = False) -> dict[int, dict]:
    """Positions of each query word (its (view, term) pairs, ``search.terms``) in each
    of ``docnums``, per word (``by_view``: per word and view): one pass over each
    term's postings per segment, whatever the number of documents."""
    out: dict[int, dict] = {d: {} for d in docnums}
    for k, slot in enumerate(words):
        for view, term in slot:
            key = (k, view) if by_view else k
            for d, positions in positions_of(searcher, view, term, docnums, table.positions).items():
                found = out[d].get(key)
                out[d][key] = positions if found is None else np.union1d(found, positions)
    return out


def _scores(stored: dict, positions: dict[tuple[int, str], np.ndarray]) -> list[tuple[int, int]]:
    """(distinct query words, matches) of each chunk of a document (rules.BEST_CHUNK_COUNT:
    a word's matches in its best view, counted up to that)."""
    starts = np.asarray(stored.get("chunk_positions") or [0], dtype=np.int64)
    words: dict[int, np.ndarray] = {}
    for (k, _), where in positions.items():
        if len(where):
            chunk = np.searchsorted(starts, where, side="right") - 1
            bins = np.minimum(np.bincount(np.maximum(chunk, 0), minlength=len(starts)), rules.BEST_CHUNK_COUNT)
            words[k] = bins if k not in words else np.maximum(words[k], bins)
    distinct = sum((bins > 0 for bins in words.values()), np.zeros(len(starts), dtype=np.int64))
    counts = sum(words.values(), np.zeros(len(starts), dtype=np.int64))
    return list(zip(np.asarray(distinct).tolist(), np.asarray(counts).tolist()))


def word_counts(searcher, table, docnum: int, stored: dict, words) -> list[list[int]]:
    """How many times each query word stands in each chunk of one document."""
    starts = np.asarray(stored.get("chunk_positions") or [0], dtype=np.int64)
    found = _positions(searcher, table, [docnum], words)[docnum]
    out = np.zeros((len(starts), len(words)), dtype=np.int64)
    for k, where in found.items():
        if len(where):
            chunk = np.maximum(np.searchsorted(starts, where, side="right") - 1, 0)
            out[:, k] = np.bincount(chunk, minlength=len(starts))
    return out.tolist()


def best_chunks(searcher, table, hits: list[tuple[int, dict]], terms) -> list[int]:
    """The best chunk of each hit (docnum, stored fields): the one holding most of
    the query's distinct words, then most matches, then coming first; found from
    positions, read for all the page's long documents at once."""
    long = [d for d, stored in hits if len(stored.get("chunks") or [0]) > 1]
    positions = _positions(searcher, table, long, terms, by_view=True) if long and terms else {}
    out = []
    for docnum, stored in hits:
        count = len(stored.get("chunks") or [0])
        best = 0
        if docnum in positions:
            scores = _scores(stored, positions[docnum])
            best = max(range(count), key=lambda n: (scores[n], -n))
        out.append(best)
    return out


