"""The index: Documents -> an index, written atomically, by one loop for every engine.

Neutral modules: ``build`` is the loop (sources, changed files, add, update,
remove, skip) over an engine's writer (``engine``: the protocol);
``pipeline`` prepares documents in worker processes (extract, analyse,
encode; bad files skipped with a reason) that ``workers`` supervises (a
time budget per file kept by the parent, a dead worker costing only its file);
``analysed`` is the one analysed form of a text (views, chunks, key terms),
``fields`` the values every engine stores, ``weights`` the searched fields
and what a match in each weighs, ``chunks`` where texts are cut, ``report``
what a build did and the record an index keeps of it, ``fingerprint`` what
built an index, so a changed analysis or OCR model rebuilds instead of
mixing.  Each engine's side is a package: ``whoosh`` (a folder) and
``opensearch`` (an alias in a cluster), each an encoder and a writer.

May import: extract, legal, analysis, errors.  Never: search, the web.
"""
