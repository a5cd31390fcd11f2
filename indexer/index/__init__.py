"""The index: Documents -> an index folder, written atomically.

``pipeline`` prepares documents in worker processes (extract + analyse, a
time budget per file, bad files skipped with a reason); ``build`` has one
writer add, update and remove in one commit; ``fields`` maps a Document to the
values stored and searched; ``fingerprint`` says what built an index, so a
changed analysis or OCR model rebuilds instead of mixing.  Each engine's side
is a package: ``whoosh`` (its schema; ``store`` owns the folder: the manifest
points at the current index and records its files) and ``opensearch``.

May import: extract, legal, analysis.  Never: search, the web.
"""
