"""Fixtures of the extraction tests."""

from __future__ import annotations


import pytest

from support import ROOT, script


@pytest.fixture(scope="module")
def dev_scores():
    """scripts/eval_metadata.py's scores of each labelled dev part: {part: {(field, measure): %}}."""
    ev = script("scripts/eval_metadata.py", "eval_metadata")
    data = ROOT / "tests/data"
    parts = ev.load([data / "labels", data / "ocr_labelled", data / "ocr_rerendered", data / "ocr_rerendered_gray",
                     data / "ocr_synthetic"])
    assert len(parts["simulated OCR, dev"]) >= 200 and len(parts["synthetic OCR, dev"]) >= 300
    assert len(parts["simulated OCR, another scan, dev"]) >= 300
    names = ("real seeds (dev)", "simulated OCR, dev", "simulated OCR, another scan, dev", "synthetic OCR, dev")
    return {name: ev.scores(ev.evaluate(parts[name])) for name in names}


@pytest.fixture(scope="module")
def restorer():
    from indexer.extract.restore import Restorer

    return Restorer()


@pytest.fixture(scope="module")
def fixture_reading(request, restorer):
    """The restorer's reading of the test module's ``OCR`` text."""
    return restorer.restore(request.module.OCR)
