"""Extraction: a file on disk -> a Document (``records``).

``sources`` finds files safely below a folder, ``loaders`` turns bytes into
text (one function per format), ``document`` normalises it and reads the
header (``headers``, ``metadata``, ``central``, ``signature``; the secrecy,
urgency and circulation marks: ``marks``), the documents it cites
(``citations``, ``issuers``) and who may read it (``policy``: the folder
policies above the file -> ``Document.access_groups``).  A file that cannot become
a document raises SkipFile with the reason.

May import: legal, analysis.  Never: index, search, an engine's library.
"""
