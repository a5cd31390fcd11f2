"""The index folder: a Whoosh index named by its fingerprint, and the manifest pointing at it.

    manifest.json            which index is current, the fingerprint and analysis it
                             was built with, the files of its last commit with their
                             sizes, and what the last build did
    docs_<fp>_<n>_*          the Whoosh files of index "docs_<fp>_<n>"
    _docs_<fp>_<n>_<gen>.toc its table of contents, one per commit

The manifest is the pointer, as Lucene's segments_N file is: a full rebuild
(another fingerprint, or damage) writes ``docs_<fp>_<n+1>`` beside the current
index, replaces the manifest with one rename after its first commit, and only
then removes the old files.  Readers switch at that rename and never see half
an index.  Segment files never change once written, so the sizes, mtimes and
checksums recorded at a commit (``integrity``) let a reader notice a
truncated, deleted or overwritten file cheaply on open, and ``check`` and
every build notice any byte that changed.  A folder with index files and no
manifest is an incomplete first build (killed before its manifest) or a
damaged index: it is said so, and the next build rebuilds it.
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timezone
from dataclasses import asdict, dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

from indexer.analysis.analyzer import Analyzer
from indexer.errors import IndexDamagedError, IndexMismatchError, IndexMissingError
from indexer.index.fingerprint import Fingerprint, fingerprint as index_fingerprint
from indexer.index.whoosh.integrity import Sums, checksum_problems, stat_problems

MANIFEST = "manifest.json"
# What shapes a Whoosh index beyond what shapes every engine's (index.fingerprint).
SHAPING = ("index/whoosh/schema.py", "index/whoosh/encoder.py")
LIBRARIES = ("whoosh-reloaded",)
_TOC = re.compile(r"^_(?P<name>.+)_(?P<gen>\d+)\.toc$")


def fingerprint(analyzer: Analyzer) -> Fingerprint:
    """The fingerprint of Whoosh indexes built by this code with this analyzer."""
    return index_fingerprint(analyzer, SHAPING, LIBRARIES)


@dataclass
class Manifest:
    index_name: str
    fingerprint: str
    repair: bool = True
    model: str | None = None
    generation: int = -1  # of the commit whose files are listed
    files: dict[str, int] = field(default_factory=dict)
    last_build: dict | None = None
    # Of the same files, at the commit (none in a manifest written before they were recorded).
    mtimes: dict[str, int] = field(default_factory=dict)
    checksums: dict[str, str] = field(default_factory=dict)

    @property
    def analyzer(self) -> Analyzer:
        return Analyzer(self.repair, self.model)


def read_manifest(index_dir: Path) -> Manifest | None:
    """The folder's manifest, None when there is none; IndexDamagedError when unreadable."""
    path = Path(index_dir) / MANIFEST
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        known = {k: raw[k] for k in Manifest.__dataclass_fields__ if k in raw}
        return Manifest(**known) if "fingerprint" in known else None
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError) as exc:
        raise IndexDamagedError(f"the index manifest {path} cannot be read ({exc}): {_rebuild_hint(index_dir)}") from None


def built_at(index_dir: Path) -> str:
    """When the last build ended (ISO 8601, UTC): every build writes the manifest last."""
    try:
        when = (Path(index_dir) / MANIFEST).stat().st_mtime
    except OSError:
        return ""
    return datetime.fromtimestamp(when, timezone.utc).isoformat(timespec="seconds")


def write_manifest(index_dir: Path, manifest: Manifest) -> None:
    """Replace the manifest in one rename (readers see the old one or the new one)."""
    tmp = Path(index_dir) / (MANIFEST + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(asdict(manifest), fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(Path(index_dir) / MANIFEST)


def _rebuild_hint(index_dir) -> str:
    return f"run `python -m indexer build SRC_DIR --index {index_dir}` (it rebuilds the index)"


def latest_generation(index_dir: Path, name: str) -> int:
    """The generation of the newest table of contents of index ``name``, -1 when none."""
    gens = [int(m.group("gen")) for f in _listing(index_dir) if (m := _TOC.match(f)) and m.group("name") == name]
    return max(gens, default=-1)


def _listing(index_dir: Path) -> list[str]:
    try:
        return os.listdir(index_dir)
    except FileNotFoundError:
        return []


def index_files(index_dir: Path, name: str) -> dict[str, int]:
    """Every file of index ``name`` with its size: segment files and its newest TOC."""
    gen = latest_generation(index_dir, name)
    out = {}
    for f in _listing(index_dir):
        if f.endswith("_WRITELOCK"):
            continue  # Whoosh's lock file comes and goes
        if f.startswith(name + "_") or f == f"_{name}_{gen}.toc":
            try:
                out[f] = (Path(index_dir) / f).stat().st_size
            except FileNotFoundError:
                continue  # removed by a merge while we listed
    return out


def quick_check(index_dir: Path, manifest: Manifest, sums: Sums | None = None) -> list[str]:
    """Problems a reader can see without reading the index: missing, resized or
    rewritten files (``integrity.stat_problems``).

    Files are compared only when the manifest describes the newest commit (a
    build writes the manifest just after committing, and a merge may have
    removed the files it lists in between).
    """
    index_dir = Path(index_dir)
    gen = latest_generation(index_dir, manifest.index_name)
    if gen < 0:
        return [f"no table of contents of index {manifest.index_name}"]
    if gen != manifest.generation:
        return []
    return stat_problems(index_dir, manifest, sums)


def sound_check(index_dir: Path, manifest: Manifest, sums: Sums | None = None) -> list[str]:
    """``quick_check`` and every file's bytes against its checksum: what a build
    trusts before it adds to an index (so it repairs whatever ``check`` reports)."""
    problems = quick_check(index_dir, manifest, sums)
    if problems or latest_generation(Path(index_dir), manifest.index_name) != manifest.generation:
        return problems
    return checksum_problems(Path(index_dir), manifest, sums)


def full_check(ix) -> tuple[list[str], int]:
    """Read every term, posting, column and stored record: (problems found, documents)."""
    problems, count = [], 0
    try:
        with ix.reader() as reader:
            for fieldname in reader.indexed_field_names():
                for term in reader.lexicon(fieldname):
                    matcher = reader.postings(fieldname, term)
                    while matcher.is_active():
                        matcher.id(), matcher.weight()
                        if matcher.supports("positions"):
                            matcher.value_as("positions")
                        matcher.next()
            for fieldname in ix.schema.names():
                if reader.has_column(fieldname):
                    list(reader.column_reader(fieldname))
            for docnum in reader.all_doc_ids():
                count += "id" in reader.stored_fields(docnum)
    except Exception as exc:  # noqa: BLE001 - any failure to read is the damage being looked for
        problems.append(f"reading the index failed: {exc.__class__.__name__}: {exc}")
    return problems, count


def incomplete(index_dir: Path) -> bool:
    """Index files and no manifest: a first build killed before it wrote its
    manifest, or the manifest deleted."""
    return any(_TOC.match(f) for f in _listing(index_dir))


INCOMPLETE = ("is incomplete or damaged: it has index files but no manifest.json "
              "(a first build killed before it finished, or the file deleted)")


def open_current(index_dir: Path, sums: Sums | None = None):
    """Open the current index for reading, checked; (ix, manifest).

    IndexMissingError when nothing was built here, IndexMismatchError when it
    was built by other code or another OCR model, IndexDamagedError when it is
    incomplete or its files are missing, truncated or rewritten.  Each message
    says what to run.
    """
    index_dir = Path(index_dir)
    manifest = read_manifest(index_dir)
    if manifest is None:
        if incomplete(index_dir):
            raise IndexDamagedError(f"the index in {index_dir} {INCOMPLETE}: {_rebuild_hint(index_dir)}")
        raise IndexMissingError(f"no index in {index_dir}: run `python -m indexer build SRC_DIR --index {index_dir}` first")
    expected = fingerprint(manifest.analyzer).digest
    if expected != manifest.fingerprint:
        raise IndexMismatchError(
            f"the index in {index_dir} was built by other code or another OCR model "
            f"(fingerprint {manifest.fingerprint}, this version makes {expected}): {_rebuild_hint(index_dir)}"
        )
    problems = quick_check(index_dir, manifest, sums)
    if problems:
        raise damaged(index_dir, problems)
    try:
        ix = whoosh_index.open_dir(str(index_dir), indexname=manifest.index_name)
    except Exception as exc:  # noqa: BLE001 - an unreadable TOC is damage, whatever Whoosh raises
        raise IndexDamagedError(f"the index in {index_dir} cannot be opened ({exc.__class__.__name__}): {_rebuild_hint(index_dir)}") from None
    return ix, manifest


def damaged(index_dir, problems: list[str]) -> IndexDamagedError:
    return IndexDamagedError(f"the index in {index_dir} is damaged ({'; '.join(problems[:3])}): {_rebuild_hint(index_dir)}")


def check(index_dir: str) -> str:
    """Every file against its checksum, then the whole current index read
    (``full_check``): what to print, or IndexDamagedError."""
    ix, manifest = open_current(Path(index_dir))
    problems = sound_check(Path(index_dir), manifest)
    if not problems:
        problems, count = full_check(ix)
    if problems:
        raise IndexDamagedError(f"the index in {index_dir} is damaged: {'; '.join(problems)}; {_rebuild_hint(index_dir)}")
    sums = f", {len(manifest.checksums)} checksums" if manifest.checksums else ""
    return f"ok: {count} documents, every file of {manifest.index_name} read{sums}"


def open_index(index_dir: Path):
    """The current index, checked (see ``open_current``)."""
    return open_current(index_dir)[0]


def manifest_state(index_dir: Path) -> tuple | None:
    """The manifest's inode, mtime and size (None when there is none): one stat."""
    try:
        st = (Path(index_dir) / MANIFEST).stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


def toc_state(index_dir: Path) -> tuple:
    """What changes when a build commits or the index is replaced: cheap to read."""
    tocs = sorted(f for f in _listing(index_dir) if _TOC.match(f))
    return manifest_state(index_dir), tuple(tocs)


def documents(searcher):
    """The stored fields of every document (not of the chunk records holding texts)."""
    return (f for f in searcher.all_stored_fields() if "id" in f)


def read_states(ix) -> dict[str, tuple[str, float, int, str]]:
    """Map each indexed id to (checksum, mtime, size), from columns only."""
    states: dict[str, tuple[str, float, int, str]] = {}
    with ix.reader() as reader:
        if reader.doc_count() == 0:
            return states
        ids = reader.column_reader("id", translate=True)
        filestate = reader.column_reader("filestate")
        for docnum in reader.all_doc_ids():
            if not ids[docnum]:
                continue  # a chunk record of a document's text
            checksum, mtime, size, *policy = filestate[docnum].decode().split(" ")
            states[ids[docnum]] = (checksum, float(mtime), int(size), policy[0] if policy else "")
    return states
