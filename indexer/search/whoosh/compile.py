"""``search.query`` nodes -> Whoosh query objects.

Views and keyword fields are Whoosh fields of the same names
(``index.whoosh.schema``); a node's boost becomes the query's boost, which
``postings.scoring_terms`` carries into BM25 (``ranking``).  A phrase whose
words stand in different views is a ``SlotPhrase``, matched over positions
by ``postings``.
"""

from __future__ import annotations

from whoosh import query as Q

from indexer.search import query as N
from indexer.search import rules


class SlotPhrase(Q.Query):
    """Words at consecutive positions, each of several (view, term) pairs: the views
    share one position sequence (``analysis.analyzer``).  Matched by
    ``postings.phrase_ids``; Whoosh never runs it itself."""

    def __init__(self, slots, boost: float = 1.0):
        self.slots = tuple(tuple(slot) for slot in slots)
        self.boost = boost

    def __eq__(self, other):
        return isinstance(other, SlotPhrase) and (self.slots, self.boost) == (other.slots, other.boost)

    def __hash__(self):
        return hash((self.slots, self.boost))

    def __repr__(self):
        return f"SlotPhrase({self.slots!r}, boost={self.boost})"


def compile_node(node) -> Q.Query:
    if isinstance(node, N.Term):
        return Q.Term(node.view, node.text, boost=node.boost)
    if isinstance(node, N.Phrase):
        view = node.single_view()
        if view is not None:
            return Q.Phrase(view, list(node.words), boost=rules.VIEWS[view] * node.boost)
        return SlotPhrase(node.slots, node.boost)
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
