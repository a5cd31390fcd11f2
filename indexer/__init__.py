"""Vietnamese administrative documents -> an index, and search over it.

Follow one document from disk to a hit:

    extract/   file -> Document (sources, loaders, headers, metadata, citations)
    analysis/  normalised text -> terms of three views, OCR repairs stacked (Analyzer)
    index/     Document + terms -> the index folder, one atomic commit (pipeline, build);
               the index records its fingerprint (index.fingerprint)
    search/    the SearchService the web holds: parse -> match -> facets -> rank -> snippets;
               ``search.access``: who may read what (the one rule, both engines)
    accounts/  people, the audit log and saved searches in a SQL database (the web's second door)

``legal/`` holds the domain both sides read (document types, issuing bodies,
administrative units, the grammar of numbers and dates, citation keys).
Never imports Flask, and nothing in it imports the CLI (``cli``); the web app
(searchapp) imports only ``indexer.search`` and ``indexer.accounts``.  Each
package's docstring says what it may import and never imports, as the
contracts in pyproject.toml do (tests/test_architecture.py holds the two together).
"""
