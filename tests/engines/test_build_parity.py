"""One build loop, two engines: the same folder says the same things through `indexer build` and `status`.

A mixed folder: a scan read by real Tesseract, a TCVN3 and a VNI text
(converted), a text whose encoding cannot be decided (indexed as read,
flagged) and a broken PDF (skipped).  Each engine's real build, through the
CLI, prints the same summary; ``status`` then prints the same fields.
"""

from __future__ import annotations

import re
import subprocess
import sys
import uuid

import pytest

import samples
from indexer.extract.loaders.charsets import charsets
from tests.engines.conftest import ROOT

LEGACY = ("UBND HUYỆN BÙ ĐĂNG\nSố: 45/KH-UBND\nKẾ HOẠCH\nVề việc {}\n"
          "Ủy ban nhân dân huyện yêu cầu các xã nghiêm túc thực hiện kế hoạch này.\n")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "indexer", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    src = tmp_path_factory.mktemp("mixed")
    page = samples.page_image(["ỦY BAN NHÂN DÂN XÃ ĐỨC LIỄU", "KẾ HOẠCH", "Tập trung phòng chống dịch bệnh gia súc."])
    (src / "scan.pdf").write_bytes(samples.scanned_pdf([page]))
    (src / "tcvn3.txt").write_bytes(charsets()["tcvn3"].encode(LEGACY.format("giải phóng mặt bằng")))
    (src / "vni.txt").write_bytes(charsets()["vni"].encode(LEGACY.format("hỗ trợ hộ nghèo xây nhà")))
    (src / "undecidable.txt").write_bytes("Quy\xe9t \xf0\xfdnh v\xe8 vi\xeac".encode("latin-1"))
    (src / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    return src


@pytest.fixture(scope="module")
def built(mixed, cluster, tmp_path_factory):
    """(index arguments, build output) of each engine, each from an empty OCR cache."""
    from indexer.index.opensearch.client import connect

    work = tmp_path_factory.mktemp("parity")
    alias = f"parity-{uuid.uuid4().hex[:8]}"
    engines = {"whoosh": ["--index", str(work / "ix")],
               "opensearch": ["--backend", "opensearch", "--opensearch-url", cluster.url, "--index", alias]}
    out = {}
    for engine, args in engines.items():
        done = cli("build", str(mixed), *args, "--ocr-cache", str(work / f"ocr-{engine}"))
        assert done.returncode == 0, done.stderr[-2000:]
        out[engine] = (args, done.stdout)
    yield out
    connect(cluster.url).indices.delete(index=f"{alias}*")


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
