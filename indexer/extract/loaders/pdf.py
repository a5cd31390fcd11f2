"""PDF: the text layer where it is usable, OCR for the pages where it is not.

A page's layer is unusable when it has (almost) no letters (a scan), when its
words are not Vietnamese (fonts without a Unicode map give glyph numbers as
letters), or when its Vietnamese has lost its marks: the invisible layer an
engine without Vietnamese put on a scan ("Két luan ciia Cha tich": 16-18 % of
the seeds' words carry a mark, at most 24 % in 300 eng-OCR pairs, at least
78 % in 200 clean documents), which Tesseract vie reads far better.  A layer typed in a legacy font (".VnTime": "Céng hoµ") is
converted, not OCR'd: the encoding is decided on the whole layer.
"""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path

from indexer.analysis.syllables import is_syllable_shaped
from indexer.analysis.text import has_diacritics
from indexer.errors import SkipFile
from indexer.extract.loaders import cache
from indexer.extract.loaders.encodings import is_good_syllable, read_unicode
from indexer.extract.loaders.ocr import OcrOptions, recognise, render_pdf_page, require
from indexer.extract.loaders.record import Loaded
from indexer.extract.loaders.text import check_text

# A page with fewer letters than this has no text layer worth the name (a
# scan often carries a stray page number or a scanner's stamp).
MIN_LETTERS = 40
# Below this share of plausible words a layer is glyph garbage.
MIN_PLAUSIBLE = 0.6
# Below this share of words with marks (among at least MARK_WORDS words) a
# Vietnamese layer is an OCR without Vietnamese.
MIN_MARKED = 0.4
MARK_WORDS = 30
_WORD = re.compile(r"[^\W\d_]+")


def plausible_share(text: str) -> float:
    """Share of words that could be Vietnamese or an abbreviation ("UBND")."""
    words = _WORD.findall(text[:20000])
    if not words:
        return 0.0
    ok = sum(1 for w in words if is_good_syllable(w) or (w.isascii() and (w.isupper() or is_syllable_shaped(w.lower()))))
    return ok / len(words)


def marked_share(text: str) -> tuple[float, int]:
    """(share of words carrying a Vietnamese mark, how many words)."""
    words = _WORD.findall(text[:20000])
    return sum(map(has_diacritics, words)) / max(1, len(words)), len(words)


def usable(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    if letters < MIN_LETTERS or plausible_share(text) < MIN_PLAUSIBLE:
        return False
    marked, words = marked_share(text)
    return words < MARK_WORDS or marked >= MIN_MARKED


def _text_layer(data: bytes) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                raise SkipFile(f"encrypted PDF that cannot be opened ({exc})") from None
            if not opened:
                raise SkipFile("encrypted PDF (a password is needed to open it)")
        return [page.extract_text() or "" for page in reader.pages]
    except FileNotDecryptedError:
        raise SkipFile("encrypted PDF (a password is needed to open it)") from None
    except DependencyError as exc:  # raised by the reader itself, which tries the empty password
        raise SkipFile(f"encrypted PDF that cannot be opened here ({exc})") from None
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise SkipFile(f"unreadable PDF ({exc.__class__.__name__}: {exc})") from None


def load_pdf(data: bytes, ocr: OcrOptions | None = None) -> Loaded:
    cached = _cached(data, ocr)
    if cached is not None:
        return cached
    layer = _text_layer(data)
    if not layer:
        raise SkipFile("PDF has no pages")
    reading = read_unicode("\f".join(layer))
    pages = reading.text.split("\f") if reading.converted else layer
    if len(pages) != len(layer):
        pages, reading = layer, read_unicode("")
    encoding = f"{reading.encoding} (confidence {reading.confidence:.2f})" if reading.converted else None
    need = [i for i, text in enumerate(pages) if not usable(text)]
    if not need:
        return Loaded([p.replace("\xad", "") for p in pages], encoding=encoding)
    if ocr is None:
        if len(need) < len(pages):
            return Loaded(pages, encoding=encoding, notes=[f"{len(need)} pages without a usable text layer (OCR is off)"])
        raise SkipFile("PDF has no usable text layer (scanned image) and OCR is off")
    pages = _ocr_pages(data, pages, need, ocr, encoding)
    check_text("\n".join(pages))
    return Loaded(pages, encoding=encoding, ocr_pages=len(need))


def _cached(data: bytes, ocr: OcrOptions | None) -> Loaded | None:
    """A PDF OCR'd before, from the cache (its text layer is not even parsed)."""
    if ocr is None or not ocr.cache_dir:
        return None
    try:
        require(ocr, pdf=True)  # the key names the engine
    except SkipFile:
        return None  # no OCR here: the text layer decides alone
    entry = cache.read(ocr, cache.cache_key(data, ocr))
    if entry is None:
        return None
    return Loaded(entry["pages"], encoding=entry.get("encoding"), ocr_pages=entry.get("ocr_pages", 0), ocr_cached=True)


def _ocr_pages(data: bytes, pages: list[str], need: list[int], ocr: OcrOptions, encoding: str | None) -> list[str]:
    """Pages ``need`` replaced by their OCR; the result goes to the cache."""
    require(ocr, pdf=True)
    if len(need) > ocr.max_pages:
        raise SkipFile(f"too many pages to OCR ({len(need)} > {ocr.max_pages})")
    key = cache.cache_key(data, ocr)
    out = list(pages)
    with tempfile.TemporaryDirectory(prefix="vdoc-ocr-") as tmp:
        pdf = Path(tmp) / "in.pdf"
        pdf.write_bytes(data)
        for i in need:
            ocr.page_started()
            image = render_pdf_page(pdf, i + 1, ocr, Path(tmp))
            out[i] = recognise(image, ocr, i + 1, dpi=ocr.dpi)
            image.unlink()
    if not any(out[i].strip() for i in need) and not any(p.strip() for p in out):
        raise SkipFile("no text found by OCR (blank or unreadable scan)")
    cache.write(ocr, key, {"pages": out, "ocr_pages": len(need), "encoding": encoding})
    return out
