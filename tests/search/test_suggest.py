"""Did-you-mean and autocomplete (indexer/search/suggest.py) on a small clean, accented archive."""

from __future__ import annotations

import pytest

from indexer.search import suggest
from indexer.search.parse import parse
from indexer.search.query import build as build_query
from indexer.search.service import Suggestion
from indexer.search.whoosh.engine import WhooshEngine

FILES = {  # the archive of module_archive
    "a.txt": "ỦY BAN NHÂN DÂN HUYỆN AN PHÚ\nSố: 12/KH-UBND\nKẾ HOẠCH\nCải cách hành chính năm 2023\n"
             "Kế hoạch cải cách hành chính được triển khai. Kế hoạch này thay kế hoạch cũ.\n",
    "b.txt": "ỦY BAN NHÂN DÂN HUYỆN AN PHÚ\nSố: 30/BC-UBND\nBÁO CÁO\nKết quả cải cách hành chính\n"
             "Báo cáo kết quả thực hiện kế hoạch cải cách hành chính; cách làm mới.\n",
    "c.txt": "ỦY BAN NHÂN DÂN XÃ AN LẠC\nSố: 7/TB-UBND\nTHÔNG BÁO\nKết luận của Chủ tịch\n"
             "Thông báo kết luận của Chủ tịch về kế hoạch năm sau. Ke hoach (bản quét).\n",
}


@pytest.mark.parametrize("query, expected", [
    ("ke hoach cai cach", None),                        # accents add nothing: the same two documents
    ("ket luan cua chu tich", None),                    # likewise: the one document that says it
    ("ke hoach", None),                                 # written right finds the same three
    ("ke hoachh", "kế hoạch"),                          # misspelt: one edit away, more hits
    ("kế hoạc", "kế hoạch"),                            # a clipped last word, completed
    ("cai cach hanh chin", "cải cách hành chính"),      # "chín" is a word, but not after "hành"
    ("ke hoachh nam:2023", "kế hoạch nam:2023"),        # syntax kept around the words
    ("kế hoạch", None),                                 # already written right
    ("xyzzy", None),                                    # nothing near it
    ("12/KH-UBND", None),                               # a số ký hiệu is never "corrected"
    ("", None),
])
def test_did_you_mean(module_engine, query, expected):
    total = module_engine.count(build_query(parse(query), module_engine.analyzer)) if query else 0
    found = suggest.did_you_mean(module_engine, query, total)
    assert (found.text if found else None) == expected


def test_spelling_correction_reports_its_hits(module_engine):
    assert suggest.did_you_mean(module_engine, "ke hoachh", 0) == Suggestion("kế hoạch", 3)


@pytest.mark.parametrize("typed, expected", [
    ("kế hoạ", [{"kind": "term", "value": "kế hoạch"}]),
    ("ket lu", [{"kind": "term", "value": "kết luận"}]),   # the whole query, written as the archive writes it
    ("ke hoach cai ca", [{"kind": "term", "value": "kế hoạch cải cách"}]),
    ("12", [{"kind": "number", "value": "12/KH-UBND"}]),
    ("30/b", [{"kind": "number", "value": "30/BC-UBND"}]),
    ("k", []),                                              # one letter: too short
    ("kế ", []),                                            # a finished word: nothing to complete
    ("", []),
])
def test_complete(module_engine, typed, expected):
    assert [c.to_dict() for c in suggest.complete(module_engine, typed)] == expected


def test_complete_orders_by_frequency(module_engine):
    values = [s.value for s in suggest.complete(module_engine, "ca")]
    assert values[:2] == ["cách", "cải"]


def test_suggestions_hold_no_ocr_form(make_corpus, tmp_path):
    """An OCR'd document's junk ("luén", "ciia") is never offered, nor mixed with accents."""
    from indexer.index.whoosh.writer import build

    src = make_corpus({**FILES, "scan.txt": "Ket luén ciia Cha tich ve ke hoach cai cach hanh chinh nam 2023 "
                                              "cua uy ban nhan dan xa va cac phong ban chuyen mon. " * 3})
    build(src, tmp_path / "ix")
    engine = WhooshEngine(tmp_path / "ix")
    try:
        offered = [c.value for c in suggest.complete(engine, "ket lu")]
        assert offered and all(v in ("kết luận", "kết luật") for v in offered), offered
        found = suggest.did_you_mean(engine, "Két luan ciia Cha tich", 0)
        assert found is not None and found.text == "Kết luận của Chủ tịch"
    finally:
        engine.close()


@pytest.mark.parametrize("word, near", [("hoachh", "hoach"), ("hach", "hoach"), ("hoahc", "hoach"), ("xoach", "hoach")])
def test_edits1(word, near):
    assert near in suggest.edits1(word)
