"""Analysis: Vietnamese text -> the terms an engine indexes and queries.

``text`` normalises once on entry (NFC, look-alikes Ð/ð, tone placement hoà =
hòa) and folds one character per character (offsets survive); ``analyzer``
turns a text into three views (exact accented, folded, folded with OCR
repairs stacked at the same position) for any engine, ``tokenizer`` adapts it
to Whoosh; ``ocr_repair`` is the learned repair model, ``segment`` pyvi's
compounds, ``syllables`` the shape of a Vietnamese syllable.

The lowest layer: imports nothing of the indexer but its errors.
"""
