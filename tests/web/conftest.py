"""Fixtures of the web tests."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest


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
