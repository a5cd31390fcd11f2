"""``search.query`` nodes -> Whoosh query objects.

Views and keyword fields are Whoosh fields of the same names
(``index.schema``); a node's boost becomes the query's boost, which
``postings.scoring_terms`` carries into BM25 (``ranking``).
"""

from __future__ import annotations

from whoosh import query as Q

from indexer.search import query as N


def compile_node(node) -> Q.Query:
    if isinstance(node, N.Term):
        return Q.Term(node.view, node.text, boost=node.boost)
    if isinstance(node, N.Phrase):
        return Q.Phrase(node.view, list(node.words), boost=node.boost)
    if isinstance(node, N.Keyword):
        return Q.Term(node.field, node.value, boost=node.boost)
    if isinstance(node, N.Pattern):
        return Q.Wildcard(node.field, node.pattern, boost=node.boost)
    if isinstance(node, N.Range):
        return Q.TermRange(node.field, node.lo, node.hi)
    if isinstance(node, N.Any):
        return Q.Or([compile_node(n) for n in node.nodes], boost=node.boost)
    if isinstance(node, N.All):
        return Q.And([compile_node(n) for n in node.nodes])
    if isinstance(node, N.Not):
        return Q.AndNot(compile_node(node.node), compile_node(node.without))
    if isinstance(node, N.Everything):
        return Q.Every()
    if isinstance(node, N.Nothing):
        return Q.NullQuery
    raise TypeError(f"not a query node: {node!r}")
