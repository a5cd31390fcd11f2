"""A document's text and citations from its records in the companion index.

The main index holds no text (``index.opensearch_chunks``).  What a request
reads is bounded by the page, not by the length of the documents on it:

- a page of hits: one search of the chunk records of its documents, which
  scores each chunk by the query's words it holds (its ``tf`` keywords
  ``word#count``: ``DISTINCT`` per word, plus the count up to ``COUNTED``)
  and keeps the best chunk per document (``collapse``), text included (its
  restored reading for OCR'd text), the first chunk when none holds a word;
- the document page: the chunks of one section (with their part of an
  OCR'd document's restored reading), and the matches of every
  section counted by a terms aggregation over ``tf`` (no text read);
- citations: the document's first details records; a decision page asks the
  citing documents' details records that hold its key.
"""

from __future__ import annotations

import re

from indexer.index.chunks import SECTION_CHUNKS, section_chunks
from indexer.index.opensearch.chunks import DETAIL_PAGE, TF_SEP, tf_value
from indexer.search.highlight import snippets
from indexer.search.reading import joined_texts, shown_text

DISTINCT = 1000.0  # a chunk holding one more of the query's words beats any count of matches
COUNTED = 12  # matches of one word counted one by one; more count as COUNTED + 1


def _choice_clauses(terms: set[str]) -> list[dict]:
    out = []
    for t in sorted(terms):
        for k in range(1, COUNTED + 1):
            out.append({"constant_score": {"filter": {"term": {"tf": tf_value(t, k)}}, "boost": DISTINCT + k}})
        few = [tf_value(t, k) for k in range(1, COUNTED + 1)]
        many = {"bool": {"filter": [{"prefix": {"tf": t + TF_SEP}}], "must_not": [{"terms": {"tf": few}}]}}
        out.append({"constant_score": {"filter": many, "boost": DISTINCT + COUNTED + 1}})
    return out


def best_chunks(handle, ids: list[str], terms: set[str]) -> dict[str, tuple[int, str]]:
    """doc id -> (number, text) of the chunk holding most of ``terms`` (then most matches,
    then the first), for every document of ``ids``: one search."""
    if not ids:
        return {}
    should = _choice_clauses(terms) + [{"constant_score": {"filter": {"term": {"n": 0}}, "boost": 0.5}}]
    body = {"size": len(ids), "_source": ["doc", "n", "text", "restored_text"], "track_total_hits": False,
            "query": {"bool": {"filter": [{"terms": {"doc": ids}}, {"range": {"n": {"gte": 0}}}],
                               "should": should, "minimum_should_match": 1}},
            "collapse": {"field": "doc"}, "sort": [{"_score": "desc"}, {"n": "asc"}]}
    found = handle.search_chunks(body)["hits"]["hits"]
    return {h["_source"]["doc"]: (h["_source"]["n"], shown_text(h["_source"])) for h in found}


def hit_snippets(handle, hits: list[dict], marks: frozenset[str] | None,
                 terms: set[str]) -> dict[str, tuple[list[str], int]]:
    """Snippets of each hit (its ``_source`` with id and chunk_count) from its best
    chunk, and that chunk's number (the page of the hit, ``search.paging``)."""
    chosen = best_chunks(handle, [f["id"] for f in hits], terms)
    out = {}
    for f in hits:
        n, text = chosen.get(f["id"], (0, ""))
        count = int(f.get("chunk_count") or 1)
        out[f["id"]] = (snippets(text, marks, more_before=n > 0, more_after=n < count - 1), n)
    return out


def section_texts(handle, stored: dict, section: int) -> tuple[str, int, str | None, list[int]]:
    """(text of one section of the document page, its offset in the whole text,
    its restored reading or None, the offsets in the section of the OCR words
    read as two), as ``search.whoosh.texts.section_texts``."""
    starts = stored.get("chunks") or [0]
    chunks = section_chunks(section, len(starts))
    if not len(chunks):
        return "", 0, None, []
    body = {"size": len(chunks), "_source": ["text", "restored_text", "restored_glued"], "sort": [{"n": "asc"}],
            "track_total_hits": False,
            "query": {"bool": {"filter": [{"term": {"doc": stored["id"]}},
                                          {"range": {"n": {"gte": chunks.start, "lt": chunks.stop}}}]}}}
    records = [h["_source"] for h in handle.search_chunks(body)["hits"]["hits"]]
    text, restored, glued = joined_texts(records, bool(stored.get("has_reading")))
    return text, starts[chunks.start], restored, glued


def _escaped(term: str) -> str:
    return re.sub(r"([^0-9a-z])", r"\\\1", term)


def section_matches(handle, doc_id: str, terms: set[str], count: int, per: int = SECTION_CHUNKS) -> list[int]:
    """Matches of ``terms`` in each of the ``count`` sections (of ``per`` chunks; 1
    for each chunk), from the chunks' term counts."""
    terms = sorted(t for t in terms if t)
    if not terms:
        return [0] * count
    include = "(" + "|".join(_escaped(t) for t in terms) + ")" + re.escape(TF_SEP) + "[0-9]+"
    body = {"size": 0, "track_total_hits": False,
            "query": {"bool": {"filter": [{"term": {"doc": doc_id}}, {"range": {"n": {"gte": 0}}},
                                          {"bool": {"should": [{"prefix": {"tf": t + TF_SEP}} for t in terms]}}]}},
            "aggs": {"s": {"histogram": {"field": "n", "interval": per, "min_doc_count": 1},
                           "aggs": {"tf": {"terms": {"field": "tf", "include": include, "size": 10000}}}}}}
    out = [0] * count
    for bucket in handle.search_chunks(body)["aggregations"]["s"]["buckets"]:
        k = int(bucket["key"]) // per
        if k < count:
            out[k] = sum(int(b["key"].rsplit(TF_SEP, 1)[1]) * b["doc_count"] for b in bucket["tf"]["buckets"])
    return out


def details(handle, doc_id: str, most: int) -> tuple[list[dict], int]:
    """(the first ``most`` citations of a document, how many it has)."""
    pages = max(1, -(-most // DETAIL_PAGE))
    body = {"size": pages, "_source": ["citations", "total"], "sort": [{"n": "desc"}], "track_total_hits": False,
            "query": {"bool": {"filter": [{"term": {"doc": doc_id}}, {"range": {"n": {"gte": -pages, "lt": 0}}}]}}}
    found = [h["_source"] for h in handle.search_chunks(body)["hits"]["hits"]]
    citations = [c for f in found for c in f.get("citations", [])]
    return citations[:most], int(found[0].get("total", len(citations))) if found else 0


def mentions(handle, ids: list[str], key: str) -> dict[str, dict]:
    """doc id -> its first citation of ``key``, for each of ``ids`` citing it: one search."""
    if not ids:
        return {}
    body = {"size": len(ids), "_source": ["doc", "citations"], "track_total_hits": False,
            "query": {"bool": {"filter": [{"terms": {"doc": ids}}, {"term": {"keys": key}}]}},
            "collapse": {"field": "doc"}, "sort": [{"n": "desc"}]}
    out = {}
    for h in handle.search_chunks(body)["hits"]["hits"]:
        f = h["_source"]
        out[f["doc"]] = next((c for c in f.get("citations", []) if c.get("key") == key), {})
    return out
