"""Hostile source files: skipped with a reason or handled, never a crash, never a file from outside."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys

import samples

from indexer.index.pipeline import PrepareOptions
from indexer.index.whoosh.store import documents, open_index
from indexer.index.whoosh.writer import build
from indexer.search.whoosh.texts import full_text

GOOD = "ỦY BAN NHÂN DÂN\nSố: 12/KH-UBND\n\nKẾ HOẠCH\nVề cải cách hành chính năm 2023\n"
SECRET = "bí mật nằm ngoài thư mục nguồn zzqxsecret"
JUNK = random.Random(7).randbytes(4096)

FILES = {  # hostile_src writes these, and the links, pipe and files that cannot be written as text
    "good.txt": GOOD,
    "Kế hoạch số 1 (bản sao).txt": GOOD.replace("12/KH", "13/KH"),
    "thư mục có dấu/báo cáo quý IV.html": f"<p>{GOOD}</p><script>alert(1)</script>",
    "junk.txt": JUNK,
    "junk.html": JUNK,
    "junk.pdf": JUNK,
    "fake.pdf": b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF",
    "empty.txt": b"",
    "blank.txt": b"  \n\n\t ",
    "latin1.txt": "Quy\xe9t \xf0\xfdnh".encode("latin-1"),
    "half.txt": GOOD.encode("utf-8")[:-2] + b"\xe1\xba",
    "bom.txt": b"\xef\xbb\xbf" + GOOD.replace("12/KH", "14/KH").encode(),
    "form.txt": GOOD + "Tham gia với vai trò:\n\x00 Nhà đầu tư độc lập\n\x00 Thành viên liên danh\n",  # checkboxes as NUL
    "utf16.txt": GOOD.encode("utf-16"),
    "controls.txt": "\x01\x02\x03\x04\x05\x06" * 400,
    "notes.docx": b"PK\x03\x04 not indexed",
    ".hidden.txt": GOOD,  # a file like any other on Windows, where archives come from
    "..txt": GOOD.replace("12/KH", "16/KH"),
    "._good.txt": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ",  # macOS's companion of good.txt
    "junk-declaration.html": b"<![" + JUNK,  # Python's HTML parser asserted on it
    "junk.png": JUNK,
    "junk.tif": JUNK,
    "aes-locked.pdf": samples.encrypt_pdf(samples.text_pdf(["Ke hoach so 12 ve cai cach hanh chinh"]), "mat-khau"),
    "aes-open.pdf": samples.encrypt_pdf(samples.text_pdf(["Ke hoach so 17 ve chuyen doi so cap xa Duc Lieu"]), ""),
}
# Read in this process (no time budget to keep), where deny_unreadable's patch lives.
IN_PROCESS = PrepareOptions(workers=1, file_seconds=0)
# Every file above, with what the build must say about it.
EXPECTED_INDEXED = [
    "..txt", ".hidden.txt", "Kế hoạch số 1 (bản sao).txt", "aes-open.pdf", "bom.txt", "form.txt", "good.txt",
    "half.txt", "inside link.txt", "latin1.txt", "thư mục có dấu/báo cáo quý IV.html", "utf16.txt",
]
# Text whose encoding is not clear is indexed as read, and the summary says so.
EXPECTED_FLAGGED = [
    ("half.txt", "1 bytes are not valid UTF-8 (replaced)"),
    ("latin1.txt", "encoding not certain: best reading VISCII (100% of 2 marked words well-formed, next 100%); "
                   "indexed as read (windows-1252)"),
]
EXPECTED_SKIPPED = [
    ("._good.txt", "macOS metadata file (the Finder's data about 'good.txt'), not a document"),
    ("aes-locked.pdf", "encrypted PDF (a password is needed to open it)"),
    ("big.txt", "too large (100.0 MB > 20 MB limit)"),
    ("blank.txt", "no text (empty file)"),
    ("broken link.txt", "broken symlink (missing target or a loop)"),
    ("controls.txt", "looks binary: too many control characters"),
    ("dir link/", "symlink to a folder: not followed"),  # never walked, but said
    ("empty.txt", "empty file (0 bytes)"),
    ("fake.pdf", "unreadable PDF (PdfReadError: startxref not found)"),
    ("junk-declaration.html", "looks binary: too many control characters"),
    ("junk.html", "looks binary: too many control characters"),
    ("junk.pdf", "unreadable PDF (PdfStreamError: Stream has ended unexpectedly)"),
    ("junk.png", "not a readable image (no PNG, JPEG or TIFF data Pillow knows)"),
    ("junk.tif", "not a readable image (no PNG, JPEG or TIFF data Pillow knows)"),
    ("junk.txt", "looks binary: too many control characters"),
    ("link out.txt", "symlink to a file outside the source folder"),
    ("loop.txt", "broken symlink (missing target or a loop)"),
    ("notes.docx", "not a readable .docx file (BadZipFile: File is not a zip file)"),
    ("pipe.txt", "not a regular file (named pipe, socket or device)"),
    ("unreadable.txt", "cannot read (Permission denied)"),
]


def test_hostile_files_are_skipped_with_reasons(hostile_src, tmp_path, deny_unreadable):
    report = build(hostile_src, tmp_path / "index", options=IN_PROCESS)
    assert (sorted(report.indexed), sorted(report.skipped)) == (EXPECTED_INDEXED, EXPECTED_SKIPPED)
    assert sorted(report.flagged) == EXPECTED_FLAGGED


def test_no_document_from_outside(hostile_src, tmp_path, deny_unreadable):
    index_dir = tmp_path / "index"
    build(hostile_src, index_dir, options=IN_PROCESS)
    with open_index(index_dir).searcher() as s:
        stored = list(documents(s))
        texts = {f["id"]: full_text(s, f["id"]) for f in stored}
    assert sorted(f["id"] for f in stored) == EXPECTED_INDEXED
    assert [i for i, text in texts.items() if SECRET in text] == []


def test_rebuild_after_fixing_files_picks_them_up(hostile_src, tmp_path, deny_unreadable):
    index_dir = tmp_path / "index"
    build(hostile_src, index_dir, options=IN_PROCESS)
    (hostile_src / "empty.txt").write_text(GOOD.replace("12/KH", "15/KH"), encoding="utf-8")
    (hostile_src / "good.txt").unlink()
    report = build(hostile_src, index_dir, options=IN_PROCESS)
    assert (report.indexed, report.removed) == (["empty.txt"], ["good.txt", "inside link.txt"])


def test_the_command_line_build_says_every_reason_in_words(hostile_src, tmp_path):
    """The crafted folder through `python -m indexer build`, as a person runs it:
    every skip said in words (no object reprs), no traceback on stderr."""
    done = subprocess.run([sys.executable, "-m", "indexer", "build", str(hostile_src), "--index", str(tmp_path / "ix"),
                           "--workers", "1"], capture_output=True, text=True, timeout=600,
                          env={k: v for k, v in os.environ.items() if k != "VDOC_TRACEBACKS"})
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and 'File "' not in done.stderr, done.stderr
    assert not re.search(r"object at 0x[0-9a-f]+", done.stdout + done.stderr), done.stdout + done.stderr
    said = {reason for _, reason in EXPECTED_SKIPPED if "Permission denied" not in reason}
    assert [r for r in said if r not in done.stdout] == []
