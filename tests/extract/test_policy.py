"""Folder policies (.vdoc-access): read into each Document; a bad one closes its folder, never the build."""

from __future__ import annotations

import pytest

from indexer.extract.document import document_from_file
from indexer.extract.policy import access_of, parse_policy

TEXT = "UBND XÃ AN BÌNH\nSố: 12/BC-UBND\nBáo cáo kết quả chuyển đổi số.\n"


@pytest.mark.parametrize("text, groups", [
    ("groups: phong-noi-vu, lanh-dao\n", ("lanh-dao", "phong-noi-vu")),
    ("# Phòng Nội vụ\nGroups:  Phòng-Nội-Vụ ,\n", ("phòng-nội-vụ",)),
    ("\ufeffgroups: a\n\n# end\n", ("a",)),
])
def test_parse_policy(text, groups):
    assert parse_policy(text) == groups


@pytest.mark.parametrize("text, problem", [
    ("", "no 'groups:' line"),
    ("group: a\n", "line 1"),
    ("groups:\n", "names no group"),
    ("groups: a b\n", "no group name"),
    ("groups: a\ngroups: b\n", "a second"),
    ("readers = a\n", "line 1"),
])
def test_malformed_policies_say_why(text, problem):
    with pytest.raises(ValueError, match=problem):
        parse_policy(text)


def test_documents_carry_the_groups_of_every_policy_above(make_corpus):
    src = make_corpus({
        "chung/a.txt": TEXT,
        "noi-vu/b.txt": TEXT,
        "noi-vu/.vdoc-access": "groups: noi-vu, lanh-dao\n",
        "noi-vu/mat/c.txt": TEXT,
        "noi-vu/mat/.vdoc-access": "groups: lanh-dao, tai-chinh\n",  # narrows: tai-chinh is not granted
    })
    docs = {rel: document_from_file(src / rel, rel) for rel in ("chung/a.txt", "noi-vu/b.txt", "noi-vu/mat/c.txt")}
    assert {rel: d.access_groups for rel, d in docs.items()} == {
        "chung/a.txt": None, "noi-vu/b.txt": ("lanh-dao", "noi-vu"), "noi-vu/mat/c.txt": ("lanh-dao",)}
    assert docs["noi-vu/mat/c.txt"].access_policies == ["noi-vu/.vdoc-access", "noi-vu/mat/.vdoc-access"]
    assert all(not d.notes for d in docs.values())


@pytest.mark.parametrize("policy", [b"groups: a b\n", b"\xff\xfe garbage", b"readers: a\n"])
def test_a_bad_policy_closes_its_folder_and_says_so(make_corpus, policy):
    src = make_corpus({"kin/a.txt": TEXT, "kin/.vdoc-access": policy, "open/b.txt": TEXT})
    doc = document_from_file(src / "kin/a.txt", "kin/a.txt")
    assert doc.access_groups == ()
    assert len(doc.notes) == 1 and "folder policy kin/.vdoc-access cannot be read" in doc.notes[0]
    assert document_from_file(src / "open/b.txt", "open/b.txt").access_groups is None


def test_a_policy_at_the_root_covers_the_archive(make_corpus):
    src = make_corpus({"a.txt": TEXT, ".vdoc-access": "groups: van-thu\n", "x/y/b.txt": TEXT})
    assert access_of(src, "a.txt").groups == ("van-thu",)
    assert access_of(src, "x/y/b.txt").groups == ("van-thu",)


def test_a_bad_policy_is_flagged_in_the_build_summary(make_corpus, tmp_path):
    from indexer.index.whoosh.writer import build

    src = make_corpus({"kin/a.txt": TEXT, "kin/.vdoc-access": "readers: a\n", "b.txt": TEXT})
    report = build(src, tmp_path / "index")
    assert sorted(report.indexed) == ["b.txt", "kin/a.txt"]
    assert [p for p, note in report.flagged if "folder policy kin/.vdoc-access cannot be read" in note] == ["kin/a.txt"]
