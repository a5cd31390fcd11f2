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

from bisect import bisect_left

from indexer.analysis.alignment import OffsetMap
from indexer.analysis.analyzer import WORD, Analyzer, Marks, view
from indexer.analysis.tokenizer import VietTokenizer

from indexer.extract.records import Document
from indexer.index.chunks import DETAILS, chunk_key, chunk_starts
from indexer.index.schema import PROXIMITY_FIELD, TEXT_FIELDS, PreAnalyzed, make_schema
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
    views = analyzer.document_views(doc.text, marks_of(doc))
    postings = {}
    for name in TEXT_FIELDS:
        fmt = schema[name].format
        postings[name] = PreAnalyzed(VietTokenizer.encode_terms(views[name], fmt.field_boost, fmt.encode))
    repaired = views[PROXIMITY_FIELD]
    items = postings[PROXIMITY_FIELD].items
    return Analysed(postings, starts, chunk_positions(doc.text, starts, repaired),
                    _key_terms(items, schema[PROXIMITY_FIELD].format.field_boost))


def marks_of(doc: Document) -> Marks | None:
    """What an OCR'd document's restored reading knows of its words' marks (None: clean
    text, every word's marks known): the words read with confidence as others, and
    those it was unsure of with the readings it found plausible."""
    reading = doc.reading
    if reading is None:
        return None
    readings = {s[0]: reading.text[s[2]:s[3]] for s in reading.spans}
    return Marks(readings, {start: tuple(options) for start, options in reading.unsure})


def chunk_positions(text: str, starts: list[int], terms) -> list[int]:
    """The position of the first term of each chunk (a chunk without terms: the
    position after the last term), for snippet windows and match counts."""
    if len(starts) == 1:
        return [0]
    seen = view(text, "repaired")
    word_starts = [m.start() for m in WORD.finditer(seen)]
    firsts = [bisect_left(word_starts, o) for o in starts]
    marks: list[int] = []
    last = 0
    for _, pos, index, _ in terms:
        while len(marks) < len(firsts) and index >= firsts[len(marks)]:
            marks.append(pos)
        last = pos + 1
    return marks + [last] * (len(firsts) - len(marks))


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
    cut where the text is cut), the offsets, in the chunk, of the OCR words read as
    two (``restored_glued``, in the text), and, in the chunk's reading, of the words
    whose marks are unknown with their plausible readings (``restored_unsure``:
    [offset, readings]) and of the changes a reader should
    check (``restored_doubtful``); [] for clean text.  Both engines' chunk records
    carry them."""
    if doc.reading is None:
        return []
    ends = chunks[1:] + [len(doc.text)]
    offsets = OffsetMap(doc.reading.spans)
    out = []
    for a, b in zip(chunks, ends):
        ra, rb = offsets.to_restored(a), offsets.to_restored(b)
        out.append({"restored_text": doc.reading.text[ra:rb],
                    "restored_glued": [g - a for g in doc.reading.glued if a <= g < b],
                    "restored_unsure": [[offsets.to_restored(u) - ra, list(options)]
                                        for u, options in doc.reading.unsure if a <= u < b],
                    "restored_doubtful": [offsets.to_restored(u) - ra for u in doc.reading.doubtful if a <= u < b]})
    return out


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
