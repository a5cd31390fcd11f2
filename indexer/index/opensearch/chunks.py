"""Long documents in OpenSearch: the text in chunk records of a companion index.

A request must cost the same for a 4 KB notice and a 19 MB dump (see
``index.chunks``).  The main index holds one document per file (metadata,
keywords and the three token views, never the text), so hits, facets and
BM25 are what they were.  Beside it, the companion index ``<index>.chunks``
(alias ``<alias>.chunks``, moved with the main alias in one step) holds:

    chunk n >= 0   ``text`` (the 2,048-character chunk, in ``_source`` only;
                   an OCR'd document's chunk also its part of the restored
                   reading, ``restored_text`` and ``restored_glued``, as
                   ``index.fields.reading_parts``) and ``tf``: one keyword ``term#count`` per distinct term
                   of the chunk's views (``tf_key``: the view's prefix).  ``tf`` lets a query find
                   the chunk holding most of the query's words (a
                   ``prefix`` per word counts distinct words, ``term``
                   queries on ``word#k`` add the matches) and lets a terms
                   aggregation count a section's matches: no text is read.
    details n < 0  the citations, ``DETAIL_PAGE`` a record (n = -1, -2, ...),
                   with the ``keys`` they cite, so a decision page finds the
                   sentence citing it in the citing document's record.

Both indexes are written in the same bulk requests; a record's id is
``index.chunks.chunk_key(doc, n)``, so an update overwrites chunks in place
and deletes the ones past the new count (the main document keeps
``chunk_count`` and ``detail_pages`` in doc values for that).
"""

from __future__ import annotations

from indexer.index.chunks import chunk_key

SUFFIX = ".chunks"
TF_SEP = "#"
DETAIL_PAGE = 500  # citations per details record


def chunks_name(index_or_alias: str) -> str:
    return index_or_alias + SUFFIX


def chunk_index_body(shards: int = 1) -> dict:
    props = {"doc": {"type": "keyword"}, "n": {"type": "integer"}, "tf": {"type": "keyword"},
             "keys": {"type": "keyword"}}
    mappings = {"dynamic": False, "_source": {"excludes": ["tf"]}, "properties": props}
    settings = {"number_of_shards": shards, "number_of_replicas": 0, "refresh_interval": -1}
    return {"settings": settings, "mappings": mappings}


# A chunk's term counts are keywords ``<view prefix><term>#<count>``: the
# repaired view's terms bare, the exact view's after "=", the unsure view's after "?".
TF_PREFIX = {"repaired": "", "exact": "=", "unsure": "?"}


def tf_key(view: str, term: str) -> str:
    return TF_PREFIX[view] + term


def tf_value(key: str, count: int) -> str:
    return f"{key}{TF_SEP}{count}"


def chunk_records(doc_id: str, text: str, starts: list[int], tf: list[list[str]],
                  reading: list[dict] = ()) -> list[tuple[str, dict]]:
    """(record id, body) of each chunk of a text (starting at ``starts``, with the
    ``tf`` keywords of each), with its part of the restored reading when given
    (``index.fields.reading_parts``).  This module knows no Document: the read
    side imports its names, and search never imports extraction."""
    ends = starts[1:] + [len(text)]
    out = [(chunk_key(doc_id, n), {"doc": doc_id, "n": n, "text": text[a:b], "tf": terms})
           for n, (a, b, terms) in enumerate(zip(starts, ends, tf))]
    for (_, record), part in zip(out, reading):
        record.update(part)
    return out


def detail_records(doc_id: str, citations: list[dict]) -> list[tuple[str, dict]]:
    """(record id, body) of each page of a document's citations (n = -1, -2, ...)."""
    out = []
    for p in range(0, len(citations), DETAIL_PAGE):
        page = citations[p : p + DETAIL_PAGE]
        n = -1 - p // DETAIL_PAGE
        keys = sorted({c["key"] for c in page if c.get("key")})
        out.append((chunk_key(doc_id, n), {"doc": doc_id, "n": n, "citations": page, "keys": keys,
                                           "total": len(citations)}))
    return out


def record_ids(doc_id: str, chunk_count: int, detail_pages: int) -> set[str]:
    """The ids of every companion record of a document."""
    return {chunk_key(doc_id, n) for n in range(chunk_count)} | {chunk_key(doc_id, -1 - p) for p in range(detail_pages)}


def detail_pages(citations: int) -> int:
    return -(-citations // DETAIL_PAGE)
