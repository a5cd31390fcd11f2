"""Source file -> text of each page, one module per format.

``load_file`` is the one entry (``extract.document`` calls it): it reads the
file within the size limit and hands the bytes to the loader of its suffix.
Every loader returns a ``Loaded`` (the raw text of each page, not yet
normalised, and what it had to decide: a legacy encoding, OCR'd pages) or
raises SkipFile with a reason a person can act on.

    text      .txt in UTF-8 or a legacy Vietnamese encoding (encodings, charsets)
    html      .html/.htm, visible text
    pdf       text layer; OCR (ocr, cache) for pages without a usable one
    images    .png/.jpg/.jpeg/.tif/.tiff through OCR
    office    .docx, .odt (their XML, tables) and .doc (antiword)
"""

from __future__ import annotations

from pathlib import Path

from indexer.errors import SkipFile
from indexer.extract.loaders.html import load_html
from indexer.extract.loaders.images import SUFFIXES as IMAGE_SUFFIXES, load_image
from indexer.extract.loaders.ocr import OcrOptions
from indexer.extract.loaders.office import load_doc, load_docx, load_odt
from indexer.extract.loaders.pdf import load_pdf
from indexer.extract.loaders.record import Loaded
from indexer.extract.loaders.text import load_txt

SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx", ".doc", ".odt", *IMAGE_SUFFIXES)
# Larger files are almost always exports gone wrong (a whole mailbox, a log);
# reading one would stall the build and bloat the index.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def load_bytes(data: bytes, suffix: str, ocr: OcrOptions | None = None) -> Loaded:
    """The pages of a file's bytes, by its suffix; SkipFile with the reason."""
    suffix = suffix.lower()
    if suffix == ".txt":
        return load_txt(data)
    if suffix in (".html", ".htm"):
        return load_html(data)
    if suffix == ".pdf":
        return load_pdf(data, ocr)
    if suffix in IMAGE_SUFFIXES:
        return load_image(data, ocr, suffix)
    if suffix == ".docx":
        return load_docx(data)
    if suffix == ".odt":
        return load_odt(data)
    if suffix == ".doc":
        return load_doc(data)
    raise SkipFile(f"unsupported file type {suffix!r}")


def load_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, ocr: OcrOptions | None = OcrOptions()) -> Loaded:
    """Read one file and return its pages (and bytes); raise SkipFile with a reason."""
    if path.suffix.lower() not in SUFFIXES:
        raise SkipFile(f"unsupported file type {path.suffix!r}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SkipFile(f"too large ({size / 2**20:.1f} MB > {max_bytes / 2**20:.0f} MB limit)")  # MB as --max-mb counts them
        data = path.read_bytes()
    except OSError as exc:
        raise SkipFile(f"cannot read ({exc.strerror or exc})") from None
    if not data:
        raise SkipFile("empty file (0 bytes)")
    loaded = load_bytes(data, path.suffix, ocr)
    loaded.data = data
    return loaded


__all__ = ["DEFAULT_MAX_BYTES", "SUFFIXES", "Loaded", "OcrOptions", "load_bytes", "load_file"]
