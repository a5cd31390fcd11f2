"""A document's relations: each citation's kind read from its sentence (``relations``).

OCR'd text is read on its restored reading, where "Can cv" is "Căn cứ" again;
the words that decided are then checked against the OCR text, letter for letter
("Can cv" against "can cu", "stra doi" against "sua doi"), and where the
reading's words are not mostly the OCR's (the restorer guessed them), the OCR
text is read instead.  ``facts`` is what ``legal.validity`` needs of a document.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from indexer.analysis.text import fold
from indexer.extract.records import Document
from indexer.extract.relations import DEFAULT, Read, read_relations
from indexer.legal import relations as rel
from indexer.legal.validity import Act, Facts


def assign_relations(doc: Document, folded: str | None = None) -> None:
    """Set ``relation``, ``partial`` and ``articles`` of every citation of ``doc``
    (``folded``: the fold of its text, when the caller has it)."""
    if not doc.citations:
        return
    spans = [(c.start, c.end) for c in doc.citations]
    got = read_relations(doc.text, spans, doc.meta, folded)
    if doc.reading is not None and doc.reading.text:
        from indexer.analysis.alignment import OffsetMap  # only OCR'd text has a reading

        offsets = OffsetMap(doc.reading.spans)
        rspans = [(offsets.to_restored(s), offsets.to_restored(e, True)) for s, e in spans]
        restored = read_relations(doc.reading.text, rspans, doc.meta)
        got = [_checked(r, o, doc.text, doc.reading.text, offsets) for r, o in zip(restored, got)]
    for c, r in zip(doc.citations, got):
        c.relation, c.partial, c.articles = r.kind, r.partial, list(r.articles)


def _checked(restored: Read, ocr: Read, text: str, reading: str, offsets) -> Read:
    """The reading's answer when the words that gave it are, letter for letter, mostly the
    OCR's ("Can cv" for "Căn cứ", "stra doi" for "sửa đổi"); else what the OCR text says."""
    if restored.kind == DEFAULT or restored.said_at is None:
        return ocr if ocr.kind != DEFAULT else restored
    s, e = restored.said_at
    got = re.sub(r"[^a-z]", "", fold(text[offsets.to_original(s) : offsets.to_original(e, True)]))
    want = re.sub(r"[^a-z]", "", fold(reading[s:e]))
    if want and SequenceMatcher(None, got, want, autojunk=False).ratio() >= 0.6:
        return restored
    return ocr


def facts(doc: Document) -> Facts:
    """What ``legal.validity`` needs of a document: its key, dates and the acts it reads."""
    acts = tuple(Act(c.relation, c.key, c.partial, tuple(c.articles)) for c in doc.citations
                 if c.key and c.relation in rel.acts())
    m = doc.meta
    cites = tuple(dict.fromkeys(c.key for c in doc.citations if c.key))
    return Facts(m.key, doc.id, m.type_code, m.date, m.effective_date, m.end_date, acts, cites)
