"""ParsedQuery -> OpenSearch query DSL, with the ranking rules of the Whoosh engine.

- A word asks three fields whose scores add up: ``exact`` (only when typed
  with accents), then each of its folded/repaired terms in ``folded`` (words
  as read) and ``repaired`` (reads and OCR repairs stacked); see
  ``index.opensearch_mapping`` for the weights.  The query word is analysed
  by the index's analyzer, so an OCR spelling typed ("ciia") also asks for
  what it repairs to.
- Phrases run in the ``repaired`` view (alternatives share a position), and
  in ``exact`` too when every word carries marks.
- A số ký hiệu: the document's own number far above documents citing it,
  far above documents that contain its digits.
- Words found together (``search.plan``) earn their bonus in a rescore of
  the best ``rerank_depth`` candidates, as the Whoosh engine reranks them.
"""

from __future__ import annotations

import math

from indexer.analysis.analyzer import Analyzer
from indexer.analysis.text import fold, has_diacritics, lower
from indexer.index.opensearch.mapping import EXACT_BOOST, FOLDED_BOOST, REPAIRED_BOOST
from indexer.legal.numbers import number_term
from indexer.search.parse import Clause, ParsedQuery

NUMBER_BOOST = 20.0
CITED_NUMBER_BOOST = 8.0
PHRASE_BOOST = FOLDED_BOOST + REPAIRED_BOOST  # a phrase read as typed weighs what its words weigh
NOTHING = {"match_none": {}}


def _or(subs: list[dict], boost: float = 1.0) -> dict:
    if len(subs) == 1 and boost == 1.0:
        return subs[0]
    return {"bool": {"should": subs, "minimum_should_match": 1, "boost": boost}}


def _term(field: str, value: str, boost: float) -> dict:
    return {"term": {field: {"value": value, "boost": boost}}}


def word_query(word: str, analyzer: Analyzer) -> dict:
    subs = []
    if has_diacritics(word):
        subs.append(_term("exact", lower(word), EXACT_BOOST))
    for term in dict.fromkeys(analyzer.query_terms(word, "repaired")):
        subs += [_term("repaired", term, REPAIRED_BOOST), _term("folded", term, FOLDED_BOOST)]
    return _or(subs) if subs else NOTHING


def _phrase(field: str, words: list[str], boost: float) -> dict:
    return {"match_phrase": {field: {"query": " ".join(words), "boost": boost}}}


def phrase_query(words: list[str], analyzer: Analyzer, boost: float = 1.0) -> dict:
    if len(words) == 1:
        return word_query(words[0], analyzer)
    subs = []
    if all(has_diacritics(w) or w.isdigit() for w in words):
        subs.append(_phrase("exact", [lower(w) for w in words], EXACT_BOOST * boost))
    subs.append(_phrase("repaired", [fold(w) for w in words], PHRASE_BOOST * boost))
    return _or(subs)


def number_query(number: str, analyzer: Analyzer) -> dict:
    term = number_term(number)
    serial, _, rest = term.partition("/")
    partial = "-" not in rest and term.count("/") == 1  # "qd 173" -> "173/qd"
    patterns = [term + "*" if partial else term]
    if term.count("/") == 1:
        # Typed without the year its number carries: "58/NĐ-CP" is "58/2024/NĐ-CP".
        patterns.append(f"{serial}/????/{rest}" + ("*" if partial else ""))

    def field_query(field: str, boost: float) -> dict:
        subs = [{"wildcard": {field: {"value": p}}} if "*" in p or "?" in p else {"term": {field: p}}
                for p in patterns]
        return _or(subs, boost)

    parts = [w for w in _words(number) if w]
    return _or([field_query("numbers", NUMBER_BOOST), field_query("cited_numbers", CITED_NUMBER_BOOST),
                phrase_query(parts, analyzer, 0.5)])


def _words(text: str) -> list[str]:
    return Clause("word", text).words()


def clause_query(clause: Clause, analyzer: Analyzer) -> dict:
    if clause.kind == "number":
        typed = _words(clause.original)
        if clause.original and typed != _words(clause.text):
            return _or([number_query(clause.text, analyzer), phrase_query(typed, analyzer)])
        return number_query(clause.text, analyzer)
    words = _words(clause.text)
    if not words:
        return NOTHING
    if clause.kind == "phrase":
        return phrase_query(words, analyzer)
    return word_query(words[0], analyzer)


def build(pq: ParsedQuery, analyzer: Analyzer, *, relaxed: bool = False) -> dict:
    """The scoring query of the text part; ``relaxed`` ORs the groups instead of ANDing them."""
    groups = [_or([clause_query(c, analyzer) for c in g]) for g in pq.groups]
    if not groups:
        main: dict = {"bool": {"must": [{"match_all": {}}]}}
    elif relaxed:
        main = {"bool": {"should": groups, "minimum_should_match": 1}}
    else:
        main = {"bool": {"must": groups}}
    if pq.excluded:
        main["bool"]["must_not"] = [clause_query(c, analyzer) for c in pq.excluded]
    return main


def with_filters(q: dict, filters: list[dict]) -> dict:
    if not filters:
        return q
    return {"bool": {"must": [q], "filter": filters}}


def date_range(date_from: str | None, date_to: str | None) -> dict:
    """ISO dates sort as text; either end may be open."""
    return {"range": {"date": {"gte": date_from or "0000", "lte": date_to or "9999"}}}


def proximity_rescore(groups: list[tuple[tuple[str, ...], float]], window: int,
                      word_weight: dict[str, float]) -> dict | None:
    """The together-bonus as a rescore of the best ``window`` hits.

    Whoosh scores a group found together as its words' BM25 times the group's
    weight, with Whoosh's idf (log(N/(df+1)) + 1: a common word still counts
    about one).  Lucene's idf gives a common word almost nothing, and a
    phrase query scores as one pseudo-term, so "the whole query, in order"
    would barely move a document.  Here a group found together earns a
    constant: its weight times the Whoosh idf of its words (``word_weight``)
    times the folded/repaired view's weight."""
    if not groups:
        return None
    bonuses = [{"constant_score": {"filter": _phrase("repaired", list(words), 1.0),
                                   "boost": weight * PHRASE_BOOST * sum(word_weight.get(w, 1.0) for w in words)}}
               for words, weight in groups]
    return {"window_size": window, "query": {
        "rescore_query": {"bool": {"should": bonuses}}, "query_weight": 1.0, "rescore_query_weight": 1.0,
        "score_mode": "total"}}


def whoosh_idf(documents: int, doc_freq: int) -> float:
    return math.log(max(1, documents) / (doc_freq + 1)) + 1
