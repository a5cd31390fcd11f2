"""Source file -> text, one small function per format.

Every loader returns raw text (not yet normalised) or raises SkipFile with a
reason a person can act on.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from indexer.errors import SkipFile

SUFFIXES = (".txt", ".html", ".htm", ".pdf")
# Larger files are almost always exports gone wrong (a whole mailbox, a log);
# reading one would stall the build and bloat the index.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# C0 controls other than tab, newline, form feed and carriage return.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def _check_text(text: str) -> str:
    if not text.strip():
        raise SkipFile("no text (empty file)")
    controls = len(_CONTROLS.findall(text, 0, 20000))
    if controls > max(10, len(text[:20000]) // 50):
        raise SkipFile("looks binary: too many control characters")
    return text


def _nul_heavy(data: bytes) -> bool:
    """Binary formats (and UTF-16) are full of NULs; a text export may carry a
    few, e.g. checkbox glyphs of a form saved as NUL (seen in real Thông tư)."""
    head = data[:8192]
    return head.count(b"\x00") > max(2, len(head) // 100)


def decode_utf8(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM); name the offset of a bad byte."""
    if _nul_heavy(data):
        raise SkipFile("binary file (NUL bytes), not text")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SkipFile(f"not valid UTF-8 (bad byte at offset {exc.start})") from None


def load_txt(data: bytes) -> str:
    return _check_text(decode_utf8(data))


def load_html(data: bytes) -> str:
    """Visible text only: scripts, styles and markup are dropped."""
    from bs4 import BeautifulSoup

    if _nul_heavy(data):
        raise SkipFile("binary file (NUL bytes), not HTML")
    soup = BeautifulSoup(data, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        tag.decompose()
    blocks = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section")
    for tag in soup.find_all(blocks):
        tag.insert_after("\n")
    return _check_text(soup.get_text())


def load_pdf(data: bytes) -> str:
    """The PDF's text layer (a scanned PDF without one is skipped, with why)."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise SkipFile(f"unreadable PDF ({exc.__class__.__name__}: {exc})") from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise SkipFile("PDF has no text layer (scanned image; OCR it first)")
    return _check_text(text)


LOADERS = {".txt": load_txt, ".html": load_html, ".htm": load_html, ".pdf": load_pdf}


def load_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, bytes]:
    """Read one file and return (text, raw bytes); raise SkipFile with a reason."""
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
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
    return loader(data), data
