"""Find the source files below a folder, safely."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .loaders import SUFFIXES


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
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            if path.suffix.lower() not in SUFFIXES:
                continue
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root):
                    passed.append((rel, "symlink to a file outside the source folder"))
                    continue
                if not target.is_file():
                    passed.append((rel, "broken symlink"))
                    continue
            found.append(SourceFile(path, rel))
    return found, passed
