"""The Whoosh engine: the embedded default, an index folder and nothing to start.

``service.WhooshSearchService`` implements the search protocol.  A request
flows: ``handle`` (the current searcher, reopened after a commit) ->
``matching`` (ParsedQuery -> Whoosh query) -> ``postings`` (matching docnums
as numpy arrays) -> ``facets`` (disjunctive counts) -> ``ranking`` (BM25, then
``proximity`` on the best) -> snippets.  ``pages`` reads document and
decision pages, ``similar`` and ``suggest`` the side panels.

May import: whoosh, analysis, legal, index (schema, store), search's neutral modules.
"""
