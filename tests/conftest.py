"""Shared fixtures: a real index on disk, the real app, gunicorn, a real browser.

The corpus index is built once per session from corpus/ (the five real seeds)
with the real indexer, and every layer above it is the real one.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory) -> Path:
    """A real Whoosh index of corpus/, built once for the session."""
    from indexer.index.build import build

    index_dir = tmp_path_factory.mktemp("index")
    report = build(CORPUS, index_dir)
    assert not report.skipped, report.summary()
    return index_dir


@pytest.fixture(scope="session")
def app(corpus_index):
    from searchapp import create_app

    return create_app({"INDEX_DIR": str(corpus_index), "TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def service(corpus_index):
    from indexer.search import open_service

    return open_service("whoosh", index_dir=corpus_index)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def gunicorn(env: dict, workers: int = 2, conf: bool = True, log: Path | None = None, timeout: float = 30.0):
    """gunicorn serving wsgi:app on a free loopback port with ``env`` added to ours
    (``conf``: with the product's gunicorn conf, as `make serve` runs it); yields
    the base URL once it answers, stops it afterwards."""
    port = free_port()
    args = ["-c", "python:searchapp.gunicorn_conf"] if conf else []
    out = open(log, "wb") if log else subprocess.DEVNULL
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", *args, "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "wsgi:app"],
            cwd=ROOT, env=dict(os.environ, **env), stdout=out, stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
        )
    finally:
        if log:
            out.close()
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/", timeout)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a loaded machine: workers still finishing requests
            proc.kill()
            proc.wait(timeout=30)


@pytest.fixture(scope="session")
def gunicorn_server(corpus_index, tmp_path_factory):
    """gunicorn serving wsgi:app on a free loopback port; yields the base URL."""
    with gunicorn({"INDEX_DIR": str(corpus_index)}, log=tmp_path_factory.mktemp("gunicorn") / "gunicorn.log") as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM}: run `make system-deps` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture()
def make_corpus(tmp_path):
    """Write {relpath: bytes|str} into a fresh source folder and return it."""

    def _make(files: dict) -> Path:
        src = tmp_path / "src"
        src.mkdir(exist_ok=True)
        for rel, content in files.items():
            path = src / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                content = content.encode("utf-8")
            path.write_bytes(content)
        return src

    return _make


def copy_corpus(dest: Path) -> Path:
    shutil.copytree(CORPUS, dest)
    return dest


@pytest.fixture(scope="session")
def formats_archive(tmp_path_factory):
    """A small archive of every format (real scans through real Tesseract), indexed once:
    (source folder, index folder, build report)."""
    from indexer.index.build import build
    from samples_archive import write_archive

    root = tmp_path_factory.mktemp("formats")
    src = write_archive(root / "src")
    report = build(src, root / "index", workers=1)
    return src, root / "index", report


@pytest.fixture(scope="session")
def formats_client(formats_archive):
    from searchapp import create_app

    src, index_dir, _ = formats_archive
    return create_app({"INDEX_DIR": str(index_dir), "SOURCE_DIR": str(src), "TESTING": True}).test_client()
