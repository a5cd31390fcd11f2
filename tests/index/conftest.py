"""Fixtures of the index tests: hostile source folders, a build held mid-way until the test lets it go on."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from samples import blank_image, save
from support import ROOT

GATE_PAGE = "ỦY BAN NHÂN DÂN\nSố: 99/TB-UBND\nTHÔNG BÁO\nVề lịch tiếp công dân\n"
# build() with the OCR stand-in of the gate; argv: source folder, index folder, tesseract.
GATED_BUILD = (
    "import sys; from pathlib import Path; from indexer.extract.loaders import OcrOptions; "
    "from indexer.index.whoosh.writer import build; from indexer.index.pipeline import PrepareOptions; "
    "build(Path(sys.argv[1]), Path(sys.argv[2]), options=PrepareOptions(ocr=OcrOptions(tesseract=sys.argv[3], page_seconds=3600)))"
)


class Gate:
    """A scan whose reading waits until the test opens the gate.

    A build of a folder holding it is, from the moment the page is reached until
    the gate opens, certainly running: it holds the index's lock, its writer has
    the files before the scan (``zz-gate.png`` is read last) and nothing is
    committed.  What a test does meanwhile overlaps the build, on any machine.
    """

    NAME = "zz-gate.png"

    def __init__(self, folder: Path, tesseract: str):
        self.reached, self.opened = folder / "gate-reached", folder / "gate-open"
        self.tesseract = tesseract
        self.builds: list[subprocess.Popen] = []

    def add_to(self, src: Path) -> None:
        (src / self.NAME).write_bytes(save(blank_image(), "PNG"))

    def start_build(self, src: Path, index_dir: Path) -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, "-c", GATED_BUILD, str(src), str(index_dir), self.tesseract],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.builds.append(proc)
        return proc

    def wait_reached(self, proc: subprocess.Popen, seconds: float = 600) -> None:
        """Until the build reads the gate's page (its start-up and every file before included)."""
        deadline = time.monotonic() + seconds
        while not self.reached.exists():
            assert proc.poll() is None, f"the build ended before the gate: {proc.stderr.read()}"
            assert time.monotonic() < deadline, "the build never reached the gate"
            time.sleep(0.05)

    def open(self) -> None:
        self.opened.touch()


@pytest.fixture()
def gate(tmp_path, stand_in_tesseract):
    page = (f"touch {tmp_path / 'gate-reached'}\n"
            f"while [ ! -e {tmp_path / 'gate-open'} ]; do sleep 0.05; done\n"
            f"printf '%s' '{GATE_PAGE}'")
    g = Gate(tmp_path, stand_in_tesseract(page))
    yield g
    g.open()
    for proc in g.builds:  # a test that failed half-way leaves no build behind
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stderr.close()


@pytest.fixture()
def hostile_src(request, make_corpus, tmp_path) -> Path:
    """The test module's FILES, and what cannot be written as a file's text: a sparse
    100 MB file, a mode-000 file, symlinks out of the folder (to its SECRET), inside
    it, broken and looping, a folder link and a named pipe."""
    module = request.module
    src = make_corpus(module.FILES)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(module.SECRET, encoding="utf-8")
    with open(src / "big.txt", "wb") as f:  # sparse: 100 MB on paper, no disk
        f.truncate(100 * 1024 * 1024)
    (src / "unreadable.txt").write_text(module.GOOD, encoding="utf-8")
    os.chmod(src / "unreadable.txt", 0)
    os.symlink(outside / "secret.txt", src / "link out.txt")
    os.symlink(outside, src / "dir link")  # a folder outside: never walked
    os.symlink("good.txt", src / "inside link.txt")
    os.symlink("missing.txt", src / "broken link.txt")
    os.symlink("loop.txt", src / "loop.txt")
    os.mkfifo(src / "pipe.txt")
    return src


@pytest.fixture()
def deny_unreadable(monkeypatch):
    """Tests run as root, who can read a mode-000 file: make the read fail as it would for staff.

    The patch lives in this process, so the builds that use it must read their files
    here (no time budget: a budget is kept only by a worker process).
    """
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "unreadable.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
