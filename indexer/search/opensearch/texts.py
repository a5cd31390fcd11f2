"""A document's text and citations from its records in the companion index.

The main index holds no text (``index.opensearch.chunks``).  What a request
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
from indexer.index.opensearch.chunks import DETAIL_PAGE, TF_SEP, tf_key, tf_value
from indexer.search import rules

DISTINCT = 1000.0  # a chunk holding one more of the query's words beats any count of matches
COUNTED = rules.BEST_CHUNK_COUNT - 1  # matches of one word counted one by one; more count as COUNTED + 1


def _term_clauses(key: str) -> dict:
    """A chunk holding ``key`` (a tf key: view prefix and term) scores DISTINCT plus
    its count, up to COUNTED + 1."""
    out = [{"constant_score": {"filter": {"term": {"tf": tf_value(key, k)}}, "boost": DISTINCT + k}}
           for k in range(1, COUNTED + 1)]
    few = [tf_value(key, k) for k in range(1, COUNTED + 1)]
    many = {"bool": {"filter": [{"prefix": {"tf": key + TF_SEP}}], "must_not": [{"terms": {"tf": few}}]}}
    out.append({"constant_score": {"filter": many, "boost": DISTINCT + COUNTED + 1}})
    return {"bool": {"should": out}}


def _choice_clauses(words) -> list[dict]:
    """One clause per query word (its (view, term) pairs, ``search.terms``): the best of its terms."""
    out = []
    for slot in words:
        keys = sorted({tf_key(view, term) for view, term in slot})
        out.append(_term_clauses(keys[0]) if len(keys) == 1 else
                   {"dis_max": {"queries": [_term_clauses(k) for k in keys]}})
    return out


def best_chunks(handle, ids: list[str], terms) -> dict[str, tuple[int, dict]]:
    """doc id -> (number, record) of the chunk holding most of ``terms`` (then most
    matches, then the first), for every document of ``ids``: one search."""
    if not ids:
        return {}
    should = _choice_clauses(terms) + [{"constant_score": {"filter": {"term": {"n": 0}}, "boost": 0.5}}]
    body = {"size": len(ids), "_source": ["doc", "n", "text", "restored_text", "restored_unsure"],
            "track_total_hits": False,
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
    body = {"size": len(numbers), "_source": ["text", "restored_text", "restored_glued", "restored_unsure",
                                              "restored_doubtful"], "sort": [{"n": "asc"}],
            "track_total_hits": False,
            "query": {"bool": {"filter": [{"term": {"doc": doc_id}},
                                          {"range": {"n": {"gte": numbers.start, "lt": numbers.stop}}}]}}}
    return [h["_source"] for h in handle.search_chunks(body)["hits"]["hits"]]


def _escaped(term: str) -> str:
    return re.sub(r"([^0-9a-z])", r"\\\1", term)


def word_counts(handle, doc_id: str, words, count: int, per: int = SECTION_CHUNKS) -> list[list[int]]:
    """How many times each query word (its (view, term) pairs) stands in each of the
    ``count`` runs of ``per`` chunks (1: each chunk), from the chunks' term counts."""
    owners: dict[str, list[int]] = {}
    for k, slot in enumerate(words):
        for view, term in slot:
            if term:
                owners.setdefault(tf_key(view, term), []).append(k)
    out = [[0] * len(words) for _ in range(count)]
    if not owners:
        return out
    keys = sorted(owners)
    include = "(" + "|".join(_escaped(t) for t in keys) + ")" + re.escape(TF_SEP) + "[0-9]+"
    body = {"size": 0, "track_total_hits": False,
            "query": {"bool": {"filter": [{"term": {"doc": doc_id}}, {"range": {"n": {"gte": 0}}},
                                          {"bool": {"should": [{"prefix": {"tf": t + TF_SEP}} for t in keys]}}]}},
            "aggs": {"s": {"histogram": {"field": "n", "interval": per, "min_doc_count": 1},
                           "aggs": {"tf": {"terms": {"field": "tf", "include": include, "size": 10000}}}}}}
    for bucket in handle.search_chunks(body)["aggregations"]["s"]["buckets"]:
        run = int(bucket["key"]) // per
        if run < count:
            for b in bucket["tf"]["buckets"]:
                key, _, n = b["key"].rpartition(TF_SEP)
                for k in owners.get(key, []):
                    out[run][k] += int(n) * b["doc_count"]
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
    """doc id -> its first citation of ``key`` and, as "mentions", how many times it
    cites it, for each of ``ids`` citing it: one search (the details records of
    those documents naming the key, first record first)."""
    if not ids:
        return {}
    body = {"size": min(10000, len(ids) * 4), "_source": ["doc", "citations"], "track_total_hits": False,
            "query": {"bool": {"filter": [{"terms": {"doc": ids}}, {"term": {"keys": key}}]}},
            "sort": [{"doc": "asc"}, {"n": "desc"}]}
    out: dict[str, dict] = {}
    for h in handle.search_chunks(body)["hits"]["hits"]:
        f = h["_source"]
        said = [c for c in f.get("citations", []) if c.get("key") == key]
        if said:
            first = out.setdefault(f["doc"], {**said[0], "mentions": 0})
            first["mentions"] += len(said)
    return out
