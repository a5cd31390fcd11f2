"""The domain, as data and the code that reads it.

Tables in ``data/`` (read lazily, never at import): issuing bodies, dated,
with the 2025 mergers (bodies.json -> ``bodies``; their issuer codes in any
OCR spelling -> ``codes``), the level words of units (levels.json ->
``levels``), the 2025 map of units and the provinces each of the 34 was
formed from (units-2025.tsv, provinces-2025.json -> ``unitmaps``; the old
map is vietnam-provinces 0.6.0), read on a document's date by ``units``.
Document types of Decree 30/2020 (``doctypes``) and the marks of its header:
secrecy levels, urgency, circulation notes (marks.json -> ``marks``); the
spelling of reader groups (``groups``).  One grammar for số ký hiệu
(``numbers``) and one for dates (``dates``), each composed per context
(header, citation, query); identity keys of documents (``keys``); how a cited
document is named (``labels``).  Read by extraction (to recognise) and by
search (to parse queries and label facets).

May import: analysis (normalisation and folding).  Never: extract, index, search, an engine's library.
"""
