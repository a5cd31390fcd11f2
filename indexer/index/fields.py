"""Document -> the field values the index stores and searches (engine-neutral).

``analyse`` runs in the worker processes: the text fields' postings (as the
Whoosh writer would compute them), where the chunks start and the words kept
for "similar documents".  The Whoosh writer takes the fields as they are;
another engine maps the same dict to its own documents.  Facet columns hold one value per document; citations are kept
whole (stored) and as keys (searchable, and a column for facet counts).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from indexer.analysis.alignment import OffsetMap
from indexer.analysis.analyzer import Analyzer

from indexer.extract.records import Document
from indexer.index.chunks import DETAILS, chunk_key, chunk_starts
from indexer.index.whoosh.schema import EXACT_FIELD, PROXIMITY_FIELD, TEXT_FIELDS, PreAnalyzed, make_schema
from indexer.legal.labels import citation_label
from indexer.legal.numbers import number_term


@dataclass
class Analysed:
    """What the writer needs beyond the Document: the text fields' postings, where the
    chunks start (characters) and at which position of the repaired view."""

    postings: dict[str, PreAnalyzed]
    chunks: list[int]
    chunk_positions: list[int]
    key_terms: list[tuple[str, float]]


_schemas: dict[Analyzer, object] = {}


# Key terms kept per document for "similar documents": the most frequent words of
# its repaired view; the request weighs them by the archive's idf of the day.
KEY_TERMS = 64


def analyse(doc: Document, analyzer: Analyzer) -> Analysed:
    """Compute the text fields' postings now, exactly as the writer would, and the chunks."""
    schema = _schemas.setdefault(analyzer, make_schema(analyzer))
    starts = chunk_starts(doc.text, breaks=tuple(doc.pages))
    postings, positions = {}, []
    for name in TEXT_FIELDS:
        fld = schema[name]
        fmt = fld.format
        items, marks = fld.analyzer.postings(view_text(doc, name, analyzer), fmt.field_boost, fmt.encode,
                                             starts if name == PROXIMITY_FIELD else ())
        postings[name] = PreAnalyzed(items)
        if name == PROXIMITY_FIELD:
            positions, key_terms = marks, _key_terms(items, fmt.field_boost)
    return Analysed(postings, starts, positions, key_terms)


def view_text(doc: Document, name: str, analyzer: Analyzer) -> str:
    """The text a view is analysed from: an OCR'd document's accented view is its
    restored reading (an accented query then finds the words as they were
    written; a word the reading leaves as read because the model was unsure is
    indexed as its likeliest reading all the same), every other view the text
    as read, with its OCR repairs.  An index without OCR repair (the
    baseline) has no OCR-aware view at all."""
    if name == EXACT_FIELD and doc.reading is not None and analyzer.repair:
        return doc.reading.searched or doc.reading.text
    return doc.text


def _key_terms(items, boost: float) -> list[tuple[str, float]]:
    """The KEY_TERMS words with the most weight: letters, two or more of them."""
    words = [(t.decode("utf-8"), w / boost) for t, _, w, _ in items if len(t) > 1 and t.isalpha()]
    words.sort(key=lambda tw: (-tw[1], tw[0]))
    return [(t, round(w, 1)) for t, w in words[:KEY_TERMS]]


def cite_entries(doc: Document) -> list[list[str]]:
    """[key, label, type code] of each cited document, once per key."""
    entries = {}
    for c in doc.citations:
        if c.key and c.key not in entries:
            entries[c.key] = [c.key, citation_label(c.key, c.number, c.date, c.year, c.issuer), c.type_code]
    return sorted(entries.values())


def file_state(doc: Document) -> str:
    """"checksum mtime size": what an incremental build compares."""
    return f"{doc.checksum} {doc.mtime!r} {doc.size}"


def index_fields(doc: Document, chunks: list[int], chunk_positions: list[int],
                 key_terms: list[tuple[str, float]]) -> dict:
    """Every stored and searchable value of one document but its text (see ``chunk_records``)."""
    meta = doc.meta
    keys = sorted({c.key for c in doc.citations if c.key})
    return {
        "id": doc.id,
        "path": doc.path,
        "checksum": doc.checksum,
        "filestate": file_state(doc).encode(),
        "mtime": doc.mtime,
        "size": doc.size,
        "number": meta.number or "",
        "numbers": number_term(meta.number) if meta.number else "",
        "cited_numbers": " ".join(sorted({number_term(c.number) for c in doc.citations if c.number})),
        "key": meta.key or "",
        "type": meta.type_code or "",
        "type_name": meta.type_name or "",
        "date": meta.date or "",
        "year": str(meta.year) if meta.year else "",
        "unit": meta.unit or "",
        "province": meta.province or "",
        "cites": " ".join(keys),
        "cites_col": json.dumps(cite_entries(doc), ensure_ascii=False).encode(),
        "title": meta.title or "",
        "signer": meta.signer or "",
        "recipients": list(meta.recipients),
        # Whether the text is OCR'd and restored, and the header values to show.
        "has_reading": doc.reading is not None,
        **restored_values(doc),
        # The numbers it cites (a hit says which one a number query matched);
        # the citations themselves, with their sentences, are in the details record.
        "cited": sorted({c.number for c in doc.citations if c.number}),
        "chunks": chunks,
        "chunk_positions": chunk_positions,
        "key_terms": key_terms,
        "pages": list(doc.pages),
        # How the text was read (a legacy encoding, OCR'd pages) and what a reader should know.
        "encoding": doc.encoding,
        "notes": list(doc.notes),
        "ocr_pages": doc.ocr_pages,
    }


def restored_values(doc: Document) -> dict[str, str]:
    """restored_title, restored_signer, restored_unit: as restored, or for clean
    text the values themselves (what to show either way, for every engine)."""
    source = doc.reading if doc.reading is not None else doc.meta
    return {f"restored_{name}": getattr(source, name) or "" for name in ("title", "signer", "unit")}


def reading_parts(doc: Document, chunks: list[int]) -> list[dict]:
    """Each chunk's part of an OCR'd document's restored reading (``restored_text``,
    cut where the text is cut) and the offsets, in the chunk, of the OCR words
    read as two (``restored_glued``); [] for clean text.  Both engines' chunk
    records carry them."""
    if doc.reading is None:
        return []
    ends = chunks[1:] + [len(doc.text)]
    offsets = OffsetMap(doc.reading.spans)
    return [{"restored_text": doc.reading.text[offsets.to_restored(a) : offsets.to_restored(b)],
             "restored_glued": [g - a for g in doc.reading.glued if a <= g < b]}
            for a, b in zip(chunks, ends)]


def chunk_records(doc: Document, chunks: list[int]) -> list[dict]:
    """The text of one document, one record per chunk, and the record of its details.

    An OCR'd document's chunks also carry their part of the restored reading
    (``restored_text``, cut where the text is cut) and the offsets, in the
    chunk, of the OCR words read as two (``restored_glued``)."""
    ends = chunks[1:] + [len(doc.text)]
    records = [{"chunk_key": chunk_key(doc.id, n), "chunk_of": doc.id, "text": doc.text[a:b]}
               for n, (a, b) in enumerate(zip(chunks, ends))]
    for record, part in zip(records, reading_parts(doc, chunks)):
        record.update(part)
    if doc.citations:
        records.append({"chunk_key": chunk_key(doc.id, DETAILS), "chunk_of": doc.id,
                        "citations": [c.to_dict() for c in doc.citations]})
    return records
