"""A document's restored reading (``records.Reading``), made when it is extracted.

Only OCR'd text is restored (``detect``); clean text gets no reading and is
shown and indexed as it stands.  Each citation's sentence is cut from the
reading too (``Citation.restored_context``), for the decision pages.  The header values are restored on their own
(a title reads well without the page around it), unless they already carry
their marks: the unit comes from the gazetteer, spelled right.
"""

from __future__ import annotations

from functools import lru_cache

from indexer.analysis.analyzer import WORD
from indexer.extract.citations import context_of
from indexer.extract.records import Document, Reading
from indexer.extract.restore.detect import MAX_MARKED, needs_restoring
from indexer.extract.restore.guard import place_names
from indexer.extract.restore.restorer import Restorer


@lru_cache(maxsize=1)
def default_restorer() -> Restorer:
    """The process's restorer (model and repairer load on first use)."""
    return Restorer()


def read(doc: Document, restorer: Restorer | None = None) -> Reading | None:
    """The reading of an OCR'd document, None for clean text."""
    restorer = restorer or default_restorer()
    if not needs_restoring(doc.text, restorer.repairer.is_syllable):
        return None
    meta = doc.meta
    found = restorer.restore(doc.text, tuple(place_names(meta.unit, meta.province)))
    offsets = found.offsets()
    for c in doc.citations:
        c.restored_context = context_of(found.text, offsets.to_restored(c.start), offsets.to_restored(c.end, True))
    return Reading(
        found.text, found.glued, spans=found.spans,
        title=_value(restorer, meta.title), signer=_value(restorer, meta.signer), unit=_value(restorer, meta.unit),
    )


def _value(restorer: Restorer, value: str | None) -> str | None:
    """A header value restored, or as it stands when its words carry their marks."""
    if not value:
        return value
    words = [w for w in WORD.findall(value) if w.isalpha()]
    if words and sum(1 for w in words if not w.isascii()) / len(words) >= MAX_MARKED:
        return value
    return restorer.restore(value).text


def warm_up() -> None:
    """Load the model and compile the decoder before the first document."""
    restorer = default_restorer()
    restorer.restore("Ket luan cua Chu tich UBND huyen")
