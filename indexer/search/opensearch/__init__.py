"""The OpenSearch engine: an alias in a cluster, for archives that outgrow one machine.

``engine.OpenSearchEngine`` answers the search pipeline (``search.engine``):
``handle`` finds the index behind the alias and checks its fingerprint,
``dsl`` turns query nodes into the query DSL, ``facets`` builds the
disjunctive aggregations, ``texts`` reads chunk and details records from
the companion index.

May import: opensearchpy (through index.opensearch.client), analysis, legal, index (the OpenSearch
mapping, chunks, client), search's neutral modules.  Never: the Whoosh engine.
"""
