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
                   of the chunk's repaired view.  ``tf`` lets a query find
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

from collections import Counter, defaultdict

from indexer.analysis.analyzer import WORD, Analyzer, Marks, view
from indexer.index.chunks import chunk_key, chunk_starts
from indexer.index.opensearch_mapping import ALT, FILLER

SUFFIX = ".chunks"
TF_SEP = "#"
DETAIL_PAGE = 500  # citations per details record
# Key terms kept per document for "similar documents" (as index.fields.KEY_TERMS).
KEY_TERMS = 64


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


def _word_chunks(text: str, starts: list[int]) -> list[int]:
    """For each word of the repaired view (by index), the chunk it starts in."""
    out, k = [], 0
    for m in WORD.finditer(view(text, "repaired")):
        while k + 1 < len(starts) and m.start() >= starts[k + 1]:
            k += 1
        out.append(k)
    return out


def _positional(terms, stacked: bool) -> str:
    """One view as token text: a position's terms joined by ALT (``stacked``) or its
    one term, FILLER where a position has none, so positions line up across views."""
    at: dict[int, list[str]] = defaultdict(list)
    for term, pos, _, _ in terms:
        if term not in at[pos]:
            at[pos].append(term)
    if not at:
        return ""
    return " ".join((ALT.join(at[p]) if stacked else at[p][0]) if p in at else FILLER for p in range(max(at) + 1))


def analyse(text: str, pages: tuple[int, ...], analyzer: Analyzer, marks: Marks | None = None) -> dict:
    """The token views of the main document, the chunk starts, each chunk's term counts
    and the key terms: one pass over each view (``analysis.analyzer.document_views``;
    ``marks``: what an OCR'd document's reading knows of its words' marks)."""
    starts = chunk_starts(text, breaks=pages)
    views = analyzer.document_views(text, marks)
    word_chunk = _word_chunks(text, starts) if len(starts) > 1 else None
    counts = [Counter() for _ in starts]
    for name, terms in views.items():
        seen: set[tuple[str, int]] = set()
        for term, pos, index, _ in terms:
            if (term, pos) not in seen:
                seen.add((term, pos))
                counts[word_chunk[index] if word_chunk else 0][tf_key(name, term)] += 1
    weights: dict[str, float] = defaultdict(float)
    folded: list[str] = []
    seen = set()
    for term, pos, _, weight in views["repaired"]:
        if (term, pos) in seen:
            continue
        seen.add((term, pos))
        weights[term] += weight
        if weight == 1.0:  # the word as read; its repairs weigh REPAIR_WEIGHT
            folded.append(term)
    keys = sorted(((t, w) for t, w in weights.items() if len(t) > 1 and t.isalpha()), key=lambda tw: (-tw[1], tw[0]))
    return {
        "tokens": {"exact": _positional(views["exact"], False), "unsure": _positional(views["unsure"], True),
                   "folded": " ".join(folded), "repaired": _positional(views["repaired"], True)},
        "chunks": starts,
        "tf": [sorted(tf_value(t, c) for t, c in chunk.items()) for chunk in counts],
        "key_terms": [[t, round(w, 1)] for t, w in keys[:KEY_TERMS]],
    }


def chunk_records(doc_id: str, text: str, analysed: dict, reading: list[dict] = ()) -> list[tuple[str, dict]]:
    """(record id, body) of each chunk of a text, with its part of the restored
    reading when given (``index.fields.reading_parts``).  This module knows no
    Document: the read side imports its names, and search never imports extraction."""
    starts = analysed["chunks"]
    ends = starts[1:] + [len(text)]
    out = [(chunk_key(doc_id, n), {"doc": doc_id, "n": n, "text": text[a:b], "tf": tf})
           for n, (a, b, tf) in enumerate(zip(starts, ends, analysed["tf"]))]
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
