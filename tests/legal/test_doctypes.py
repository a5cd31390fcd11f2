import pytest

from indexer.legal import doctypes


@pytest.mark.parametrize(
    "code, expected",
    [
        ("QĐ", ("QĐ", "Quyết định")),
        ("QD", ("QĐ", "Quyết định")),
        ("Qb", ("QĐ", "Quyết định")),
        ("QP", ("QĐ", "Quyết định")),
        ("QDb", ("QĐ", "Quyết định")),
        ("KH", ("KH", "Kế hoạch")),
        ("TTr", ("TTr", "Tờ trình")),
        ("ttr", ("TTr", "Tờ trình")),
        ("HD", ("HD", "Hướng dẫn")),
        ("HP", ("HĐ", "Hợp đồng")),
        ("PA", ("PA", "Phương án")),
        ("NP", ("NĐ", "Nghị định")),
        ("CV", ("CV", "Công văn")),
        ("UBND", None),
    ],
)
def test_by_code(code, expected):
    t = doctypes.by_code(code)
    assert ((t.code, t.name) if t else None) == expected


@pytest.mark.parametrize(
    "name, code",
    [("KE HOACH", "KH"), ("Báo cáo", "BC"), ("THONG BAO", "TB"), ("quyết định", "QĐ"), ("bao", None)],
)
def test_by_name(name, code):
    t = doctypes.by_name(name)
    assert (t.code if t else None) == code
