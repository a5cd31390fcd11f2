"""Fixtures of the analysis tests."""

from __future__ import annotations

import importlib
import sys

import pytest

from support import ROOT


@pytest.fixture(scope="module")
def repairer():
    from indexer.analysis.ocr_repair import Repairer

    return Repairer.load()


@pytest.fixture(scope="module")
def model_script():
    """scripts/build_ocr_model.py as a module (the OCR-repair model's build script)."""
    scripts = str(ROOT / "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    return importlib.import_module("build_ocr_model")
