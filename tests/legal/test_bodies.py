"""The dated table of issuing bodies (indexer/legal/data/bodies.json) and what reads it."""

import json

import pytest

from indexer.legal import bodies, codes


def test_the_shipped_table_keeps_its_rules():
    rows = bodies.load()
    assert rows == bodies.all_bodies()
    kinds = set(json.loads(bodies.DATA.read_text(encoding="utf-8"))["kinds"])
    assert {b.kind for b in rows} <= kinds
    assert all(set(b.level) <= {"central", "province", "district", "commune"} and b.level for b in rows)
    assert all(not b.valid_from or not b.valid_to or b.valid_from <= b.valid_to for b in rows)


def test_no_code_is_central_and_local_without_a_rule(tmp_path):
    """Each code of a central and a local body names one rule on every row that uses it."""
    shared = {c for c in bodies.central_codes() if c in bodies.local_codes()}
    assert shared == {"BCĐ", "ĐU", "BHXH"}
    for code in shared:
        assert {b.apart for b in bodies.all_bodies() if code in b.codes} <= set(bodies.APART_RULES)
    table = json.loads(bodies.DATA.read_text(encoding="utf-8"))
    for row in table["bodies"]:
        if row["name"] == "Ban Chỉ đạo":
            del row["apart"]
    broken = tmp_path / "bodies.json"
    broken.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(bodies.BodyTableError, match="BCĐ is central and local"):
        bodies.load(broken)


@pytest.mark.parametrize("code, scope", [
    ("TTg", {"central"}), ("QH15", {"central"}), ("BNNMT", {"central"}), ("BKHĐT", {"central"}), ("VPQH", {"central"}),
    ("UBND", {"local"}), ("SNV", {"local"}), ("SNgV", {"local"}), ("CCHC", {"local"}),
    ("BCĐ", {"central", "local"}), ("XYZ", set()),
])
def test_scope(code, scope):
    assert bodies.scope(code) == scope
    assert codes.is_central(code) == (scope == {"central"})


@pytest.mark.parametrize("name, day, expected", [
    ("Bộ Kế hoạch và Đầu tư", "2024-12-31", "Bộ Kế hoạch và Đầu tư"),
    ("Bộ Kế hoạch và Đầu tư", "2025-03-01", "Bộ Tài chính"),
    ("Bộ Tài nguyên và Môi trường", "2025-06-01", "Bộ Nông nghiệp và Môi trường"),
    ("Bộ Nông nghiệp và Phát triển nông thôn", "2025-06-01", "Bộ Nông nghiệp và Môi trường"),
    ("Bộ Giao thông vận tải", "2025-06-01", "Bộ Xây dựng"),
    ("Bộ Thông tin và Truyền thông", "2025-06-01", "Bộ Khoa học và Công nghệ"),
    ("Bộ Lao động - Thương binh và Xã hội", "2025-06-01", "Bộ Nội vụ"),
    ("Ủy ban Dân tộc", "2025-06-01", "Bộ Dân tộc và Tôn giáo"),
    ("Tổng cục Thuế", "2025-06-01", "Cục Thuế"),
    ("Tổng cục Hải quan", "2025-06-01", "Cục Hải quan"),
    ("Tổng cục Thống kê", "2025-06-01", "Cục Thống kê"),
    ("Sở Kế hoạch và Đầu tư", "2025-06-01", "Sở Tài chính"),
    ("Sở Giao thông vận tải", "2025-06-01", "Sở Xây dựng"),
    ("Sở Lao động - Thương binh và Xã hội", "2025-06-01", "Sở Nội vụ"),
    ("Bộ Nông nghiệp và Môi trường", "2024-06-01", None),  # not yet: no one did its work under that name
    ("Bộ Ngoại vụ", "2024-06-01", None),  # never existed
])
def test_successor(name, day, expected):
    assert bodies.successor(name, day) == expected


def test_every_successor_is_listed_and_valid_the_next_day():
    from datetime import date, timedelta

    for b in bodies.all_bodies():
        if b.successor and b.valid_to:
            after = (date.fromisoformat(b.valid_to) + timedelta(days=1)).isoformat()
            assert bodies.named(b.successor) == [] or bodies.valid_on(b.successor, after), b.name


@pytest.mark.parametrize("name, code", [
    ("Bộ Nội vụ", "BNV"), ("Bộ trưởng Bộ Y tế", "BYT"), ("Sở Giáo dục và Đào tạo", "SGDĐT"), ("Thủ tướng Chính phủ", "TTg"),
    ("Sở Ngoại vụ", "SNgV"), ("Bộ Dân tộc và Tôn giáo", "BDTTG"), ("Văn phòng Quốc hội", "VPQH"), ("Cục Thuế", None),
    ("Ban Chấp hành Trung ương", "TW"), ("UBND tỉnh Bình Phước", None),
])
def test_code_of(name, code):
    assert bodies.code_of(name) == code


@pytest.mark.parametrize("words, expected", [
    ("bo ngoai giao", "Bộ Ngoại giao"), ("so ngoai vu", "Sở Ngoại vụ"), ("sonoi vu", "Sở Nội vụ"),
    ("bo ngoai vu", None), ("bo van hoa va the thao", None),  # no such ministries
    ("kiem toan nha nuoc", "Kiểm toán Nhà nước"),
])
def test_restore(words, expected):
    assert bodies.restore(words) == expected


def test_people_and_placed_bodies():
    assert bodies.people_names() == ("uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd")
    assert (bodies.committee_code(), bodies.council_code()) == ("UBND", "HĐND")
    assert bodies.placed_body("ban chi dao cac chuong trinh muc tieu quoc gia tinh") == "Ban Chỉ đạo"
    assert bodies.placed_body("ban chi huy quan su") is None
