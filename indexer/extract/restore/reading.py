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
    # The header values first: the OCR repairer remembers its last answer, and
    # the analyzer asks next for the document's words.
    values = _values(restorer, {name: getattr(meta, name) for name in ("title", "signer", "unit")})
    found = restorer.restore(doc.text, tuple(place_names(meta.unit, meta.province)))
    offsets = found.offsets()
    for c in doc.citations:
        c.restored_context = context_of(found.text, offsets.to_restored(c.start), offsets.to_restored(c.end, True))
    return Reading(
        found.text, found.glued, spans=found.spans, unsure=[(a, r) for a, _, r in found.unsure],
        doubtful=[a for a, _ in found.doubtful], **values,
    )


def _values(restorer: Restorer, values: dict[str, str | None]) -> dict[str, str | None]:
    """Header values restored, each on its own (a blank line between them is a
    boundary, so one call reads them all), or as they stand when their words
    already carry their marks."""
    out = dict(values)
    todo = {k: v for k, v in values.items() if v and "\n\n" not in v and not _marked(v)}
    if todo:
        read = restorer.restore("\n\n".join(todo.values())).text.split("\n\n")
        if len(read) == len(todo):
            out.update(zip(todo, read))
    return out


def _marked(value: str) -> bool:
    words = [w for w in WORD.findall(value) if w.isalpha()]
    return bool(words) and sum(1 for w in words if not w.isascii()) / len(words) >= MAX_MARKED


def warm_up() -> None:
    """Load the model and compile the decoder before the first document."""
    restorer = default_restorer()
    restorer.restore("Ket luan cua Chu tich UBND huyen")
