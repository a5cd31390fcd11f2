"""The index: Documents -> an index folder, written atomically.

``pipeline`` prepares documents in worker processes (extract + analyse, bad
files skipped with a reason) that ``workers`` supervises (a time budget per
file kept by the parent, a dead worker costing only its file); ``build`` has one
writer add, update and remove in one commit; ``fields`` maps a Document to the
values stored and searched, ``schema`` declares them for Whoosh; ``store``
owns the folder (the manifest points at the current index and records its
files) and ``fingerprint`` says what built it, so a changed analysis or OCR
model rebuilds instead of mixing.

May import: extract, legal, analysis.  Never: search, the web.
"""
