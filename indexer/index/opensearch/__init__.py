"""The OpenSearch engine's side of a build: an alias in a cluster.

``mapping`` declares the index, its weights and its fingerprint, ``chunks``
the companion index of text chunks, ``encoder`` puts a document in
OpenSearch's form (token strings computed in the workers, the JSON of the
document and its records), ``writer`` sends bulk requests, ``alias`` chooses
the physical index a build writes and moves the alias, ``lock`` keeps one
builder per alias, ``client`` reaches the cluster and ``health`` says what
is wrong with it (no node answers, no manager elected, a red index) and
waits a bounded time for a lost node's shards.

May import: opensearchpy, analysis, legal, extract, errors, the index's neutral modules.  Never: the Whoosh engine, search, the web.
"""
