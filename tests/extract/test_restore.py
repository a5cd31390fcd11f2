"""The restored reading of OCR'd text (indexer.extract.restore), on real model and data.

The fixture (tests/data/restore) is a held-out document's OCR and its true
text: the model never trained on it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from indexer.analysis.alignment import OffsetMap, spans
from indexer.analysis.analyzer import WORD
from indexer.analysis.text import normalize
from indexer.extract.document import document_from_text
from indexer.extract.restore.model import DEFAULT_MODEL

DATA = Path(__file__).resolve().parents[1] / "data" / "restore"
OCR = normalize((DATA / "ha_tinh.ocr.txt").read_text(encoding="utf-8"))
TRUE = normalize((DATA / "ha_tinh.true.txt").read_text(encoding="utf-8"))


# Stretches of the true text, as the reading must have them (the OCR had
# "Doc lap - Ty do - Hanh phic", "S6: 2904/QD-UBND", "cua Chinh phu-vé kiém soat" ...).
READ_AS_WRITTEN = [
    "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 2904/QĐ-UBND",
    "Hà Tĩnh, ngày 21 tháng 11 năm 2025",
    "QUYẾT ĐỊNH",
    "NĂNG QUẢN LÝ CỦA NGÀNH VĂN HÓA, THỂ THAO VÀ DU LỊCH",
    "cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;",
    "Nghị định số 92/2017/NĐ-CP ngày 07/8/2017 của Chính phủ về",
    "bổ sung một số điều của các Nghị định liên quan đến kiểm soát thủ tục hành",
    "Cổng Dịch vụ công quốc gia;",
    "phòng Chính phủ hướng dẫn về nghiệp vụ kiểm soát thủ tục hành chính;",
]


@pytest.mark.parametrize("stretch", READ_AS_WRITTEN)
def test_the_fixture_reads_as_it_was_written(fixture_reading, stretch):
    assert stretch in TRUE  # the assertion is about the truth, not a guess
    assert stretch in fixture_reading.text


def test_most_words_of_the_fixture_are_right(fixture_reading):
    """Word for word against the true text (the benchmark's measure, here on one document)."""
    import difflib

    true_words = [w.lower() for w in WORD.findall(TRUE) if not w.isdigit()]
    read_words = [w.lower() for w in WORD.findall(fixture_reading.text) if not w.isdigit()]
    raw_words = [w.lower() for w in WORD.findall(OCR) if not w.isdigit()]

    def right(words):
        sm = difflib.SequenceMatcher(None, true_words, words, autojunk=False)
        return sum(b.size for b in sm.get_matching_blocks()) / len(true_words)

    assert right(raw_words) < 0.35 and right(read_words) > 0.9


@pytest.mark.parametrize("ocr, kept", [
    # A số ký hiệu, a unit name and a date already right stay as they are.
    ("Can cu Quyet dinh so 173/QĐ-UBND ngay 08/02/2023 cua UBND huyen Phong Thổ",
     ["173/QĐ-UBND", "08/02/2023", "Phong Thổ"]),
    ("Ke hoach so 27/KH-UBND ngay 16/02/2023 cua UBND thi xa Phước Long ve to chuc Hoi nghi",
     ["27/KH-UBND", "16/02/2023", "Phước Long"]),
    ("Thong tu so 02/2017/TT-VPCP ngay 31/10/2017 cua Van phong Chinh phu", ["02/2017/TT-VPCP", "31/10/2017"]),
])
def test_numbers_units_and_dates_survive(restorer, ocr, kept):
    reading = restorer.restore(normalize(ocr)).text
    for part in kept:
        assert part in reading


@pytest.mark.parametrize("ocr, read", [
    # Codes take their canonical spelling; unit names the gazetteer's, in the text's case.
    ("Quyét dinh s6 173/QD-UBND ngay 08/02/2023", "Quyết định số 173/QĐ-UBND ngày 08/02/2023"),
    ("UBND THI XA PHUOC LONG", "UBND THỊ XÃ PHƯỚC LONG"),
    ("cua UBND huyen Phong Tho", "của UBND huyện Phong Thổ"),
])
def test_codes_and_unit_names_are_restored_as_the_tables_spell_them(restorer, ocr, read):
    assert restorer.restore(normalize(ocr)).text == read


@pytest.mark.parametrize("ocr, read", [
    # A paragraph closing on a unit's level word and the start of its name, and the
    # next opening on capitals the scan read with marks: the gazetteer's "xã Vĩnh
    # Phú" turned "Phụ lục" into "Phú lực", and a search for "Phụ lục" missed it.
    ("quy mo dan s6 cua cac xa Vinh\n\nPhụ lục bổ sung", "Phụ lục bổ sung"),
    ("sap xep xa Vinh. Phụ lục bổ sung", "Phụ lục bổ sung"),
    # Punctuation ends a name: "cấp xã)," is no "xã Chũ".
    ("(sau day goi chung la cap x4),\n\nChu tich Uy ban", "Chủ tịch Ủy ban"),
])
def test_a_unit_name_is_not_read_past_what_ends_it(restorer, ocr, read):
    assert restorer.restore(normalize(ocr)).text.endswith(read)


def test_noise_and_links_stay_as_read(restorer):
    noise = "(l;{.]g ‘|;'.i ufi‘, !tw» i b Tt T i i"
    link = "xem https://thuvienphapluat.vn/van-ban/Doanh-nghiep/Nghi-dinh-248"
    assert restorer.restore(noise).text == noise
    assert restorer.restore(link).text == "xem https://thuvienphapluat.vn/van-ban/Doanh-nghiep/Nghi-dinh-248"


def test_a_clean_document_gets_no_reading():
    text = "ỦY BAN NHÂN DÂN\nHUYỆN PHONG THỔ\nSố: 176/TB-UBND\nTHÔNG BÁO\nKết luận của Chủ tịch UBND huyện về công tác cải cách hành chính năm 2022."
    doc = document_from_text("clean.txt", "clean.txt", text)
    assert doc.reading is None and doc.text == normalize(text)


def test_an_ocr_document_gets_a_reading_beside_its_text():
    doc = document_from_text("ocr.txt", "ocr.txt", OCR)
    assert doc.text == OCR  # the OCR text is never replaced
    assert doc.reading is not None and "Độc lập - Tự do - Hạnh phúc" in doc.reading.text
    # Same lines, same punctuation: the reading replaces words and nothing else.
    assert doc.reading.text.count("\n") == doc.text.count("\n")
    assert [c for c in doc.reading.text if not c.isalnum() and not c.isspace()] == \
        [c for c in doc.text if not c.isalnum() and not c.isspace()]


def test_offsets_map_both_ways(fixture_reading):
    found = spans(OCR, fixture_reading.text, fixture_reading.glued)
    assert found == fixture_reading.spans and len(found) > 100
    offsets = OffsetMap(found)
    for s in found:
        assert OCR[s.start:s.end] != fixture_reading.text[s.rstart:s.rend]
        assert (offsets.to_restored(s.start), offsets.to_restored(s.end, True)) == (s.rstart, s.rend)
        assert (offsets.to_original(s.rstart), offsets.to_original(s.rend, True)) == (s.start, s.end)
    # Between restored words the texts are the same, shifted.
    for a, b in zip(found, found[1:]):
        assert OCR[a.end:b.start] == fixture_reading.text[a.rend:b.rstart]


def test_a_long_text_is_restored_in_slices_that_join_up(restorer, monkeypatch):
    import indexer.extract.restore.restorer as module

    whole = restorer.restore(OCR)
    monkeypatch.setattr(module, "SLICE_CHARS", 400)
    sliced = restorer.restore(OCR)
    assert sliced.spans == spans(OCR, sliced.text, sliced.glued)
    same = sum(a == b for a, b in zip(WORD.findall(whole.text), WORD.findall(sliced.text)))
    assert same / len(WORD.findall(whole.text)) > 0.97  # only words at the cuts lose context


def test_the_model_loads_on_first_use_only():
    code = ("import sys, indexer.extract.restore, indexer.extract.document, indexer.index.pipeline\n"
            "assert 'numba' not in sys.modules, 'numba imported at import time'\n"
            "from indexer.extract.restore.model import load\n"
            "assert load.cache_info().currsize == 0\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_model_ships_small():
    assert DEFAULT_MODEL.stat().st_size < 2_000_000


# Other languages are not Vietnamese OCR (issue 23): a clean list of links
# under an English preamble was "restored" ("Each line" -> "Cách line").
LINKS = "\n".join(f"https://thuvienphapluat.vn/van-ban/Doanh-nghiep/Nghi-dinh-{n}-2025-ND-CP-sua-doi-bo-sung-{n}.aspx "
                  f"Nghị định {n}/2025/NĐ-CP" for n in range(200, 240))
ENGLISH = "Example URLs for batch crawler\nEach line should contain one URL\nLines starting with # are comments\n"
VIETNAMESE = TRUE[:3000]


@pytest.mark.parametrize("text, restore", [
    (ENGLISH + "\n" + LINKS, False),  # clean Vietnamese titles among links
    (ENGLISH * 8 + VIETNAMESE, False),  # an English preamble, then clean Vietnamese
    (ENGLISH * 20, False),  # English alone
    (ENGLISH + OCR, True),  # OCR'd Vietnamese under an English preamble is still OCR'd Vietnamese
    (OCR, True),
    (VIETNAMESE, False),
])
def test_only_vietnamese_that_lost_its_marks_needs_restoring(restorer, text, restore):
    from indexer.extract.restore import needs_restoring

    assert needs_restoring(normalize(text), restorer.repairer.is_syllable) is restore


@pytest.mark.parametrize("english", [
    "Each line should contain one URL", "Lines starting with # are comments",
    "Offset UV spot Metal ink on black core card", "This is a test of the system and it should work",
])
def test_an_english_run_in_ocr_text_is_kept_as_written(restorer, english):
    text = normalize(f"{OCR[:600]}\n{english}\n{OCR[600:1200]}")
    reading = restorer.restore(text).text
    assert f"\n{english}\n" in reading
    assert reading.count("Kết luận") + reading.count("ỦY BAN NHÂN DÂN") >= 1  # the Vietnamese is still restored


def test_links_and_other_languages_have_known_marks_noise_has_none(restorer):
    """A link's words and an English run are kept as written, their marks known (none):
    not among the words the index must treat as unknown; scan noise is."""
    link = "Xem https://thuvienphapluat.vn/van-ban/Dat-dai/Quyet-dinh-12.aspx ngay"
    english = "Example URLs for batch crawler. Each line should contain one URL. Lines starting with # are comments."
    noise = "cong tac (l;{.]g ‘|;'.i ufi‘, !tw» i b Tt T i i"
    for text in (link, english):
        r = restorer.restore(text)
        unsure = {text[a:b] for a, b, _ in r.unsure}
        assert not unsure & {"thuvienphapluat", "van", "ban", "Dat", "dai", "Quyet", "dinh", "should", "contain",
                             "Lines", "comments"}, unsure
    assert restorer.restore(noise).unsure


@pytest.mark.parametrize("ocr, read", [
    ("[Diéu nay duoc sua doi boi Khoan 2 Diéu 1 Luat", "[Điều này được sửa đổi bởi Khoản 2 Điều 1 Luật"),
    ("Quoc hoi ban hanh Luat Doanh nghiép[1].", "Quốc hội ban hành Luật Doanh nghiệp[1]."),
    ("giao dé nudi trong thuy san, tai san\n\n_gan lién voi khu vuc bién", "_gắn liền với khu vực biển"),
])
def test_the_archives_brackets_and_underlines_are_not_noise(restorer, ocr, read):
    """A consolidated text's notes and footnotes ("[Điều này ...", "nghiệp[1]") and an
    underlined blank are prose: the words glued to them are read like any other."""
    assert read in restorer.restore(normalize(ocr)).text
