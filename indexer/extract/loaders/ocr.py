"""Tesseract 5, run as its command-line program, one page at a time.

Why the CLI and not a binding: a page that hangs must be stopped, and only a
separate process can be killed mid-recognition (an alarm never reaches C code
inside tesserocr); pytesseract is the same subprocess call behind temporary
files, and OCRmyPDF writes a new PDF around Tesseract, which we do not need.
One process per page also bounds memory, and OMP_THREAD_LIMIT=1 keeps each
worker of the build's pool on one core (the pool is the parallelism).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from indexer.errors import SkipFile

NOT_INSTALLED = "OCR not installed"


@dataclass(frozen=True)
class OcrOptions:
    lang: str = "vie"  # Tesseract model; bench/formats.py compares vie, Vietnamese (script) and eng
    # 300 dpi: Tesseract reads body text best at 20-30 px x-height; bench/formats.py
    # measures 200/300/400 dpi (CER and seconds per page).
    dpi: int = 300
    page_seconds: float = 120.0  # time limit of one page (render + recognise)
    max_pages: int = 500  # a longer scan is an export gone wrong
    psm: int = 3  # fully automatic page segmentation (two-column header blocks)
    cache_dir: str | None = None  # results by content hash (None: no cache)
    tesseract: str = "tesseract"
    pdftoppm: str = "pdftoppm"
    # Called with the seconds a page may take before each page is read, so the
    # build's time budget per file grows with the file's pages.
    on_page: Callable[[float], None] | None = None

    def page_started(self) -> None:
        if self.on_page is not None:
            self.on_page(self.page_seconds)


@lru_cache(maxsize=8)
def _languages(tesseract: str) -> frozenset[str]:
    try:
        out = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    return frozenset(line.strip() for line in out.stdout.splitlines()[1:] if line.strip())


@lru_cache(maxsize=8)
def engine_version(tesseract: str) -> str:
    out = subprocess.run([tesseract, "--version"], capture_output=True, text=True, timeout=30)
    return (out.stdout or out.stderr).splitlines()[0].strip()


def require(options: OcrOptions, *, pdf: bool = False) -> None:
    """SkipFile with what to install when Tesseract, its model or pdftoppm is missing."""
    if shutil.which(options.tesseract) is None:
        raise SkipFile(f"{NOT_INSTALLED} (tesseract; run scripts/install-system-deps.sh)")
    if options.lang not in _languages(options.tesseract):
        raise SkipFile(f"{NOT_INSTALLED} (Tesseract model {options.lang!r}; run scripts/install-system-deps.sh)")
    if pdf and shutil.which(options.pdftoppm) is None:
        raise SkipFile(f"{NOT_INSTALLED} (pdftoppm from poppler-utils; run scripts/install-system-deps.sh)")


def recognise(image: Path, options: OcrOptions, page: int, dpi: int | None = None) -> str:
    """The text Tesseract reads on one page image; SkipFile when it fails or runs out of time."""
    cmd = [options.tesseract, str(image), "stdout", "-l", options.lang, "--psm", str(options.psm), "--oem", "1"]
    if dpi:
        cmd += ["--dpi", str(dpi)]
    out = _run(cmd, options, f"OCR of page {page}")
    return out.decode("utf-8", errors="replace").replace("\f", "").strip("\n") + "\n"


def render_pdf_page(pdf: Path, page: int, options: OcrOptions, out_dir: Path) -> Path:
    """Page ``page`` (1-based) of a PDF as a grey PGM at the OCR resolution.

    PGM, not PNG: compressing a noisy 300-dpi scan as PNG took pdftoppm 10.9 s
    of CPU for one A4 page, writing it as PGM 0.15 s (Tesseract reads either).
    """
    root = out_dir / f"p{page}"
    cmd = [options.pdftoppm, "-f", str(page), "-l", str(page), "-r", str(options.dpi), "-gray",
           "-singlefile", str(pdf), str(root)]
    _run(cmd, options, f"rendering page {page}")
    image = root.with_suffix(".pgm")
    if not image.exists():
        raise SkipFile(f"rendering page {page} of the PDF produced no image")
    return image


def _run(cmd: list[str], options: OcrOptions, what: str) -> bytes:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=options.page_seconds, env=env)
    except subprocess.TimeoutExpired:
        raise SkipFile(f"{what} took longer than {options.page_seconds:g} s (time limit per page)") from None
    except OSError as exc:
        raise SkipFile(f"{NOT_INSTALLED} ({cmd[0]}: {exc.strerror or exc})") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise SkipFile(f"{what} failed ({cmd[0]}: {message[-1] if message else done.returncode})")
    return done.stdout
