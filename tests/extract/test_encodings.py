"""Legacy Vietnamese charsets: round trips of every letter, and the per-file decision."""

from __future__ import annotations

import pytest

from indexer.extract.loaders import load_bytes
from indexer.extract.loaders.charsets import charsets, representable, surface_of, vietnamese_letters
from indexer.extract.loaders.encodings import is_good_syllable, read_bytes, read_unicode
from indexer.extract.loaders.pdf import usable

LETTERS = vietnamese_letters()
ALL_LETTERS = "".join(LETTERS) + "".join(c.upper() for c in LETTERS)
TEXT = (
    "ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 173/QĐ-UBND    Đồng Xoài, ngày 08 tháng 02 năm 2023\nQUYẾT ĐỊNH\n"
    "Về việc phê duyệt Kế hoạch tập trung cải cách thủ tục hành chính; nghiêng ngả, khuỷu tay, ngoằn ngoèo, "
    "thuở ấy, khoẻ khoắn, ẵm bồng, quyển vở, chỗ ở, nữ hộ sinh, tưởng thưởng.\n"
)


def test_the_vietnamese_alphabet_is_complete():
    # 12 vowels x 6 tones and đ; 67 of them are not ASCII (VISCII's "134 letters" with capitals).
    assert len(LETTERS) == 73 and sum(not c.isascii() for c in ALL_LETTERS) == 134


@pytest.mark.parametrize("name", ["tcvn3", "vni", "viscii", "vps", "cp1258"])
def test_round_trip_keeps_every_character(name):
    cs = charsets()[name]
    for text in (ALL_LETTERS, TEXT):
        assert cs.decode(cs.encode(text)) == representable(cs, text)


@pytest.mark.parametrize("name", ["vni", "viscii", "vps", "cp1258"])
def test_charsets_with_capitals_hold_all_134_letters(name):
    assert representable(charsets()[name], ALL_LETTERS) == ALL_LETTERS


def test_tcvn3_writes_toned_capitals_in_lower_case_as_vntimeh_users_did():
    cs = charsets()["tcvn3"]
    assert representable(cs, "QUYẾT ĐỊNH") == "QUYếT ĐịNH"
    assert cs.encode("Cộng hòa xã hội").decode("cp1252") == "Céng hßa x· héi"
    assert charsets()["vni"].encode("Cộng hòa xã hội").decode("cp1252") == "Coäng hoøa xaõ hoäi"


@pytest.mark.parametrize("name", ["vni", "viscii", "vps", "cp1258"])
def test_a_file_in_each_charset_is_recognised_and_converted(name):
    reading = read_bytes(charsets()[name].encode(TEXT))
    assert (reading.encoding, reading.uncertain, reading.text) == (name, None, representable(charsets()[name], TEXT))
    assert reading.confidence >= 0.85


def test_tcvn3_file_gets_its_capital_lines_back():
    reading = read_bytes(charsets()["tcvn3"].encode(TEXT))
    assert (reading.encoding, reading.uncertain) == ("tcvn3", None)
    # Lines typed in capitals come back whole; a capital inside mixed case stays lower ("Số: 173/QĐ-UBND").
    assert reading.text.splitlines()[:3] == TEXT.splitlines()[:3]
    assert reading.text.splitlines()[4] == "QUYẾT ĐỊNH"


@pytest.mark.parametrize("name", ["tcvn3", "vni"])
def test_legacy_text_seen_through_windows_1252_is_converted(name):
    surface = charsets()[name].encode(TEXT).decode("cp1252")
    assert read_unicode(surface).encoding == name


def test_utf8_mojibake_is_repaired():
    mojibake = surface_of(TEXT.encode("utf-8"))
    reading = read_unicode(mojibake)
    assert reading.encoding == "utf-8 read as windows-1252 (repaired)" and "Độc lập - Tự do - Hạnh phúc" in reading.text


@pytest.mark.parametrize("text", [TEXT, "Két luan ciia Chu tich UBND vé viéc tap trung", "Report in English only"])
def test_unicode_text_that_is_not_legacy_is_left_alone(text):
    assert read_unicode(text).text == text and read_unicode(text).encoding == "utf-8"


def test_an_undecidable_encoding_is_kept_as_read_and_flagged():
    loaded = load_bytes("Quy\xe9t \xf0\xfdnh".encode("latin-1"), ".txt")
    assert loaded.pages == ["Quyét ðýnh"] and loaded.encoding is None
    assert loaded.notes[0].startswith("encoding not certain")


def test_legacy_text_file_keeps_its_form_feed_pages():
    pages = ["Trang một: hội nghị tổng kết công tác", "Trang hai: kế hoạch tập trung cải cách thủ tục hành chính"]
    loaded = load_bytes(charsets()["tcvn3"].encode("\f".join(pages) + "\f"), ".txt")
    assert loaded.pages == pages and loaded.encoding.startswith("tcvn3")


@pytest.mark.parametrize("word, good", [
    ("nghiêng", True), ("Việt", True), ("các", True), ("hoµ", False), ("héi", False), ("ViÖt", False),
    ("cac", False), ("cằt", False), ("qủa", True),
])
def test_well_formed_syllables(word, good):
    assert is_good_syllable(word) is good


@pytest.mark.parametrize("layer, ok", [
    (TEXT, True),
    ("", False),
    ("12", False),
    ("3$4 %&' ()*+ ,-./ 0$1 23'4 5&67 8$9: ;<=> ?@ Ÿ¡¢ £¤¥ ¦§¨ ©ª« ¬­® ¯°± ²³´ µ¶· ¸¹º »¼½ ¾¿À" * 3, False),
    ("Zxq Wvk Pqrz Bnmx Kqwt Xzvb Qwpl Mnbv Ghjk Tyrw Plmq Zxcv Bnmq Wert Yuio Pasd Fghj" * 2, False),
    # An invisible layer from an engine without Vietnamese (a seed's words): read it again with vie.
    ("UY BAN NHAN DAN Két luan ciia Chu tich UBND thi xa vé viéc tap trung chi dao thuc hien nhiém vu "
     "phat trién kinh té xa hdi nam 2023 cac phong ban chuyén mén thi xa Phudc Long", False),
])
def test_pdf_text_layer_usable(layer, ok):
    assert usable(layer) is ok
