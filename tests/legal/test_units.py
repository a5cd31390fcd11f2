import pytest

from indexer.legal import units


@pytest.mark.parametrize(
    "level, name, expected",
    [
        ("thi xa", "PHUOC LONG", ("thị xã Phước Long", "Bình Phước")),
        ("huyen", "PHONG THO", ("huyện Phong Thổ", "Lai Châu")),
        ("tinh", "Pong Thap", ("tỉnh Đồng Tháp", "Đồng Tháp")),
        ("tinh", "Pdong Thap", ("tỉnh Đồng Tháp", "Đồng Tháp")),
        ("xa", "Huong Long", ("xã Hương Long", "Hà Tĩnh")),
        ("xa", "Tan Hiep", None),  # many communes share the name: never guess
    ],
)
def test_resolve(level, name, expected):
    u = units.resolve(level, name)
    assert ((u.label, u.province) if u else None) == expected


def test_resolve_uses_hints():
    assert units.resolve("phuong", "Phuoc Long", {"Khánh Hòa"}).label == "phường Phước Long"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("cua ubnd tinh binh phuoc va tinh pong thap", {"Bình Phước", "Đồng Tháp"}),
        ("tinh hinh kinh te", set()),
        ("thanh pho ho chi minh", {"Hồ Chí Minh"}),
    ],
)
def test_provinces_mentioned(text, expected):
    assert units.provinces_mentioned(text) == expected


def test_slug():
    assert units.resolve("thi xa", "phuoc long").slug == "thi-xa-phuoc-long"
