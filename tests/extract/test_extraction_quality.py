"""Extraction quality on the labelled dev documents: the targets met today must hold.

Runs the evaluation of ``scripts/eval_metadata.py`` over the real seeds and
the simulated-OCR dev split (never the held-out one) and compares each
measure with a floor.  Floors are the issue's targets where they are met and
the current score, rounded down, where they are not yet, so any regression
fails.  Raise a floor when extraction improves.
"""

import pytest

from indexer.extract.citations import extract_citations
from indexer.extract.metadata import extract_metadata


FLOORS = [
    # (part, field, measure, floor %): the targets ...
    ("simulated OCR, dev", "number", "exact", 98.0),
    ("simulated OCR, dev", "date", "exact", 98.0),
    ("simulated OCR, dev", "unit", "exact", 95.0),
    ("simulated OCR, dev", "unit", "exact", 99.0),  # central bodies named too (Bộ, Cục, Chính phủ)
    ("simulated OCR, dev", "type", "exact", 98.0),
    ("simulated OCR, another scan, dev", "number", "exact", 98.0),
    ("simulated OCR, another scan, dev", "date", "exact", 98.0),
    ("simulated OCR, another scan, dev", "type", "exact", 98.0),
    ("simulated OCR, another scan, dev", "unit", "exact", 95.0),
    ("simulated OCR, another scan, dev", "cited QĐ", "recall", 95.0),
    ("simulated OCR, another scan, dev", "cited QĐ", "precision", 98.0),
    ("simulated OCR, dev", "cited QĐ", "recall", 95.0),
    ("simulated OCR, dev", "cited QĐ", "precision", 98.0),
    ("synthetic OCR, dev", "number", "exact", 98.0),
    ("synthetic OCR, dev", "date", "exact", 98.0),
    ("synthetic OCR, dev", "type", "exact", 98.0),
    ("synthetic OCR, dev", "unit", "exact", 95.0),
    ("synthetic OCR, dev", "cited QĐ", "recall", 95.0),
    ("synthetic OCR, dev", "cited QĐ", "precision", 98.0),
    # ... and today's level where the target is not met yet or there is none.
    ("simulated OCR, dev", "province", "exact", 98.0),
    ("simulated OCR, dev", "signer", "precision", 96.0),
    ("simulated OCR, dev", "signer", "recall", 93.0),
    ("simulated OCR, dev", "recipients", "precision", 99.0),
    ("simulated OCR, dev", "recipients", "recall", 98.5),
    ("simulated OCR, dev", "title", "exact", 90.0),
    ("synthetic OCR, dev", "province", "exact", 95.0),
    ("synthetic OCR, dev", "signer", "recall", 96.0),
    ("synthetic OCR, dev", "recipients", "recall", 97.0),
    ("real seeds (dev)", "number", "exact", 100.0),
    ("real seeds (dev)", "date", "exact", 100.0),
    ("real seeds (dev)", "type", "exact", 100.0),
    ("real seeds (dev)", "unit", "exact", 100.0),
    ("real seeds (dev)", "cited QĐ", "recall", 100.0),
    ("real seeds (dev)", "cited QĐ", "precision", 100.0),
]


@pytest.mark.parametrize("part, field, measure, floor", FLOORS, ids=lambda v: str(v))
def test_dev_scores_hold(dev_scores, part, field, measure, floor):
    assert round(dev_scores[part][field, measure], 1) >= floor


def test_no_catastrophic_backtracking():
    """Long runs that used to invite regex backtracking are read (in under a second
    here; with the backtracking, never): nothing in them is a value.  The speed
    itself is measured by scripts/eval_metadata.py, not asserted here."""
    text = "1/" * 100_000 + "ngày " * 50_000 + "A-" * 100_000
    metadata = extract_metadata(text)
    assert (metadata.number, metadata.date, metadata.type_code, metadata.title) == (None, None, None, None)
    assert extract_citations(text, metadata) == []
