"""OCR results kept by the file's content hash, outside any one index.

OCR costs seconds per page; reading a cached page costs microseconds.  The
key is the SHA-256 of the file's bytes and of everything that shaped the OCR
(engine version, model, resolution, segmentation mode), so an unchanged file
is never recognised twice, whichever index is rebuilt or however it was
renamed, and a new engine or setting reads it afresh.  Entries are written
atomically (a temporary file renamed), so parallel workers and a killed
build never leave half an entry; an unreadable entry is treated as missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from indexer.extract.loaders.ocr import OcrOptions, engine_version


def cache_key(data: bytes, options: OcrOptions) -> str:
    h = hashlib.sha256(data)
    h.update(f"\0{engine_version(options.tesseract)}\0{options.lang}\0{options.dpi}\0{options.psm}".encode())
    return h.hexdigest()


def _path(options: OcrOptions, key: str) -> Path:
    return Path(options.cache_dir) / key[:2] / f"{key}.json"


def read(options: OcrOptions, key: str) -> dict | None:
    """The cached result ({"pages": [...], "ocr_pages": n}), None when absent or unreadable."""
    if not options.cache_dir:
        return None
    try:
        entry = json.loads(_path(options, key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    pages = entry.get("pages") if isinstance(entry, dict) else None
    if not isinstance(pages, list) or not all(isinstance(p, str) for p in pages):
        return None
    return entry


def write(options: OcrOptions, key: str, entry: dict) -> None:
    """Store an entry; a cache that cannot be written costs speed, never the file."""
    if not options.cache_dir:
        return
    path = _path(options, key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(entry, fh, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        pass
