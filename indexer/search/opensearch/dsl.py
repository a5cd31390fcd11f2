"""``search.query`` nodes -> OpenSearch query DSL.

The token fields hold what the analysis made (``index.opensearch.mapping``):
``exact`` is the exact view; the folded view is two fields, because Lucene's
term frequencies are whole numbers and cannot index a repair at half
weight: ``folded`` (each word as read) and ``repaired`` (the word and its
repairs stacked at one position).  A folded-view term asks both, its weight
split so a word read as typed scores the whole weight and a word found only
as a repair two thirds of it.  Phrases use the stacked field, so "của chủ
tịch" matches "ciia chu tich".
"""

from __future__ import annotations

from indexer.index.weights import READ_WEIGHT, REPAIR_ONLY_WEIGHT
from indexer.search import query as N
from indexer.search import rules

# The folded view's weight, split between the stacked field and the field of
# the words as read (index.weights: a repair alone scores REPAIR_ONLY_WEIGHT).
STACKED_SHARE = REPAIR_ONLY_WEIGHT / READ_WEIGHT
AS_READ_SHARE = 1 - STACKED_SHARE
MATCH_ALL = {"match_all": {}}
NOTHING = {"match_none": {}}


def _should(subs: list[dict], boost: float = 1.0) -> dict:
    if len(subs) == 1 and boost == 1.0:
        return subs[0]
    return {"bool": {"should": subs, "minimum_should_match": 1, "boost": boost}}


def _term(field: str, value: str, boost: float) -> dict:
    return {"term": {field: {"value": value, "boost": boost}}}


def _span(view: str, term: str) -> dict:
    """One (view, term) as a span on the stacked field's positions (the views share them)."""
    span = {"span_term": {view: term}}
    return span if view == rules.REPAIRED else {"span_field_masking": {"query": span, "field": rules.REPAIRED}}


def _phrase(node: N.Phrase) -> dict:
    """A plain phrase of one view is a ``match_phrase``; words asked in different views
    are spans in a row (``span_near``, no slop), each slot any of its pairs."""
    view = node.single_view()
    if view is not None:
        return {"match_phrase": {view: {"query": " ".join(node.words), "boost": rules.VIEWS[view] * node.boost}}}
    clauses = [_span(*slot[0]) if len(slot) == 1 else {"span_or": {"clauses": [_span(v, t) for v, t in slot]}}
               for slot in node.slots]
    weight = sum(rules.VIEWS[slot[0][0]] for slot in node.slots) / len(node.slots)
    return {"span_near": {"clauses": clauses, "slop": 0, "in_order": True, "boost": weight * node.boost}}


def compile_node(node) -> dict:
    if isinstance(node, N.Term):
        if node.view == rules.REPAIRED:
            return _should([_term("repaired", node.text, node.boost * STACKED_SHARE),
                            _term("folded", node.text, node.boost * AS_READ_SHARE)])
        return _term(node.view, node.text, node.boost)
    if isinstance(node, N.Phrase):
        return _phrase(node)
    if isinstance(node, N.Keyword):
        return _term(node.field, node.value, node.boost)
    if isinstance(node, N.Pattern):
        return {"wildcard": {node.field: {"value": node.pattern, "boost": node.boost}}}
    if isinstance(node, N.Range):
        ends = {k: v for k, v in (("gte", node.lo), ("lte", node.hi)) if v is not None}
        return {"range": {node.field: ends}}
    if isinstance(node, N.Any):
        values = _keyword_values(node)
        if values is not None:
            return {"terms": {values[0]: values[1]}}
        return _should([compile_node(n) for n in node.nodes], node.boost)
    if isinstance(node, N.All):
        return {"bool": {"must": [compile_node(n) for n in node.nodes]}}
    if isinstance(node, N.Not):
        return {"bool": {"must": [compile_node(node.node)], "must_not": [compile_node(node.without)]}}
    if isinstance(node, N.Everything):
        return MATCH_ALL
    if isinstance(node, N.Nothing):
        return NOTHING
    raise TypeError(f"not a query node: {node!r}")


# An OR of more whole values of one keyword field than this is one ``terms`` query: the
# documents of a validity value (search.standing) can be thousands of ids, past Lucene's
# limit of clauses in one query; a terms query has none.  Such ORs filter and count
# (their scores do not matter); a ranked OR of a few values keeps its should clauses.
TERMS_FROM = 16


def _keyword_values(node) -> tuple[str, list[str]] | None:
    nodes = node.nodes
    if len(nodes) <= TERMS_FROM or node.boost != 1.0:
        return None
    if not all(isinstance(n, N.Keyword) and n.boost == 1.0 for n in nodes):
        return None
    fields = {n.field for n in nodes}
    return (fields.pop(), [n.value for n in nodes]) if len(fields) == 1 else None


def with_filters(q: dict, filters: list) -> dict:
    """The query, its hits narrowed by ``filters`` (nodes, in filter context: they do not score)."""
    if not filters:
        return q
    return {"bool": {"must": [q], "filter": [compile_node(f) for f in filters]}}


def proximity_rescore(groups: list[tuple[tuple[str, ...], float]], window: int,
                      word_idf: dict[str, float]) -> dict | None:
    """The together-bonus as a rescore of the best ``window`` hits.

    The product scores a group found together as its words' BM25 times the
    group's weight (``search.rules``; the Whoosh engine computes it over
    positions).  A phrase query scores as one pseudo-term in Lucene, so
    here a group found together earns a constant: its weight times the
    product's idf of its words (``word_idf``) times the folded view's weight."""
    if not groups:
        return None
    weight = rules.VIEWS[rules.POSITIONS]
    bonuses = [{"constant_score": {"filter": {"match_phrase": {"repaired": " ".join(words)}},
                                   "boost": w * weight * sum(word_idf.get(x, 1.0) for x in words)}}
               for words, w in groups]
    return {"window_size": window, "query": {
        "rescore_query": {"bool": {"should": bonuses}}, "query_weight": 1.0, "rescore_query_weight": 1.0,
        "score_mode": "total"}}
