"""Each file is read by a worker process the build supervises (index.workers).

The inputs are crafted so that no outcome depends on how fast the machine is:
a Tesseract stand-in (the product's ``OcrOptions.tesseract``) that kills the
process reading the file, that sleeps past the file's budget (which an OCR page
extends), or that never answers.  The file over its budget (a large text) is in
tests/web/test_trust.py.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer.extract.loaders import OcrOptions
from indexer.index.whoosh.writer import build
from indexer.index.pipeline import PrepareOptions
from samples import blank_image, save

ROOT = Path(__file__).resolve().parents[2]
PAGE = "ỦY BAN NHÂN DÂN\nSố: 9/BC-UBND\nBÁO CÁO\nKết quả kiểm tra công vụ\n"
SAY_PAGE = f"printf '%s' '{PAGE}'"
DIED = "the process reading it died (out of memory?)"
# A pool (two workers, more files than the pool threshold) and a build of a few files (one worker).
BUILDS = pytest.mark.parametrize("others", [20, 2], ids=["pool", "few-files"])


def text(n: int) -> str:
    return f"ỦY BAN NHÂN DÂN\nSố: {n}/KH-UBND\nKẾ HOẠCH\nCải cách hành chính số {n}\n"


def archive(make_corpus, others: int) -> Path:
    return make_corpus({"scan.png": save(blank_image(), "PNG"), **{f"ok{i:02d}.txt": text(i) for i in range(others)}})


def options(tesseract: str, **kw) -> PrepareOptions:
    return PrepareOptions(workers=2, ocr=OcrOptions(tesseract=tesseract, **kw))


@BUILDS
def test_a_file_that_kills_its_worker_costs_only_that_file(make_corpus, tmp_path, stand_in_tesseract, others):
    """The worker dies mid-file (as when the kernel kills it for memory): the file is read
    again alone, kills that worker too and is skipped; every other file is indexed."""
    src = archive(make_corpus, others)
    report = build(src, tmp_path / "ix", options=options(stand_in_tesseract("kill -9 $PPID; exit 1")))
    assert report.skipped == [("scan.png", DIED)]
    assert report.indexed == [f"ok{i:02d}.txt" for i in range(others)]


@BUILDS
def test_a_file_whose_worker_died_once_is_read_again(make_corpus, tmp_path, stand_in_tesseract, others):
    """A worker killed while it read a file (for another file's memory, say) costs nothing:
    the file is read again, alone, and indexed."""
    mark = tmp_path / "died-once"
    page = f"if [ ! -e {mark} ]; then touch {mark}; kill -9 $PPID; exit 1; fi\n{SAY_PAGE}"
    src = archive(make_corpus, others)
    report = build(src, tmp_path / "ix", options=options(stand_in_tesseract(page)))
    assert mark.exists()  # the first worker did die
    assert (report.indexed, report.skipped) == ([f"ok{i:02d}.txt" for i in range(others)] + ["scan.png"], [])


@BUILDS
def test_an_ocr_page_extends_the_files_budget(make_corpus, tmp_path, stand_in_tesseract, others):
    """A page takes three times the file's whole budget, within its own page limit: the
    worker asks for the page's time before it starts, and the file is indexed."""
    src = archive(make_corpus, others)
    ocr = OcrOptions(tesseract=stand_in_tesseract(f"sleep 3\n{SAY_PAGE}"), page_seconds=600)
    report = build(src, tmp_path / "ix", options=PrepareOptions(file_seconds=1, seconds_per_mb=0, workers=2, ocr=ocr))
    assert (report.skipped, report.ocr_pages) == ([], 1)
    assert len(report.indexed) == others + 1


def _running(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting for its parent does not)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _wait_until(check, what: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_workers_and_what_they_started_end_when_the_build_dies(make_corpus, tmp_path, stand_in_tesseract):
    """A build killed (SIGKILL: nothing of it runs any more) leaves no worker behind,
    nor the Tesseract a worker was waiting for."""
    mark = tmp_path / "pids"
    page = f"echo $PPID $$ > {mark}.tmp; mv {mark}.tmp {mark}; exec sleep 3600"
    src = make_corpus({"scan.png": save(blank_image(), "PNG")})
    code = ("import sys; from pathlib import Path; from indexer.extract.loaders import OcrOptions; "
            "from indexer.index.whoosh.writer import build; from indexer.index.pipeline import PrepareOptions; "
            "build(Path(sys.argv[1]), Path(sys.argv[2]), options=PrepareOptions(workers=1, "
            "ocr=OcrOptions(tesseract=sys.argv[3], page_seconds=3600)))")
    builder = subprocess.Popen([sys.executable, "-c", code, str(src), str(tmp_path / "ix"),
                                stand_in_tesseract(page)], cwd=ROOT)
    try:
        # Until the page is being read: the worker's start-up (its models) included.
        _wait_until(lambda: mark.exists() or builder.poll() is not None, "the page was never read", 600)
        assert builder.poll() is None, "the build ended before its page was read"
        worker, tesseract = (int(p) for p in mark.read_text().split())
        assert worker != builder.pid and _running(worker) and _running(tesseract)
    finally:
        builder.kill()
        builder.wait()
    _wait_until(lambda: not _running(worker), "the worker outlived the build", 60)
    _wait_until(lambda: not _running(tesseract), "the worker's Tesseract outlived the build", 60)
