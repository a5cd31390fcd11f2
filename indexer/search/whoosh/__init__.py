"""The Whoosh engine: the embedded default, an index folder and nothing to start.

``engine.WhooshEngine`` answers the search pipeline (``search.engine``):
``handle`` keeps the current searcher (reopened after a commit), ``compile``
turns query nodes into Whoosh queries, ``postings`` matches them as numpy
arrays of docnums, ``facets`` counts per-document columns, ``ranking`` scores
BM25 and ``proximity`` the together-bonus on the best, ``texts`` reads chunk
and details records.

May import: whoosh, analysis, legal, index (schema, store, chunks), search's neutral modules
(and numpy, for postings).
Never: the OpenSearch engine.
"""
