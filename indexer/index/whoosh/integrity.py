"""Is a Whoosh index still what its last commit wrote?  Checksums recorded at commit.

Segment files never change once written, so each commit records, for every
file of the index, its size, its mtime and a CRC-32 of its bytes (the
manifest's ``files``, ``mtimes`` and ``checksums``).  Damage is then cheap to
see:

- ``stat_problems``: a file missing, resized, or written since (its mtime
  moved): one stat per file, cheap enough for a reader to repeat every half
  second.  A file whose mtime moved but whose bytes are the recorded ones (an
  index folder copied without its times) is not damage: its checksum is
  computed once and the answer kept (``Sums``).
- ``checksum_problems``: every file's bytes against its checksum, for damage
  that left the file's size and mtime alone (a disk that rotted a sector).
  ``indexer check`` and every build run it, so a build repairs whatever
  check reports; a reader runs it when a read failed, to tell damage from a bug.

A manifest written before checksums were recorded has none: its files are
checked by size only.
"""

from __future__ import annotations

import os
import threading
import zlib
from pathlib import Path

BLOCK = 1 << 20


def file_checksum(path: Path) -> str:
    """CRC-32 of the file's bytes, as 8 hex digits (what Lucene's footers use too:
    enough to notice damage, which is not an attacker choosing collisions)."""
    crc = 0
    with open(path, "rb") as fh:
        while block := fh.read(BLOCK):
            crc = zlib.crc32(block, crc)
    return f"{crc:08x}"


def _stat(path: str | Path) -> tuple[int, int, int] | None:
    """(size, mtime, ctime) in ns; None when the file is gone."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns


class Sums:
    """Checksums computed in this process, by (path, size, mtime, ctime): a file is
    read once, however often its damage (or its copied mtime) is looked at, and
    again after anything wrote to it or its times.  A sector that rots under an
    unchanged inode is seen by a new ``Sums`` (a reader makes one now and then)."""

    MAX = 4096

    def __init__(self):
        self._known: dict[tuple, str] = {}
        self._lock = threading.Lock()

    def of(self, path: Path, size: int, mtime_ns: int, ctime_ns: int) -> str:
        key = (str(path), size, mtime_ns, ctime_ns)
        with self._lock:
            found = self._known.get(key)
        if found is None:
            found = file_checksum(path)
            with self._lock:
                if len(self._known) >= self.MAX:
                    self._known.clear()
                self._known[key] = found
        return found


def record(index_dir: Path, sizes: dict[str, int], previous=None) -> tuple[dict[str, int], dict[str, str]]:
    """(mtime, checksum) of each file just committed; a file the previous manifest
    recorded with the same size and mtime keeps its checksum (it was not rewritten)."""
    mtimes, checksums = {}, {}
    old_mtimes = getattr(previous, "mtimes", None) or {}
    old_sums = getattr(previous, "checksums", None) or {}
    old_sizes = getattr(previous, "files", None) or {}
    for name, size in sizes.items():
        found = _stat(Path(index_dir) / name)
        if found is None:
            continue
        mtimes[name] = found[1]
        same = old_sizes.get(name) == found[0] and old_mtimes.get(name) == found[1] and name in old_sums
        checksums[name] = old_sums[name] if same else file_checksum(Path(index_dir) / name)
    return mtimes, checksums


def stat_problems(index_dir: Path, manifest, sums: Sums | None = None) -> list[str]:
    """Files of the manifest missing, resized, or rewritten since the commit (mtime
    moved and bytes no longer the recorded ones)."""
    index_dir = Path(index_dir)
    problems = []
    for name, size in sorted(manifest.files.items()):
        found = _stat(index_dir / name)
        if found is None:
            problems.append(f"{name} is missing")
        elif found[0] != size:
            problems.append(f"{name} has {found[0]} bytes, {size} when committed")
        elif name in manifest.mtimes and found[1] != manifest.mtimes[name] and name in manifest.checksums:
            got = (sums or Sums()).of(index_dir / name, *found)
            if got != manifest.checksums[name]:
                problems.append(f"{name} was written since the commit (checksum {got}, {manifest.checksums[name]} "
                                "when committed)")
    return problems


def checksum_problems(index_dir: Path, manifest, sums: Sums | None = None) -> list[str]:
    """Every file of the manifest read whole and compared with its recorded checksum."""
    index_dir = Path(index_dir)
    problems = stat_problems(index_dir, manifest, sums)
    bad = {p.split(" ", 1)[0] for p in problems}
    for name, want in sorted(manifest.checksums.items()):
        if name in bad:
            continue
        found = _stat(index_dir / name)
        if found is None:
            continue
        try:
            got = (sums or Sums()).of(index_dir / name, *found)
        except OSError as exc:
            problems.append(f"{name} cannot be read ({exc.strerror or exc})")
            continue
        if got != want:
            problems.append(f"{name} does not hold what was committed (checksum {got}, {want} when committed)")
    return problems


def fingerprint_of_files(index_dir: Path, manifest) -> tuple:
    """Size and mtime of the manifest and of each file it lists: what a reader
    compares on each use to notice a file changed under it."""
    names = ["manifest.json", *sorted(manifest.files)]
    folder = os.fspath(index_dir)  # os.stat of a string: a Path per file cost more than the stat
    return tuple((name, _stat(os.path.join(folder, name))) for name in names)


__all__ = ["Sums", "checksum_problems", "file_checksum", "fingerprint_of_files", "record", "stat_problems"]
