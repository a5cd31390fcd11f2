import os
from pathlib import Path

import pytest

from indexer.index.whoosh.writer import build
from indexer.errors import IndexBusyError
from indexer.search.whoosh.texts import full_text
from indexer.index.whoosh.store import documents, open_index

GOOD = "UBND XÃ HƯƠNG LONG\nSố: 12/BC-UBND Hương Long, ngày 11 tháng 12 năm 2023\nBÁO CÁO\nKết quả cải cách hành chính năm 2023\n"


def ids(index_dir: Path) -> list[str]:
    with open_index(index_dir).searcher() as s:
        return sorted(f["id"] for f in documents(s))


def test_rebuild_adds_updates_and_removes_without_duplicates(make_corpus, tmp_path):
    src = make_corpus({"a.txt": GOOD, "sub/b.txt": GOOD.replace("12/BC", "13/BC")})
    index_dir = tmp_path / "ix"
    first = build(src, index_dir)
    assert (sorted(first.indexed), first.updated, first.removed) == (["a.txt", "sub/b.txt"], [], [])

    again = build(src, index_dir)
    assert (again.indexed, again.updated, again.removed, again.unchanged) == ([], [], [], 2)

    (src / "a.txt").write_text(GOOD + "\nThêm một đoạn.", encoding="utf-8")
    os.utime(src / "a.txt", (1, 1))  # a different mtime, as any editor would leave
    (src / "sub" / "b.txt").unlink()
    (src / "c.html").write_text("<html><body><p>Kế hoạch</p></body></html>", encoding="utf-8")
    third = build(src, index_dir)
    assert (third.indexed, third.updated, third.removed) == (["c.html"], ["a.txt"], ["sub/b.txt"])
    assert ids(index_dir) == ["a.txt", "c.html"]


def test_a_retrained_ocr_model_rebuilds_the_index(make_corpus, tmp_path):
    """An index analysed with one OCR model is never updated with another: the build
    starts a new index, says why, and readers switch to it."""
    import gzip
    import json
    import shutil

    from indexer.analysis.analyzer import Analyzer
    from indexer.analysis.ocr_repair import DEFAULT_MODEL
    from indexer.index.whoosh.store import read_manifest

    model_a = tmp_path / "a.json.gz"
    shutil.copy(DEFAULT_MODEL, model_a)
    with gzip.open(DEFAULT_MODEL, "rt", encoding="utf-8") as fh:
        model = json.load(fh)
    model["alts"]["xyzq"] = ["cua"]  # "retrained": one more repair
    model_b = tmp_path / "b.json.gz"
    with gzip.open(model_b, "wt", encoding="utf-8") as fh:
        json.dump(model, fh)

    src = make_corpus({"a.txt": GOOD, "b.txt": GOOD.replace("12/BC", "13/BC")})
    index_dir = tmp_path / "ix"
    first = build(src, index_dir, analyzer=Analyzer(model=str(model_a)))
    assert (first.rebuilt, sorted(first.indexed)) == (None, ["a.txt", "b.txt"])
    same = build(src, index_dir, analyzer=Analyzer(model=str(model_a)))
    assert (same.rebuilt, same.unchanged) == (None, 2)
    old_name = read_manifest(index_dir).index_name

    retrained = build(src, index_dir, analyzer=Analyzer(model=str(model_b)))
    assert "another OCR model" in retrained.rebuilt
    assert (sorted(retrained.indexed), retrained.unchanged) == (["a.txt", "b.txt"], 0)
    manifest = read_manifest(index_dir)
    assert manifest.index_name != old_name and manifest.model == str(model_b)
    assert not [f for f in os.listdir(index_dir) if old_name in f], "the replaced index's files are removed"
    assert ids(index_dir) == ["a.txt", "b.txt"]


@pytest.mark.parametrize(
    "name, content, reason_part",
    [
        ("junk.txt", b"\x00\x01\x02\xff" * 2000, "binary"),
        ("empty.txt", b"", "empty"),
        # UTF-16 without a byte order mark (with one it is read: tests/extract/test_loader_edges.py)
        ("utf16.txt", "Kết luận".encode("utf-16-le"), "binary"),
        ("blank.html", b"<html><script>alert(1)</script></html>", "no text"),
        ("broken.pdf", b"%PDF-1.4 garbage", "PDF"),
    ],
)
def test_bad_files_are_skipped_with_a_reason_and_the_rest_is_indexed(make_corpus, tmp_path, name, content, reason_part):
    src = make_corpus({"good.txt": GOOD, name: content})
    report = build(src, tmp_path / "ix")
    assert report.indexed == ["good.txt"]
    assert [p for p, _ in report.skipped] == [name]
    assert reason_part in report.skipped[0][1]


def test_html_visible_text_only(make_corpus, tmp_path):
    html = "<html><head><title>t</title><style>.x{}</style></head><body><p>Kết luận</p><script>var hidden=1</script></body></html>"
    src = make_corpus({"doc.html": html})
    build(src, tmp_path / "ix")
    with open_index(tmp_path / "ix").searcher() as s:
        text = full_text(s, "doc.html")
    assert "Kết luận" in text and "hidden" not in text and ".x{}" not in text


def test_symlink_outside_source_is_never_indexed(make_corpus, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("bí mật", encoding="utf-8")
    src = make_corpus({"good.txt": GOOD})
    (src / "link.txt").symlink_to(outside)
    report = build(src, tmp_path / "ix")
    assert report.indexed == ["good.txt"]
    assert report.skipped == [("link.txt", "symlink to a file outside the source folder")]


def test_second_writer_fails_fast_with_a_clear_message(make_corpus, tmp_path):
    from indexer.index.whoosh.writer import folder_lock

    src = make_corpus({"good.txt": GOOD})
    index_dir = tmp_path / "ix"
    build(src, index_dir)
    with folder_lock(index_dir):
        with pytest.raises(IndexBusyError, match="another indexer"):
            build(src, index_dir)
    assert ids(index_dir) == ["good.txt"]


def test_stored_text_is_normalised(make_corpus, tmp_path):
    import unicodedata

    src = make_corpus({"nfd.txt": unicodedata.normalize("NFD", "Hoà bình và thuỷ lợi")})
    build(src, tmp_path / "ix")
    with open_index(tmp_path / "ix").searcher() as s:
        assert full_text(s, "nfd.txt") == "Hòa bình và thủy lợi"
