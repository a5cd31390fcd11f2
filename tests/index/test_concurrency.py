"""Searching while indexing, and a second indexer on a busy index."""

from __future__ import annotations

import fcntl
import subprocess
import sys
import time
from pathlib import Path

from indexer.index.whoosh.writer import build
from indexer.index.whoosh.writer import LOCK_FILE
from indexer.index.whoosh.store import documents, open_index
from searchapp import create_app

ROOT = Path(__file__).resolve().parents[2]
BUSY = "Error: another indexer is writing to this index; wait for it to finish and run again\n"


def write_docs(src: Path, start: int, stop: int, word: str) -> None:
    src.mkdir(parents=True, exist_ok=True)
    for i in range(start, stop):
        (src / f"d{i:04d}.txt").write_text(
            f"ỦY BAN NHÂN DÂN\nSố: {i + 1}/BC-UBND\n\nBÁO CÁO\nVề {word} số {i}\n\n"
            + "kết quả cải cách hành chính quý một " * 15,
            encoding="utf-8",
        )


def start_build(src: Path, index_dir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "indexer", "build", str(src), "--index", str(index_dir)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def lock_is_held(index_dir: Path) -> bool:
    path = index_dir / LOCK_FILE
    if not path.exists():
        return False
    with open(path, "a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(f, fcntl.LOCK_UN)
        return False


def test_search_while_indexing_sees_new_documents_without_restart(tmp_path, gate):
    src, index_dir = tmp_path / "src", tmp_path / "index"
    write_docs(src, 0, 20, "tiếp dân")
    build(src, index_dir)
    client = create_app({"INDEX_DIR": str(index_dir), "TESTING": True}).test_client()

    def total() -> int:
        resp = client.get("/api/search?q=%22chuyển+đổi%22")
        assert resp.status_code == 200
        return resp.get_json()["total"]

    assert total() == 0
    write_docs(src, 20, 620, "chuyển đổi số")
    gate.add_to(src)
    proc = gate.start_build(src, index_dir)
    gate.wait_reached(proc)  # the build holds the 600 new documents, uncommitted
    during = [total() for _ in range(3)]
    assert client.get("/search?q=b%C3%A1o+c%C3%A1o&year=none").status_code == 200
    gate.open()
    assert proc.wait(timeout=600) == 0, proc.stderr.read()
    assert during == [0, 0, 0]  # searches during the build see the last commit
    # The handle looks for a new commit at most every 0.5 s: the app sees it, without a restart.
    deadline = time.monotonic() + 60
    while (after := total()) != 600 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert after == 600


def test_second_indexer_exits_with_a_clear_message(tmp_path, gate):
    src, index_dir = tmp_path / "src", tmp_path / "index"
    write_docs(src, 0, 400, "phòng cháy")
    gate.add_to(src)
    first = gate.start_build(src, index_dir)
    gate.wait_reached(first)  # the first build holds the lock until the gate opens
    assert lock_is_held(index_dir)
    second = start_build(src, index_dir)
    out, err = second.communicate(timeout=600)
    assert (second.returncode, out, err) == (1, "", BUSY)
    gate.open()
    assert first.wait(timeout=600) == 0, first.stderr.read()
    with open_index(index_dir).searcher() as s:
        ids = [f["id"] for f in documents(s)]
    assert sorted(ids) == [f"d{i:04d}.txt" for i in range(400)] + [gate.NAME]
