"""A document's text, read a chunk at a time (see ``index.chunks``).

A hit's snippets read one chunk: the one where the query's words stand,
found from the positions of the repaired view (each document records the
position at which each of its chunks starts), not by scanning the text.  The
document page reads one section.  So a 19 MB document costs a hit or a page
what a 4 KB one does.
"""

from __future__ import annotations

from bisect import bisect_right

from indexer.index.chunks import DETAILS, chunk_key, section_chunks
from indexer.index.schema import PROXIMITY_FIELD
from indexer.search.highlight import snippets
from indexer.search.whoosh.proximity import positions_at


def chunk_text(searcher, doc_id: str, n: int) -> str:
    docnum = searcher.document_number(chunk_key=chunk_key(doc_id, n))
    return searcher.stored_fields(docnum).get("text", "") if docnum is not None else ""


def details(searcher, doc_id: str) -> dict:
    """The details record of a document (its citations), {} when it has none."""
    docnum = searcher.document_number(chunk_key=chunk_key(doc_id, DETAILS))
    return searcher.stored_fields(docnum) if docnum is not None else {}


def full_text(searcher, doc_id: str) -> str:
    """The whole text of a document (for tools and tests; pages read sections)."""
    stored = searcher.document(id=doc_id) or {}
    return "".join(chunk_text(searcher, doc_id, n) for n in range(len(stored.get("chunks") or [0])))


def _positions(searcher, docnum: int, terms: set[str]) -> dict[str, set[int]]:
    """Positions (repaired view) of each of ``terms`` in one document."""
    for leaf, offset in searcher.leaf_searchers():
        if offset <= docnum < offset + leaf.doc_count_all():
            local = docnum - offset
            return {t: positions_at(leaf, PROXIMITY_FIELD, t, [local]).get(local, set()) for t in terms}
    return {}


def chunk_matches(searcher, docnum: int, stored: dict, terms: set[str]) -> list[tuple[int, int]]:
    """(distinct terms, matching positions) of each chunk of the document."""
    starts = stored.get("chunk_positions") or [0]
    found: list[set[str]] = [set() for _ in starts]
    counts = [0] * len(starts)
    for term, positions in _positions(searcher, docnum, terms).items():
        for pos in positions:
            n = max(0, bisect_right(starts, pos) - 1)
            found[n].add(term)
            counts[n] += 1
    return [(len(f), c) for f, c in zip(found, counts)]


def hit_snippets(searcher, docnum: int, stored: dict, marks: frozenset[str] | None, terms: set[str]) -> list[str]:
    """Snippets of one hit from its best chunk (``marks``: forms to mark, ``terms``: index terms).

    The best chunk holds most of the query's distinct words, then most matches,
    then comes first; it is found from positions and is the only one read.
    """
    doc_id, count = stored["id"], len(stored.get("chunks") or [0])
    best = 0
    if count > 1 and terms:
        scores = chunk_matches(searcher, docnum, stored, terms)
        best = max(range(count), key=lambda n: (scores[n], -n))
    return snippets(chunk_text(searcher, doc_id, best), marks, more_before=best > 0, more_after=best < count - 1)


def section_text(searcher, stored: dict, section: int) -> tuple[str, int]:
    """(text of one section of the document page, its offset in the whole text)."""
    starts = stored.get("chunks") or [0]
    chunks = section_chunks(section, len(starts))
    return "".join(chunk_text(searcher, stored["id"], n) for n in chunks), starts[chunks.start] if len(chunks) else 0
