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

from indexer.index.chunks import SECTION_CHUNKS
from indexer.index.opensearch_chunks import DETAIL_PAGE, TF_SEP, tf_value

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


def best_chunks(handle, ids: list[str], terms: set[str]) -> dict[str, tuple[int, dict]]:
    """doc id -> (number, record) of the chunk holding most of ``terms`` (then most
    matches, then the first), for every document of ``ids``: one search."""
    if not ids:
        return {}
    should = _choice_clauses(terms) + [{"constant_score": {"filter": {"term": {"n": 0}}, "boost": 0.5}}]
    body = {"size": len(ids), "_source": ["doc", "n", "text", "restored_text"], "track_total_hits": False,
            "query": {"bool": {"filter": [{"terms": {"doc": ids}}, {"range": {"n": {"gte": 0}}}],
                               "should": should, "minimum_should_match": 1}},
            "collapse": {"field": "doc"}, "sort": [{"_score": "desc"}, {"n": "asc"}]}
    found = handle.search_chunks(body)["hits"]["hits"]
    return {h["_source"]["doc"]: (h["_source"]["n"], h["_source"]) for h in found}


def chunk_records(handle, doc_id: str, numbers: range) -> list[dict]:
    """The chunk records ``numbers`` of one document, in order (text, and an OCR'd
    document's part of its restored reading)."""
    if not len(numbers):
        return []
    body = {"size": len(numbers), "_source": ["text", "restored_text", "restored_glued"], "sort": [{"n": "asc"}],
            "track_total_hits": False,
            "query": {"bool": {"filter": [{"term": {"doc": doc_id}},
                                          {"range": {"n": {"gte": numbers.start, "lt": numbers.stop}}}]}}}
    return [h["_source"] for h in handle.search_chunks(body)["hits"]["hits"]]


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
