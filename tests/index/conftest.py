"""Fixtures of the index tests: a stand-in for Tesseract that reads a page as a test needs."""

from __future__ import annotations

import itertools

import pytest

STAND_IN = """#!/bin/sh
# A stand-in for Tesseract (OcrOptions.tesseract): it answers the questions a
# build asks first, then reads a page as the test needs.
case "$1" in
    --version) echo "tesseract 5.3.0 (stand-in)"; exit 0 ;;
    --list-langs) printf 'List of available languages (1):\\nvie\\n'; exit 0 ;;
esac
{page}
"""


@pytest.fixture()
def stand_in_tesseract(tmp_path):
    """A factory: ``make(page)`` writes a Tesseract stand-in whose reading of a
    page is the shell script ``page`` ($PPID is the process reading the file)
    and returns its path."""
    counter = itertools.count()

    def make(page: str) -> str:
        path = tmp_path / f"tesseract-{next(counter)}"
        path.write_text(STAND_IN.format(page=page), encoding="utf-8")
        path.chmod(0o755)
        return str(path)

    return make
