"""File on disk -> Document: load, normalise, read metadata and citations."""

from __future__ import annotations

import hashlib
from pathlib import Path

from indexer.extract.records import Document
from indexer.extract.loaders import DEFAULT_MAX_BYTES, OcrOptions, load_file
from indexer.extract.policy import access_of, archive_root
from indexer.analysis.text import fold, normalize

# Pages are joined by a blank line, as a PDF's text layer always was.
PAGE_SEPARATOR = "\n\n"

def document_id(relpath: str) -> str:
    """The stable id of a document: its path relative to the source folder."""
    return relpath


def document_from_text(doc_id: str, path: str, raw_text: str) -> Document:
    """Normalise text once and read what the header and body say."""
    return document_from_pages(doc_id, path, [raw_text])


def join_pages(raw_pages: list[str]) -> tuple[str, list[int]]:
    """Normalised pages as one text, and the offsets where pages 2, 3 ... start."""
    texts = [normalize(p) for p in raw_pages] or [""]
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + len(PAGE_SEPARATOR)
    return PAGE_SEPARATOR.join(texts), starts[1:]


def document_from_pages(doc_id: str, path: str, raw_pages: list[str]) -> Document:
    """Normalise each page once, keep where it starts, read header and citations,
    and restore OCR'd text (``extract.restore``: the reading beside the text,
    never in place of it)."""
    from indexer.extract.citations import extract_citations
    from indexer.extract.force import dates_of_force
    from indexer.extract.metadata import extract_metadata
    from indexer.extract.document_relations import assign_relations
    from indexer.extract.restore.reading import read

    text, starts = join_pages(raw_pages)
    meta = extract_metadata(text)
    citations = merge_unresolved(extract_citations(text, meta))
    doc = Document(id=doc_id, path=path, text=text, meta=meta, citations=citations, pages=starts)
    doc.reading = read(doc)
    folded = fold(text)
    assign_relations(doc, folded)  # on the reading of OCR'd text: after it
    force = dates_of_force(doc.reading.text, meta) if doc.reading else (None, None)
    meta.effective_date, meta.end_date = force if any(force) else dates_of_force(text, meta, folded)
    return doc


def _identity(key: str) -> str:
    """Type, number, issuer code and year: a key without its issuing body."""
    return "-".join(key.split("-", 4)[:4])


def merge_unresolved(citations: list) -> list:
    """Give a citation whose issuing body was not stated the body that another
    mention of the same number, year and issuer code in this document states.

    "UBND tỉnh ban hành Quyết định số 173/QĐ-UBND" and, later, "Quyết định số
    173/QĐ-UBND ngày 08/02/2023 của UBND tỉnh" are one decision; only the
    second names the body.  Within one document that is the only reading; with
    two different bodies for the same identity nothing is merged.
    """
    bodies: dict[str, set[str]] = {}
    for c in citations:
        if c.key and c.key != _identity(c.key):
            bodies.setdefault(_identity(c.key), set()).add(c.key)
    for c in citations:
        if c.key and c.key == _identity(c.key) and len(bodies.get(c.key, ())) == 1:
            c.key = next(iter(bodies[c.key]))
            c.issuer = c.issuer or next((o.issuer for o in citations if o.key == c.key and o.issuer), None)
    return citations


def document_from_file(path: Path, relpath: str, max_bytes: int = DEFAULT_MAX_BYTES,
                       ocr: OcrOptions | None = OcrOptions()) -> Document:
    """Read one source file into a Document; raises SkipFile with the reason."""
    loaded = load_file(path, max_bytes, ocr)
    doc = document_from_pages(document_id(relpath), relpath, loaded.pages)
    stat = path.stat()
    doc.mtime = stat.st_mtime
    doc.size = stat.st_size
    doc.checksum = hashlib.sha1(loaded.data).hexdigest()
    doc.encoding = loaded.encoding or ""
    doc.notes = list(loaded.notes)
    doc.ocr_pages, doc.ocr_cached = loaded.ocr_pages, loaded.ocr_cached
    access = access_of(archive_root(path, relpath), relpath)
    doc.access_groups, doc.access_policies = access.groups, list(access.policies)
    doc.notes += access.problems
    return doc
