"""Build or update an index from a folder: one writer, one atomic commit.

Whoosh writes new segment files and only then swaps in a new table of
contents, so a build that dies (even by SIGKILL) leaves the previous commit
as it was; the next run redoes the work.  The write lock is an OS file lock,
released when the process dies, so a second indexer fails fast instead of
corrupting anything.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from whoosh.index import LockError

from indexer.extract.records import Document
from indexer.extract.document import EXTRACTION_VERSION
from indexer.errors import IndexBusyError
from indexer.extract.loaders import DEFAULT_MAX_BYTES
from indexer.legal.labels import citation_label
from indexer.index.pipeline import prepared_stream
from indexer.index.schema import SCHEMA_VERSION, TEXT_FIELDS, make_schema
from indexer.extract.sources import discover
from indexer.analysis.text import number_term
from indexer.index.store import INDEX_NAME, open_or_create, read_states

WRITER_MEMORY_MB = 256


@dataclass
class BuildReport:
    indexed: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"indexed {len(self.indexed)}, updated {len(self.updated)}, "
            f"removed {len(self.removed)}, unchanged {self.unchanged}, skipped {len(self.skipped)}"
        ]
        lines += [f"  skipped {path}: {reason}" for path, reason in self.skipped]
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {
            "indexed": self.indexed,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
        }


def _cite_entries(doc: Document) -> list[list[str]]:
    entries = {}
    for c in doc.citations:
        if c.key and c.key not in entries:
            entries[c.key] = [c.key, citation_label(c.key, c.number, c.date, c.year, c.issuer), c.type_code]
    return sorted(entries.values())


def _state(mtime: float, size: int, checksum: str) -> str:
    return f"{checksum} {mtime!r} {size} {EXTRACTION_VERSION}"


def index_fields(doc: Document, postings: dict | None = None) -> dict:
    """The Whoosh field values of one document (text fields pre-analysed or not)."""
    meta = doc.meta
    keys = sorted({c.key for c in doc.citations if c.key})
    return {
        "id": doc.id,
        "path": doc.path,
        "checksum": doc.checksum,
        "filestate": _state(doc.mtime, doc.size, doc.checksum).encode(),
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
        "cites_col": json.dumps(_cite_entries(doc), ensure_ascii=False).encode(),
        "title": meta.title or "",
        "signer": meta.signer or "",
        "recipients": list(meta.recipients),
        "citations": [c.to_dict() for c in doc.citations],
        "text": doc.text,
        **{name: (postings or {}).get(name, doc.text) for name in TEXT_FIELDS},
    }


def write_documents(index_dir: Path, docs: Iterable[Document], *, repair: bool = True) -> int:
    """Add or replace documents by id in one commit (used by benchmarks too)."""
    ix = open_or_create(index_dir, make_schema(repair))
    count = 0
    writer = _writer(ix)
    try:
        for doc in docs:
            writer.update_document(**index_fields(doc))
            count += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    return count


def _writer(ix):
    try:
        # compound=False: a compound segment is read back as in-memory copies of
        # its parts (Whoosh BufferFile), 125 MB of worker RSS at 10,000 documents.
        return ix.writer(limitmb=WRITER_MEMORY_MB, timeout=0.0, compound=False)
    except LockError:
        raise IndexBusyError(
            "another indexer is writing to this index; wait for it to finish and run again"
        ) from None


def build(
    src_dir: Path,
    index_dir: Path,
    *,
    repair: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[Iterable], Iterable] = lambda it: it,
    workers: int | None = None,
) -> BuildReport:
    """Bring the index in line with the folder: add, update, remove, skip."""
    report = BuildReport()
    files, passed = discover(src_dir)
    report.skipped.extend(passed)
    ix = open_or_create(index_dir, make_schema(repair))
    known = read_states(ix)
    changed = _changed(files, known, report)
    writer = _writer(ix)
    try:
        for prepared in progress(prepared_stream(changed, max_bytes, repair, workers)):
            _index_one(writer, prepared, known, report)
        seen = {source.relpath for source in files}
        for doc_id in sorted(set(known) - seen):
            writer.delete_by_term("id", doc_id)
            report.removed.append(doc_id)
    except BaseException:
        writer.cancel()
        raise
    writer.commit(optimize=False)
    _write_manifest(index_dir, report)
    return report


def _changed(files, known, report: BuildReport) -> list:
    """The files whose size or mtime differ from what the index recorded, or that an
    older extraction read."""
    changed = []
    for source in files:
        previous = known.get(source.relpath)
        try:
            stat = source.path.stat()
        except OSError:
            changed.append(source)  # prepare() will say why it cannot be read
            continue
        if previous and previous[1:] == (stat.st_mtime, stat.st_size, EXTRACTION_VERSION):
            report.unchanged += 1
        else:
            changed.append(source)
    return changed


def _index_one(writer, prepared, known, report: BuildReport) -> None:
    if prepared.skipped is not None:
        report.skipped.append((prepared.source.relpath, prepared.skipped))
        return
    doc = prepared.doc
    previous = known.get(doc.id)
    if previous and previous[0] == doc.checksum and previous[3] == EXTRACTION_VERSION:
        # Touched but not changed: refresh the recorded state only.
        report.unchanged += 1
    elif previous:
        report.updated.append(doc.id)
    else:
        report.indexed.append(doc.id)
    writer.update_document(**index_fields(doc, prepared.postings))


def _write_manifest(index_dir: Path, report: BuildReport) -> None:
    """Record what the last build did, for `python -m indexer status`."""
    manifest = {"schema_version": SCHEMA_VERSION, "index_name": INDEX_NAME, "last_build": report.to_dict()}
    tmp = index_dir / "manifest.json.tmp"
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(index_dir / "manifest.json")
