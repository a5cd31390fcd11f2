"""Indexing is atomic: a build killed with SIGKILL at any moment leaves the old or the new state.

An index holding the "old" folder is updated to the "new" folder (documents
added, changed and removed) by `python -m indexer build` in a subprocess,
killed after a random delay; after every kill the index must open and hold
exactly the old or exactly the new documents.  The kills accumulate on one
index (orphaned segment files included), and a final uncut run must complete
it with every document present exactly once.  Where a random kill lands
depends on the machine's speed, so one kill is certain to land mid-build: the
build is held at a gate (a scan read last) with every other new document in
its writer.
"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from indexer.index.whoosh.writer import build
from indexer.index.whoosh.store import documents, open_index

ROOT = Path(__file__).resolve().parents[2]
KILLS = 20
SEED = 20240611


def doc_text(i: int, version: int) -> str:
    body = "triển khai công tác cải cách hành chính " * (10 + i % 7)
    return (
        f"ỦY BAN NHÂN DÂN\nSố: {i + 1}/KH-UBND\n\nKẾ HOẠCH\nVề việc số {i} phiên bản {version}\n\n"
        f"Nội dung {i}: {body}"
    )


def write_folder(src: Path, versions: dict[int, int]) -> None:
    src.mkdir(parents=True, exist_ok=True)
    for i, version in versions.items():
        (src / f"d{i:03d}.txt").write_text(doc_text(i, version), encoding="utf-8")


def index_state(index_dir: Path) -> dict[str, str]:
    """{id: checksum} of the committed index; fails on any duplicate id."""
    ix = open_index(index_dir)
    with ix.searcher() as s:
        stored = [(f["id"], f["checksum"]) for f in documents(s)]
    state = dict(stored)
    assert len(state) == len(stored), "a document is present twice"
    return state


def run_build(src: Path, index_dir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "indexer", "build", str(src), "--index", str(index_dir)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def test_sigkill_leaves_old_or_new_state(tmp_path, gate):
    old_src, new_src = tmp_path / "old", tmp_path / "new"
    write_folder(old_src, {i: 1 for i in range(150)})
    # New: 40 removed, 40 changed, 110 added.
    write_folder(new_src, {i: 2 if i < 80 else 1 for i in range(40, 300)})
    for i in range(80, 150):  # unchanged files keep their mtime, so the update skips them
        shutil.copy2(old_src / f"d{i:03d}.txt", new_src / f"d{i:03d}.txt")
    snapshot = tmp_path / "snapshot"
    build(old_src, snapshot)
    old = index_state(snapshot)

    reference = tmp_path / "reference"
    shutil.copytree(snapshot, reference)
    started = time.monotonic()
    proc = run_build(new_src, reference)
    assert proc.wait(timeout=600) == 0, proc.stderr.read().decode()
    proc.stderr.close()
    full_seconds = time.monotonic() - started
    new = index_state(reference)
    assert (len(old), len(new)) == (150, 260)

    index_dir = tmp_path / "index"
    shutil.copytree(snapshot, index_dir)
    gated = tmp_path / "gated"
    shutil.copytree(new_src, gated)  # the same files, same times, and the gate
    gate.add_to(gated)
    proc = gate.start_build(gated, index_dir)
    gate.wait_reached(proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert index_state(index_dir) == old

    rng = random.Random(SEED)
    for _ in range(KILLS):
        proc = run_build(new_src, index_dir)
        time.sleep(rng.uniform(0, full_seconds * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stderr.close()
        state = index_state(index_dir)
        assert state in (old, new)
        if state == new:  # start the next kill from the old state again, keeping orphans around
            shutil.rmtree(index_dir)
            shutil.copytree(snapshot, index_dir)

    proc = run_build(new_src, index_dir)
    assert proc.wait(timeout=600) == 0, proc.stderr.read().decode()
    proc.stderr.close()
    assert index_state(index_dir) == new
