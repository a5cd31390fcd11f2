"""Analysis: Vietnamese text -> the terms an engine indexes and queries.

``text`` normalises once on entry (NFC, look-alikes Ð/ð, tone placement hoà =
hòa) and folds one character per character (offsets survive); ``analyzer``
turns a text into three views (exact accented, folded, folded with OCR
repairs stacked at the same position) for any engine, ``tokenizer`` adapts it
to Whoosh; ``ocr_repair`` is the learned repair model, ``segment`` pyvi's
compounds, ``syllables`` the shape of a Vietnamese syllable, ``confusions``
the one table of what OCR makes of our characters (Đ read B/P/Db, digits read
as letters and back, "S6:" for "Số:"), which every OCR-tolerant rule reads.

The lowest layer: imports nothing of the indexer but its errors.

May import: errors.  Never: legal, extract, index, search.
"""
