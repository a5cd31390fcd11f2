"""The Whoosh engine's side of a build: an index folder on this machine.

``schema`` declares the fields, ``encoder`` puts a document in Whoosh's form
(postings computed in the workers, stored fields, chunk records),
``writer`` is the build's writer (one writer per folder, one atomic commit;
the folder's flock), ``store`` owns the folder (the manifest pointing at the
current index, its files and fingerprint) and reads it back.

May import: whoosh, analysis, legal, extract, errors, the index's neutral modules.  Never: the OpenSearch engine, search, the web.
"""
