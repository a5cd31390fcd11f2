"""File on disk -> Document: load, normalise, read metadata and citations."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .documents import Document
from .loaders import DEFAULT_MAX_BYTES, load_file
from .text import normalize


def document_id(relpath: str) -> str:
    """The stable id of a document: its path relative to the source folder."""
    return relpath


def document_from_text(doc_id: str, path: str, raw_text: str) -> Document:
    """Normalise text once and read what the header and body say."""
    from .citations import extract_citations
    from .metadata import extract_metadata

    text = normalize(raw_text)
    meta = extract_metadata(text)
    citations = extract_citations(text, meta)
    return Document(id=doc_id, path=path, text=text, meta=meta, citations=citations)


def document_from_file(path: Path, relpath: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one source file into a Document; raises SkipFile with the reason."""
    raw_text, data = load_file(path, max_bytes)
    doc = document_from_text(document_id(relpath), relpath, raw_text)
    stat = path.stat()
    doc.mtime = stat.st_mtime
    doc.size = stat.st_size
    doc.checksum = hashlib.sha1(data).hexdigest()
    return doc
