"""One build loop, two engines: the same folder says the same things through `indexer build` and `status`.

A mixed folder: a scan read by real Tesseract, a TCVN3 and a VNI text
(converted), a text whose encoding cannot be decided (indexed as read,
flagged) and a broken PDF (skipped).  Each engine's real build, through the
CLI, prints the same summary; ``status`` then prints the same fields.
"""

from __future__ import annotations

import re

from tests.engines.conftest import cli


def test_both_engines_print_the_same_summary(built):
    whoosh, opensearch = built["whoosh"][1], built["opensearch"][1]
    assert whoosh == opensearch
    lines = whoosh.splitlines()
    assert lines[:2] == ["indexed 4, updated 0, removed 0, unchanged 0, skipped 1", "OCR: 1 pages (0 from the OCR cache)"]
    assert [line.split(":")[0] for line in lines[2:]] == [
        "  converted tcvn3.txt", "  converted vni.txt", "  flagged undecidable.txt", "  skipped broken.pdf"]


def test_status_prints_the_same_fields_for_both(built):
    shown = {engine: cli("status", *args).stdout.splitlines() for engine, (args, _) in built.items()}
    first = {engine: re.fullmatch(r"(\d+) documents in .+ \((\w+), fingerprint [0-9a-f]{16}\)", lines[0])
             for engine, lines in shown.items()}
    assert {engine: m and m.groups() for engine, m in first.items()} == {
        "whoosh": ("4", "whoosh"), "opensearch": ("4", "opensearch")}
    assert shown["whoosh"][1:] == shown["opensearch"][1:]
    assert shown["whoosh"][1:] == ["last build:"] + [f"  {line}" for line in built["whoosh"][1].splitlines()]
