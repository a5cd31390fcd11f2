"""The OpenSearch engine's side of a build: an alias in a cluster.

``mapping`` declares the index and its fingerprint, ``chunks`` the companion
index of text chunks, ``client`` reaches the cluster, ``alias`` chooses the
physical index a build writes and moves the alias, ``lock`` keeps one
builder per alias, ``build`` sends the documents.

May import: opensearchpy, analysis, legal, extract, the index's neutral modules.  Never: the Whoosh engine, search, the web.
"""
