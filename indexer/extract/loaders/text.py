"""Plain text: bytes -> pages, in whatever encoding the file was typed.

A form feed separates pages (text exports and ``pdftotext`` write one per
page).  The encoding is decided per file (``encodings``): UTF-8, or a legacy
Vietnamese charset, converted with the confidence it was decided with.
"""

from __future__ import annotations

import codecs
import re

from indexer.errors import SkipFile
from indexer.extract.loaders.encodings import Reading, read_bytes, read_unicode
from indexer.extract.loaders.record import Loaded

# C0 controls other than tab, newline, form feed and carriage return.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def check_text(text: str) -> str:
    """The text, or SkipFile when it is empty or binary."""
    if not text.strip():
        raise SkipFile("no text (empty file)")
    head = text[:20000]
    controls = len(_CONTROLS.findall(head))
    if controls > max(10, len(head) // 50):
        raise SkipFile("looks binary: too many control characters")
    return text


def nul_heavy(data: bytes) -> bool:
    """Binary formats (and UTF-16) are full of NULs; a text export may carry a
    few, e.g. checkbox glyphs of a form saved as NUL (seen in real Thông tư)."""
    head = data[:8192]
    return head.count(b"\x00") > max(2, len(head) // 100)


def split_pages(text: str) -> list[str]:
    """Pages at form feeds; a trailing form feed ends the last page, it opens none."""
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()
    return pages


def loaded_from_reading(reading: Reading) -> Loaded:
    notes = [reading.uncertain] if reading.uncertain else []
    encoding = f"{reading.encoding} (confidence {reading.confidence:.2f})" if reading.converted else None
    return Loaded(split_pages(reading.text.replace("\xad", "")), encoding=encoding, notes=notes)


# Notepad's "Unicode" is UTF-16 with a byte order mark: full of NULs, and text.
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _utf16(data: bytes) -> Loaded:
    odd = len(data) % 2  # a file cut one byte short keeps the rest
    try:
        text = data[:len(data) - odd].decode("utf-16")  # the BOM says which byte order
    except UnicodeDecodeError:  # lone surrogates: random bytes after the mark
        raise SkipFile("not readable as UTF-16 text (it starts with a UTF-16 byte order mark)") from None
    loaded = loaded_from_reading(read_unicode(check_text(text)))
    if odd:
        loaded.notes.append("1 bytes are not valid UTF-16 (dropped)")
    return loaded


def load_txt(data: bytes) -> Loaded:
    if data.startswith(_UTF16_BOMS) and not data.startswith(codecs.BOM_UTF32_LE):
        return _utf16(data)
    if nul_heavy(data):
        raise SkipFile("binary file (NUL bytes), not text")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    # Checked after decoding: VISCII and VPS keep capitals among the C0 controls.
    reading = read_bytes(data)
    check_text(reading.text)
    return loaded_from_reading(reading)
