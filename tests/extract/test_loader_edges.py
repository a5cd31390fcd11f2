"""Loader edge cases found by a black-box run (issue 23, part 4): each file is read,
or skipped with a reason a person can read (no object reprs, no parser's assertion)."""

from __future__ import annotations

import codecs
import random

import pytest

import samples
from indexer.errors import SkipFile
from indexer.extract.loaders import OcrOptions, load_bytes

TEXT = "ỦY BAN NHÂN DÂN\nSố: 12/KH-UBND\n\nKẾ HOẠCH\nVề cải cách hành chính năm 2023\n"
LINES = ["Ke hoach so 12 ve cai cach hanh chinh nam 2023", "cua Uy ban nhan dan xa Duc Lieu"]
JUNK = random.Random(23).randbytes(30000)


def _junk_with(prefix: bytes) -> bytes:
    return prefix + JUNK


READ = {
    # Acrobat's "no password to open, one to edit": anyone may read it.
    "aes-256, empty user password": (lambda: samples.encrypt_pdf(samples.text_pdf(LINES), ""), ".pdf", "\n".join(LINES)),
    "aes-128, empty user password": (lambda: samples.encrypt_pdf(samples.text_pdf(LINES), "", "AES-128"), ".pdf",
                                     "\n".join(LINES)),
    "utf-16 le with a BOM (Notepad's Unicode)": (lambda: TEXT.encode("utf-16-le").join([codecs.BOM_UTF16_LE, b""]),
                                                 ".txt", TEXT),
    "utf-16 be with a BOM": (lambda: codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), ".txt", TEXT),
    "utf-16 cut one byte short": (lambda: (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"))[:-1], ".txt", TEXT[:-1]),
    "html with a malformed declaration": (lambda: f"<p>{TEXT}</p><![x y z]><!x><p>Hết</p>".encode(), ".html",
                                          TEXT + "\nHết\n"),
}


@pytest.mark.parametrize("case", READ)
def test_read(case):
    make, suffix, text = READ[case]
    assert load_bytes(make(), suffix, OcrOptions()).text.strip() == text.strip()


SKIPPED = {
    "aes-256 with a user password": (lambda: samples.encrypt_pdf(samples.text_pdf(LINES), "mat-khau"), ".pdf",
                                     "encrypted PDF (a password is needed to open it)"),
    "random bytes as .html": (lambda: JUNK, ".html", "looks binary: too many control characters"),
    "random bytes after '<![' as .html": (lambda: _junk_with(b"<p>x</p><!["), ".html",
                                         "looks binary: too many control characters"),
    "random bytes as .png": (lambda: JUNK, ".png", "not a readable image (no PNG, JPEG or TIFF data Pillow knows)"),
    "random bytes as .tif": (lambda: JUNK, ".tif", "not a readable image (no PNG, JPEG or TIFF data Pillow knows)"),
    "random bytes after a PNG signature": (lambda: _junk_with(b"\x89PNG\r\n\x1a\n"), ".png",
                                           "not a readable image (no PNG, JPEG or TIFF data Pillow knows)"),
    "random bytes after a UTF-16 BOM": (lambda: _junk_with(codecs.BOM_UTF16_LE), ".txt",
                                        "not readable as UTF-16 text (it starts with a UTF-16 byte order mark)"),
}


@pytest.mark.parametrize("case", SKIPPED)
def test_skipped_with_a_readable_reason(case):
    make, suffix, reason = SKIPPED[case]
    with pytest.raises(SkipFile) as skipped:
        load_bytes(make(), suffix, OcrOptions())
    assert str(skipped.value) == reason
