"""Checksums recorded at commit (issue 23, part 1): damage that keeps a file's size and
mtime (a rotted sector) is found by `check`, repaired by the next build, and told
from a bug when a read fails; an index copied without its mtimes is not damage.

Whole-app damage through gunicorn: tests/web/test_index_damage_part1.py.
"""

from __future__ import annotations

import os
import random
import shutil

import pytest

from indexer.errors import IndexDamagedError
from indexer.index.whoosh.store import check, read_manifest
from indexer.index.whoosh.writer import build
from indexer.search import SearchRequest, open_service
from indexer.search.whoosh.handle import IndexHandle

DOCS = {
    f"kh-{i}.txt": f"ỦY BAN NHÂN DÂN XÃ ĐỨC LIỄU\nSố: {i}/KH-UBND\nKẾ HOẠCH\nVề việc phòng chống bão lũ năm 202{i % 5}\n"
                   + "Ủy ban nhân dân xã yêu cầu các thôn thực hiện nghiêm túc kế hoạch này. " * (20 + i)
    for i in range(12)
}


@pytest.fixture()
def built(make_corpus, tmp_path):
    src, index_dir = make_corpus(DOCS), tmp_path / "index"
    report = build(src, index_dir)
    assert not report.skipped and len(report.indexed) == len(DOCS)
    return src, index_dir


def _rot(index_dir, suffix: str) -> str:
    """4 KB (or the whole file, if smaller) of other bytes in the middle of the
    file, its size and mtime as they were: what a failing disk does."""
    path = next(p for p in sorted(index_dir.iterdir()) if p.name.endswith(suffix))
    st = path.stat()
    data = bytearray(path.read_bytes())
    size = min(4096, len(data))
    start = len(data) // 2 - size // 2
    data[start:start + size] = bytes(b ^ 0xA5 for b in random.Random(23).randbytes(size))
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
    return path.name


def test_every_file_of_a_commit_has_its_checksum(built):
    _, index_dir = built
    manifest = read_manifest(index_dir)
    assert manifest.files and sorted(manifest.checksums) == sorted(manifest.files) == sorted(manifest.mtimes)
    assert check(str(index_dir)).startswith(f"ok: {len(DOCS)} documents")


def test_rot_that_keeps_size_and_mtime_is_found_by_check_and_repaired_by_build(built):
    src, index_dir = built
    rotted = _rot(index_dir, ".pst")
    with pytest.raises(IndexDamagedError, match=f"{rotted} does not hold what was committed"):
        check(str(index_dir))
    report = build(src, index_dir)
    assert report.rebuilt and "damaged" in report.rebuilt and rotted in report.rebuilt
    assert sorted(report.indexed) == sorted(DOCS)
    assert check(str(index_dir)).startswith(f"ok: {len(DOCS)} documents")
    assert not (index_dir / rotted).exists()  # the damaged index's files are gone once the new one is committed


def test_a_failed_read_is_damage_only_when_the_files_are_not_the_commit(built):
    src, index_dir = built
    handle = IndexHandle(index_dir)
    handle.current()
    bug = ValueError("a bug in the reading code")
    assert handle.read_failed(bug) is None  # the files are sound: the caller raises the bug (a 500)
    _rot(index_dir, "._stored.col")
    handle.current()  # size and mtime unchanged: nothing seen yet
    with pytest.raises(IndexDamagedError, match="does not hold what was committed.*python -m indexer build"):
        handle.read_failed(bug)
    with pytest.raises(IndexDamagedError):  # said on every use until a build repairs it
        handle.current()
    build(src, index_dir)
    searcher, _ = handle.current()  # the new commit, opened afresh
    assert searcher.doc_count() > 0


def test_an_index_copied_without_its_mtimes_is_not_damage(built, tmp_path):
    src, index_dir = built
    copy = tmp_path / "copied"
    shutil.copytree(index_dir, copy, copy_function=shutil.copyfile)  # new mtimes, the same bytes
    manifest = read_manifest(copy)
    assert any((copy / name).stat().st_mtime_ns != mtime for name, mtime in manifest.mtimes.items())
    service = open_service("whoosh", index_dir=copy)
    assert service.search(SearchRequest(q="bão lũ")).total == len(DOCS)
    assert service.document("kh-3.txt") is not None and service.document("no-such.txt") is None
    assert check(str(copy)).startswith("ok:")
    report = build(src, copy)
    assert (report.rebuilt, report.unchanged) == (None, len(DOCS))


def test_the_files_are_stated_once_per_question_and_a_change_is_seen_by_the_next(built, monkeypatch):
    """A document page reads the index fifteen times: its files are compared with the
    commit once for the page (engine.one_question), at every read outside a question,
    and a file truncated between two pages is damage to the second."""
    from indexer.search import SearchSettings
    from indexer.search.whoosh import handle as handle_module

    _, index_dir = built
    looked = []
    real = handle_module.fingerprint_of_files
    monkeypatch.setattr(handle_module, "fingerprint_of_files", lambda *a: looked.append(1) or real(*a))
    # No half-second look in between: only the question decides.
    service = open_service("whoosh", index_dir=index_dir, settings=SearchSettings(refresh_seconds=3600))
    assert service.search(SearchRequest(q="bão lũ")).total == len(DOCS)
    looked.clear()
    assert service.document("kh-3.txt", "kế hoạch") is not None
    assert len(looked) == 1
    looked.clear()
    service.engine.stored("kh-3.txt")
    service.engine.stored("kh-4.txt")
    assert len(looked) == 2
    victim = next(p for p in sorted(index_dir.iterdir()) if p.name.endswith("._stored.col"))
    victim.write_bytes(victim.read_bytes()[:-100])
    with pytest.raises(IndexDamagedError):
        service.document("kh-3.txt", "kế hoạch")
