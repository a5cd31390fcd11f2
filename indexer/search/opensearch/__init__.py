"""The search service over an OpenSearch cluster (the second engine).

The same protocol and records as ``indexer.search.whoosh``, the same query
parsing, ranking intent, snippets and pages; OpenSearch matches, scores,
counts facets (terms aggregations) and stores the documents.  ``handle``
finds the index behind the alias and checks its fingerprint, ``query``
turns a parsed query into the query DSL, ``facets`` builds the disjunctive
aggregations, ``pages`` the document and decision pages, ``lexicon`` the
term statistics behind did-you-mean, completion and similar documents.
"""
