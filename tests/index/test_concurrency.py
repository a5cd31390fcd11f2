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


def test_search_while_indexing_sees_new_documents_without_restart(tmp_path):
    src, index_dir = tmp_path / "src", tmp_path / "index"
    write_docs(src, 0, 20, "tiếp dân")
    build(src, index_dir)
    client = create_app({"INDEX_DIR": str(index_dir), "TESTING": True}).test_client()
    assert client.get("/api/search?q=%22chuyển+đổi%22").get_json()["total"] == 0
    client.get("/search?q=b%C3%A1o+c%C3%A1o&year=none")  # warm up (pyvi, facets) before timing overlap

    write_docs(src, 20, 620, "chuyển đổi số")
    proc = start_build(src, index_dir)
    statuses, totals = set(), []
    while proc.poll() is None:
        resp = client.get("/api/search?q=%22chuyển+đổi%22")
        statuses.add(resp.status_code)
        totals.append(resp.get_json().get("total"))
        statuses.add(client.get("/search?q=b%C3%A1o+c%C3%A1o&year=none").status_code)
    assert proc.returncode == 0, proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    time.sleep(0.6)  # the handle looks for a new commit at most every 0.5 s
    totals.append(client.get("/api/search?q=%22chuyển+đổi%22").get_json()["total"])
    assert statuses == {200}
    assert set(totals) <= {0, 600} and totals[-1] == 600
    assert len(totals) >= 3  # the searches did overlap the build


def test_second_indexer_exits_with_a_clear_message(tmp_path):
    src, index_dir = tmp_path / "src", tmp_path / "index"
    write_docs(src, 0, 400, "phòng cháy")
    first = start_build(src, index_dir)
    deadline = time.monotonic() + 60
    while not lock_is_held(index_dir):
        assert first.poll() is None and time.monotonic() < deadline, "the first build never took the lock"
        time.sleep(0.02)
    second = start_build(src, index_dir)
    out, err = second.communicate(timeout=60)
    assert (second.returncode, out, err) == (1, "", BUSY)
    assert first.wait(timeout=120) == 0
    first.stdout.close()
    first.stderr.close()
    with open_index(index_dir).searcher() as s:
        ids = [f["id"] for f in documents(s)]
    assert sorted(ids) == [f"d{i:04d}.txt" for i in range(400)]
