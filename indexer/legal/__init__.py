"""The domain, as data and the code that reads it.

Document types of Decree 30/2020 (``doctypes``), issuing bodies (``bodies``),
administrative units (``units``, read lazily from the unit lists), the grammar
of số ký hiệu and their citation keys (``numbers``), and how a cited document
is named (``labels``).  Read by extraction (to recognise) and by search (to
parse queries and label facets).

May import: analysis (normalisation and folding).  Never: extract, index, search.
"""
