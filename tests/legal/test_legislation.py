"""Laws, the legislature's resolutions, consolidated texts and Party conclusions:
numbers without a type code, headings that carry the law's name, and their citations."""

import pytest

from indexer.extract.citations import citation_key, extract_citations
from indexer.extract.metadata import extract_metadata
from indexer.legal.numbers import parse


@pytest.mark.parametrize(
    "spelling, text, type_code",
    [
        ("59/2020/QH14", "59/2020/QH14", ""),  # a Luật or a Nghị quyết: never a Công văn
        ("76/2025/UBTVQH15", "76/2025/UBTVQH15", ""),
        ("1660/NQ-UBTVQH15", "1660/NQ-UBTVQH15", "NQ"),  # written with its type code
        ("05/VBHN-BYT", "05/VBHN-BYT", "VBHN"),
        ("12/UBND-VX", "12/UBND-VX", "CV"),
    ],
)
def test_numbers_without_a_type_code(spelling, text, type_code):
    n = parse(spelling)
    assert (n.text, n.type_code) == (text, type_code)


HEADER = "QUỐC HỘI\n\nLuật số: 50/2024/QH15\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n{}\n\nCăn cứ Hiến pháp"


@pytest.mark.parametrize("heading", ["LUẬT CÔNG ĐOÀN", "LUẬT\nCÔNG ĐOÀN"])
def test_law_heading_with_its_name(heading):
    m = extract_metadata(HEADER.format(heading))
    assert (m.number, m.type_code, m.title, m.unit, m.key) == ("50/2024/QH15", "L", "CÔNG ĐOÀN", "Quốc hội", "l-50-qh15-2024")


def test_no_heading_leaves_the_type_unknown():
    m = extract_metadata(HEADER.format("Điều 1. Phạm vi"))
    assert (m.number, m.type_code) == ("50/2024/QH15", None)


def test_a_title_line_starting_with_a_type_name_is_no_heading():
    """Only a law's heading carries a name after the type word: "KẾ HOẠCH THỰC HIỆN" is a title line."""
    m = extract_metadata("UBND TỈNH BẮC NINH\nSố: 12/UBND-VX\nBắc Ninh, ngày 2 tháng 3 năm 2023\n"
                         "V/v triển khai\nKẾ HOẠCH THỰC HIỆN NĂM 2023\n")
    assert m.type_code == "CV"


def _cited(text):
    return [(c.key, c.number, c.kind, c.issuer) for c in extract_citations(text, extract_metadata(text))]


def test_citations_of_laws_resolutions_and_conclusions():
    text = ("Căn cứ Bộ luật Lao động số 45/2019/QH14; Luật số 45/2019/QH14; Nghị quyết số 202/2025/QH15 ngày 12 "
            "tháng 6 năm 2025 của Quốc hội; Kết luận số 210-KL/TW ngày 12/11/2025 của Ban Chấp hành Trung ương "
            "và Văn bản hợp nhất số 05/VBHN-BYT ngày 3/4/2020 của Bộ Y tế.")
    assert _cited(text) == [
        ("l-45-qh14-2019", "45/2019/QH14", "Bộ luật", None),  # one law, whichever word names it
        ("l-45-qh14-2019", "45/2019/QH14", "Luật", None),
        ("nq-202-qh15-2025", "202/2025/QH15", "Nghị quyết", "Quốc hội"),
        # the issuer phrase ends where the next citation begins
        ("kl-210-tw-2025", "210-KL/TW", "Kết luận", "Ban Chấp hành Trung ương"),
        ("vbhn-05-byt-2020", "05/VBHN-BYT", "Văn bản hợp nhất", "Bộ Y tế"),
    ]


def test_law_key_matches_its_citation():
    m = extract_metadata(HEADER.format("LUẬT CÔNG ĐOÀN"))
    cited = extract_citations("theo Luật Công đoàn số 50/2024/QH15", None)
    assert cited[0].key == m.key == citation_key(parse("50/2024/QH15"), 2024).replace("x-", "l-")


def test_heading_run_into_the_first_body_line():
    """OCR ran "NGHỊ QUYẾT" into "Căn cứ ...": the type is read, the title's place is not known."""
    m = extract_metadata("NGHI QUYET Can ctr Hien phap nuoc Cong hoa xa hoi chu nghia\nViet Nam da duoc sua doi;\n"
                         "UY BAN THUONG VU QUOC HOI\n\nCan cu Nghi quyet so 202/2025/QH15\n")
    assert (m.type_code, m.title, m.unit) == ("NQ", None, "Ủy ban Thường vụ Quốc hội")
