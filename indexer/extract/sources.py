"""Find the source files below a folder, safely."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from indexer.extract.loaders import SUFFIXES


@dataclass(frozen=True)
class SourceFile:
    path: Path  # absolute
    relpath: str  # "/"-separated, relative to the source folder


def discover(src_dir: Path) -> tuple[list[SourceFile], list[tuple[str, str]]]:
    """Return (files to index, [(relpath, reason)] of files passed over).

    A symlink is followed only when its target stays inside ``src_dir``: the
    archive must never pull in a file from elsewhere on the machine.
    """
    root = src_dir.resolve()
    found: list[SourceFile] = []
    passed: list[tuple[str, str]] = []

    def unreadable(error: OSError) -> None:
        rel = Path(error.filename).relative_to(root).as_posix() + "/"
        passed.append((rel, f"folder cannot be read ({error.strerror or error}): its files are not indexed"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=unreadable):
        kept = []
        for d in sorted(dirnames):
            if d.startswith("."):  # tools' folders (.git, .Trash-1000), not the archive's
                continue
            if (Path(dirpath) / d).is_symlink():
                # Following folder links could pull in the whole machine or loop forever.
                passed.append(((Path(dirpath) / d).relative_to(root).as_posix() + "/", "symlink to a folder: not followed"))
                continue
            kept.append(d)
        dirnames[:] = kept
        for name in sorted(filenames):
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            if path.suffix.lower() not in SUFFIXES:
                continue
            reason = _passed_reason(path, root)
            if reason:
                passed.append((rel, reason))
                continue
            found.append(SourceFile(path, rel))
    return found, passed


def _passed_reason(path: Path, root: Path) -> str | None:
    """Why a listed file must not be read, or None when it can be.

    A name starting with "." is no reason: the archives come from Windows,
    where "..txt" or ".ke-hoach.docx" are files like any other, seen by
    the staff who put them there.  macOS's "._name" companions are not
    documents (the Finder's data about "name"), and are said so."""
    if path.name.startswith("._"):
        return f"macOS metadata file (the Finder's data about {path.name[2:]!r}), not a document"
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
            return "broken symlink (missing target or a loop)"
        if not target.is_relative_to(root):
            return "symlink to a file outside the source folder"
    # A named pipe or device would block or stream forever when read.
    if not path.is_file():
        return "not a regular file (named pipe, socket or device)"
    return None
