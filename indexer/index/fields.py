"""Document -> the values an index stores and searches, the same for every engine.

``index_fields`` is every value of one document but its text and its text
views, as plain Python values (strings, lists, numbers); each engine's
encoder shapes them for its store (Whoosh: space-separated keywords and
columns of bytes; OpenSearch: keyword lists).  The text is stored in chunks
(``index.chunks``); ``reading_parts`` cuts an OCR'd document's restored
reading where its text is cut.  Product rules decided here, at index time,
for both engines: which cited documents the cites facet counts
(``cited_decisions``), what a document shows as its title, signer and unit
(``restored_values``), the counts of the profile "similar documents" ranks by
(``profile_counts``; each engine's encoder indexes them, in the worker).
"""

from __future__ import annotations

from indexer.analysis.alignment import OffsetMap
from indexer.extract.records import Document
from indexer.index.access import document_terms as access_terms, policy_state
from indexer.index.weights import PROFILE_MAX_COUNT
from indexer.legal.labels import citation_label
from indexer.legal.relation_terms import document_terms as relation_terms
from indexer.legal.relations import force
from indexer.legal.validity import identity
from indexer.legal.numbers import number_term

# The cites facet counts cited decisions (Quyết định) only: a document's
# decisions are what a reader follows from it ("implements Decision 173"),
# while the plans and reports it mentions would crowd them out.
FACET_CITED_TYPE = "QĐ"


def cite_entries(doc: Document) -> list[list[str]]:
    """[key, label, type code] of each cited document, once per key."""
    entries = {}
    for c in doc.citations:
        if c.key and c.key not in entries:
            entries[c.key] = [c.key, citation_label(c.key, c.number, c.date, c.year, c.issuer), c.type_code]
    return sorted(entries.values())


def cited_decisions(entries: list[list[str]]) -> list[str]:
    """The keys of ``cite_entries`` the cites facet counts (FACET_CITED_TYPE)."""
    return [key for key, _, type_code in entries if type_code == FACET_CITED_TYPE]


def relation_entries(doc: Document) -> list[list]:
    """[kind, cited key, partial, articles] of each relation the document reads, once per
    (kind, key, partial), articles merged, in the order of the text."""
    out: dict[tuple, list] = {}
    for c in doc.citations:
        if c.key and c.relation:
            entry = out.setdefault((c.relation, c.key, bool(c.partial)), [c.relation, c.key, bool(c.partial), []])
            entry[3] += [a for a in c.articles if a not in entry[3]]
    return list(out.values())


def relation_values(doc: Document) -> dict:
    """What validity is derived from at search time (``legal.relation_terms``): the
    document's relations, their terms, its dates of force, its identity and whether
    its type has force (``legal.relations.force``)."""
    meta = doc.meta
    rels = relation_entries(doc)
    return {
        "relations": rels,
        **relation_terms(meta.key, meta.effective_date or meta.date, rels),
        "key_identity": identity(meta.key) if meta.key else "",
        "effective_date": meta.effective_date or "",
        "end_date": meta.end_date or "",
        "force": force(meta.type_code),
    }


def file_state(doc: Document) -> str:
    """"checksum mtime size policy": what an incremental build compares (the last,
    ``index.access.policy_state``, changes when a folder policy above the file
    does, so the file is indexed again with its new access terms)."""
    return f"{doc.checksum} {doc.mtime!r} {doc.size} {policy_state(doc.access_groups)}"


def index_fields(doc: Document, chunks: list[int], chunk_positions: list[int],
                 key_terms: list[tuple[str, float]]) -> dict:
    """Every stored and searchable value of one document but its text and text views."""
    meta = doc.meta
    entries = cite_entries(doc)
    return {
        "id": doc.id,
        "path": doc.path,
        # Who may read it (index.access): every search filters on these terms.
        "access": access_terms(meta.secrecy, doc.access_groups),
        "secrecy": meta.secrecy or "",
        "checksum": doc.checksum,
        "filestate": file_state(doc),
        "mtime": doc.mtime,
        "size": doc.size,
        "number": meta.number or "",
        # Folded số ký hiệu ("173/qd-ubnd") of the document and of what it cites.
        "numbers": [t for t in [number_term(meta.number or "")] if t],
        "cited_numbers": sorted({t for c in doc.citations if (t := number_term(c.number or ""))}),
        "key": meta.key or "",
        "type": meta.type_code or "",
        "type_name": meta.type_name or "",
        "date": meta.date or "",
        "year": str(meta.year) if meta.year else "",
        "unit": meta.unit or "",
        "province": meta.province or "",
        "cites": sorted({c.key for c in doc.citations if c.key}),
        "cite_entries": entries,
        "cite_decisions": cited_decisions(entries),
        # Relation kinds, dates of force: validity is derived from them when searching.
        **relation_values(doc),
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


def profile_counts(key_terms: list[tuple[str, float]]) -> list[tuple[str, int]]:
    """The key terms as the profile field counts them (``index.weights.PROFILE_FIELD``):
    each as often as it weighs (at least once, at most PROFILE_MAX_COUNT), whole
    counts, so every engine counts the same term frequencies."""
    return [(t, min(PROFILE_MAX_COUNT, max(1, round(w)))) for t, w in key_terms]


def profile(key_terms: list[tuple[str, float]]) -> str:
    """The profile as text: each term repeated as often as it counts, separated by spaces."""
    return " ".join(" ".join([t] * n) for t, n in profile_counts(key_terms))


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
    [offset, readings]) and of the changes a reader should check
    (``restored_doubtful``); [] for clean text.  Both engines' chunk records
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
