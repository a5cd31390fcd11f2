import unicodedata

import pytest

from indexer.analysis.text import fold, has_diacritics, lower, normalize, strip_accents
from indexer.legal.numbers import number_term

NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Kết luận của Chủ tịch", "Kết luận của Chủ tịch"),
        (NFD("Kết luận của Chủ tịch"), "Kết luận của Chủ tịch"),  # decomposed input
        ("hoà", "hòa"),  # old/new tone placement unified
        ("thuỷ", "thủy"),
        ("THUỶ LỢI", "THỦY LỢI"),
        ("khoẻ", "khỏe"),
        ("Hoà Bình", "Hòa Bình"),
        ("hoàng", "hoàng"),  # final consonant: tone stays on the last vowel
        ("quá", "quá"),  # "qu" is an onset
        ("giữa", "giữa"),  # "gi" is an onset
        ("ngoài", "ngoài"),
        ("thuyết", "thuyết"),
        ("Ðồng Tháp", "Đồng Tháp"),  # look-alike eth
        ("dﬁy", "dfiy"),  # ligature expanded
        ("a\x00b\x07c", "a b c"),  # control characters
        ("Két luan ciia Cha tich", "Két luan ciia Cha tich"),  # OCR text kept as read
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kết luận của Chủ tịch", "ket luan cua chu tich"),
        ("KẾT LUẬN", "ket luan"),
        ("Két luan", "ket luan"),
        ("Đồng Tháp", "dong thap"),
        ("đường", "duong"),
        ("Ðồng", "dong"),  # Ð (U+00D0) folds like Đ
        ("Phước Long", "phuoc long"),
        ("173/QĐ-UBND", "173/qd-ubnd"),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize("text", ["Kết luận của Chủ tịch", "ĐỒNG THÁP İstanbul", "x" * 10, "Ðð"])
def test_fold_and_lower_keep_length(text):
    # Offsets computed on folded text are used to highlight the original.
    assert len(fold(text)) == len(text)
    assert len(lower(text)) == len(text)


@pytest.mark.parametrize(
    "word, expected",
    [("hòa", "hoà"), ("hoà", "hòa"), ("thuỷ", "thủy"), ("thủy", "thuỷ")],
)
def test_old_and_new_tone_placement_normalise_to_one_form(word, expected):
    assert normalize(word) == normalize(expected)


@pytest.mark.parametrize(
    "text, expected",
    [("Kết luận", True), ("ket luan", False), ("đi", True), ("UBND", False)],
)
def test_has_diacritics(text, expected):
    assert has_diacritics(text) is expected


def test_strip_accents_keeps_case():
    assert strip_accents("Kết Luận ĐỒNG") == "Ket Luan DONG"


def test_number_term():
    assert number_term("173/QĐ-UBND") == "173/qd-ubnd"
