"""Fixtures of the web tests."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from support import gunicorn


@pytest.fixture()
def public_tmp():
    """A fresh folder every user can reach, removed afterwards: below /tmp, because
    pytest's own temporary root (and a checkout in /root) is private to root."""
    path = Path(tempfile.mkdtemp(prefix="vdoc-public-", dir="/tmp"))
    path.chmod(0o755)
    yield path
    for folder in [p for p in path.rglob("*") if p.is_dir() and not p.is_symlink()]:
        folder.chmod(0o755)  # a folder a test locked
    shutil.rmtree(path)


@pytest.fixture()
def served(request, make_corpus, tmp_path):
    """gunicorn (2 workers) serving an index of the test module's SERVED files, which
    the test rebuilds under it: (base URL, source folder, index folder)."""
    from indexer.index.whoosh.writer import build

    src, index_dir = make_corpus(request.module.SERVED), tmp_path / "index"
    build(src, index_dir)
    with gunicorn({"INDEX_DIR": str(index_dir), "SOURCE_DIR": str(src)}) as base:
        yield base, src, index_dir


@pytest.fixture()
def xss_app(request, make_corpus, tmp_path):
    """The real app over the test module's XSS_FILES, with its SECRET in a file beside the source folder."""
    from indexer.index.whoosh.writer import build
    from searchapp import create_app

    src = make_corpus(request.module.XSS_FILES)
    (tmp_path / "secret.txt").write_text(request.module.SECRET, encoding="utf-8")
    index_dir = tmp_path / "index"
    report = build(src, index_dir)
    assert report.skipped == []
    return create_app({"INDEX_DIR": str(index_dir), "SOURCE_DIR": str(src), "TESTING": True})
