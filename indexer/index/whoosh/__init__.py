"""The Whoosh engine's side of a build: an index folder on this machine.

``schema`` declares the fields, ``store`` owns the folder (the manifest
pointing at the current index, its files and fingerprint).

May import: whoosh, analysis, legal, extract, the index's neutral modules.  Never: the OpenSearch engine, search, the web.
"""
