"""Page images (PNG, JPEG, TIFF with any number of pages): OCR, page by page."""

from __future__ import annotations

import io
import re
import tempfile
import warnings
from pathlib import Path

from indexer.errors import SkipFile
from indexer.extract.loaders import cache
from indexer.extract.loaders.ocr import OcrOptions, recognise, require
from indexer.extract.loaders.record import Loaded

SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
_REPR = re.compile(r"<[\w.]+ object at 0x[0-9a-fA-F]+>")


def _open(data: bytes):
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            img.load()
        return img
    except Image.UnidentifiedImageError:
        # Pillow's message names the BytesIO it was given ("<_io.BytesIO object at 0x...>").
        raise SkipFile("not a readable image (no PNG, JPEG or TIFF data Pillow knows)") from None
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        said = _REPR.sub("the file", str(exc))[:120]
        raise SkipFile(f"unreadable image ({exc.__class__.__name__}: {said})") from None


def load_image(data: bytes, ocr: OcrOptions | None = None, suffix: str = ".png") -> Loaded:
    if ocr is None:
        raise SkipFile("page image and OCR is off")
    require(ocr)
    # The cache first: decoding a 12 MB TIFF costs more than reading its text back.
    key = cache.cache_key(data, ocr)
    entry = cache.read(ocr, key)
    if entry is not None:
        return Loaded(entry["pages"], ocr_pages=len(entry["pages"]), ocr_cached=True)
    img = _open(data)
    frames = getattr(img, "n_frames", 1)
    if frames > ocr.max_pages:
        raise SkipFile(f"too many pages to OCR ({frames} > {ocr.max_pages})")
    pages = _recognise_frames(img, data, frames, suffix, ocr)
    if not any(p.strip() for p in pages):
        raise SkipFile("no text found by OCR (blank or unreadable image)")
    cache.write(ocr, key, {"pages": pages, "ocr_pages": len(pages)})
    return Loaded(pages, ocr_pages=len(pages))


def _recognise_frames(img, data: bytes, frames: int, suffix: str, ocr: OcrOptions) -> list[str]:
    """One text per frame; a one-frame file goes to Tesseract as it is (no re-encoding)."""
    pages = []
    with tempfile.TemporaryDirectory(prefix="vdoc-ocr-") as tmp:
        for k in range(frames):
            ocr.page_started()
            path = Path(tmp) / f"p{k + 1}{suffix if frames == 1 else '.pgm'}"
            dpi = None
            if frames == 1:
                path.write_bytes(data)
            else:
                # PGM: a noisy A4 frame compresses to PNG in seconds, is written as PGM in milliseconds.
                img.seek(k)
                img.convert("L").save(path, format="PPM")
                dpi = round(img.info.get("dpi", (ocr.dpi,))[0]) or ocr.dpi
            pages.append(recognise(path, ocr, k + 1, dpi=dpi))
    return pages
