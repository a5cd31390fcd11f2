"""Administrative units on the map valid at a document's date, and the 2025 province mergers.

Documents dated from 1 July 2025 name the 34-province, two-level map
(data/units-2025.tsv from vietnam-provinces 2025.10.1); earlier ones the
63-province, three-level map (vietnam-provinces 0.6.0).  The province facet
shows old names under the province they merged into.
"""

from __future__ import annotations

import re

import pytest

from indexer.analysis.text import normalize
from indexer.extract.metadata import extract_metadata
from indexer.legal import unitmaps, units


def test_the_two_maps():
    old, new = unitmaps.units(unitmaps.OLD), unitmaps.units(unitmaps.NEW)
    assert (sum(u.tier == 1 for u in old), sum(u.tier == 1 for u in new)) == (63, 34)
    assert {u.tier for u in new} == {1, 3}  # no districts
    assert {u.level for u in new if u.tier == 3} == {"xã", "phường", "đặc khu"}


def test_the_mergers_cover_both_maps_once():
    provinces = unitmaps._mergers()["provinces"]
    assert sorted(provinces) == sorted(u.name for u in unitmaps.units(unitmaps.NEW) if u.tier == 1)
    olds = [o for group in provinces.values() for o in group]
    assert sorted(olds) == sorted(u.name for u in unitmaps.units(unitmaps.OLD) if u.tier == 1)
    assert all(group[0] == new for new, group in provinces.items() if len(group) == 1)


@pytest.mark.parametrize("old, now", [
    ("Bình Phước", "Đồng Nai"), ("Đồng Nai", "Đồng Nai"), ("Hà Giang", "Tuyên Quang"), ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
    ("Hòa Bình", "Phú Thọ"), ("Kiên Giang", "An Giang"), ("Hà Nội", "Hà Nội"), ("Huế", "Huế"), ("Atlantis", None),
])
def test_now_in(old, now):
    assert unitmaps.now_in(old) == now


def _where(unit):
    return (unit.label, unit.province, unit.map) if unit else None


@pytest.mark.parametrize("level, name, day, expected", [
    ("xa", "quoc oai", "2023-05-01", ("xã Quốc Oai", "Lâm Đồng", "63")),
    ("xa", "quoc oai", "2025-09-15", ("xã Quốc Oai", "Hà Nội", "34")),  # the old huyện Quốc Oai's communes
    ("xa", "quoc oai", None, None),  # undated, the maps disagree: never guess
    ("xa", "lung cu", "2025-06-30", ("xã Lũng Cú", "Hà Giang", "63")),
    ("xa", "lung cu", "2025-07-01", ("xã Lũng Cú", "Tuyên Quang", "34")),
    ("tinh", "binh phuoc", "2025-09-15", ("tỉnh Bình Phước", "Bình Phước", "63")),  # only the old map knows it
    ("dac khu", "phu quoc", "2025-09-15", ("đặc khu Phú Quốc", "An Giang", "34")),
    ("thi xa", "phuoc long", None, ("thị xã Phước Long", "Bình Phước", "63")),  # undated, one map knows it
])
def test_resolve_on_the_map_of_the_day(level, name, day, expected):
    assert _where(units.resolve(level, name, on=day)) == expected


@pytest.mark.parametrize("head, expected", [
    ("ỦY BAN NHÂN DÂN\nXÃ QUỐC OAI\nSố: 12/KH-UBND    Quốc Oai, ngày 15 tháng 9 năm 2025\nKẾ HOẠCH\nVề việc\n",
     ("UBND xã Quốc Oai", "Hà Nội", "kh-12-ubnd-2025-xa-quoc-oai")),
    ("ỦY BAN NHÂN DÂN\nXÃ QUỐC OAI\nSố: 12/KH-UBND    Quốc Oai, ngày 15 tháng 9 năm 2023\nKẾ HOẠCH\nVề việc\n",
     ("UBND xã Quốc Oai", "Lâm Đồng", "kh-12-ubnd-2023-xa-quoc-oai")),
    ("ỦY BAN NHÂN DÂN\nPHƯỜNG ĐỒNG XOÀI\nSố: 12/KH-UBND    Đồng Xoài, ngày 15 tháng 9 năm 2025\nKẾ HOẠCH\nVề việc\n",
     ("UBND phường Đồng Xoài", "Đồng Nai", "kh-12-ubnd-2025-phuong-dong-xoai")),
])
def test_metadata_reads_the_unit_on_the_documents_date(head, expected):
    m = extract_metadata(normalize(head))
    assert (m.unit, m.province, m.key) == expected


BINH_PHUOC = ("ỦY BAN NHÂN DÂN\nTHỊ XÃ PHƯỚC LONG\nSố: 45/KH-UBND    Phước Long, ngày 20 tháng 3 năm 2023\n\nKẾ HOẠCH\n"
              "Tổ chức ngày hội đại đoàn kết toàn dân tộc\n\nUBND thị xã xây dựng kế hoạch như sau.\n")
DONG_NAI = ("ỦY BAN NHÂN DÂN\nPHƯỜNG ĐỒNG XOÀI\nSố: 12/KH-UBND    Đồng Xoài, ngày 15 tháng 9 năm 2025\n\nKẾ HOẠCH\n"
            "Tổ chức ngày hội đại đoàn kết toàn dân tộc\n\nUBND phường xây dựng kế hoạch như sau.\n")


@pytest.fixture(scope="module")
def maps_client(tmp_path_factory):
    from indexer.index.whoosh.writer import build
    from searchapp import create_app

    src = tmp_path_factory.mktemp("maps-src")
    (src / "binh-phuoc.txt").write_text(BINH_PHUOC, encoding="utf-8")
    (src / "dong-nai.txt").write_text(DONG_NAI, encoding="utf-8")
    index = tmp_path_factory.mktemp("maps-index")
    report = build(src, index)
    assert not report.skipped, report.summary()
    return create_app({"INDEX_DIR": str(index), "TESTING": True}).test_client()


def test_province_facet_names_the_merge(maps_client):
    data = maps_client.get("/api/search?q=" + "đại đoàn kết").get_json()
    assert data["facets"]["province"] == [
        {"value": "Bình Phước", "count": 1, "label": "Bình Phước (nay thuộc Đồng Nai)", "selected": False, "group": "Đồng Nai"},
        {"value": "Đồng Nai", "count": 1, "label": "Đồng Nai", "selected": False, "group": "Đồng Nai"},
    ]
    html = maps_client.get("/search?q=" + "đại đoàn kết").get_data(as_text=True)
    section = re.search(r'<section class="facet" data-facet="province">(.*?)</section>', html, re.S).group(1)
    groups = [(g, re.findall(r'<span class="label">([^<]*)</span>', body))
              for g, body in re.findall(r"<h4>([^<]*)</h4>\s*<ul>(.*?)</ul>", section, re.S)]
    assert groups == [("Đồng Nai", ["Bình Phước (nay thuộc Đồng Nai)", "Đồng Nai"])]
    # The value stays the stored name: selecting the old province finds its own document.
    picked = maps_client.get("/api/search?q=" + "đại đoàn kết" + "&province=" + "Bình Phước").get_json()
    assert [h["id"] for h in picked["hits"]] == ["binh-phuoc.txt"]
