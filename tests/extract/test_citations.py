import pytest

from indexer.extract.citations import extract_citations
from indexer.extract.records import Metadata
from indexer.legal.keys import citation_key, parse_key
from indexer.legal.numbers import canonical_number, parse

META = Metadata(number="64/BC-UBND", unit="UBND thị xã Phước Long", province="Bình Phước")


@pytest.mark.parametrize(
    "spelling, canonical",
    [
        ("173/QD-UBND", "173/QĐ-UBND"),
        ("173/Qb-UBND", "173/QĐ-UBND"),
        ("173 qđ ubnd", "173/QĐ-UBND"),
        ("qd 173", "173/QĐ"),
        ("34/2020/QĐ-UBND", "34/2020/QĐ-UBND"),
        ("90/QDb-UBND", "90/QĐ-UBND"),
        ("191/Qb-\nUBND-HC", "191/QĐ-UBND-HC"),
        ("364/SNV-CCHC", "364/SNV-CCHC"),
        ("57-NQ/TW", "57-NQ/TW"),
        ("55/2025/NQ-HPND", "55/2025/NQ-HĐND"),
        ("1657/NQ-UBTVQHI15", "1657/NQ-UBTVQH15"),
        ("1680/NQ-UBTVQHIS5", "1680/NQ-UBTVQH15"),
        ("87/2025/QH1S5", "87/2025/QH15"),
        ("43/2019/QH14", "43/2019/QH14"),
        ("12/QĐ-5NV", "12/QĐ-SNV"),
        ("4085/UBND-DbT", "4085/UBND-ĐT"),
        ("4831/QBD-BNNMT", "4831/QĐ-BNNMT"),
        ("hello", None),
    ],
)
def test_canonical_number(spelling, canonical):
    assert canonical_number(spelling) == canonical


@pytest.mark.parametrize(
    "text, expected",
    [
        # Marks and blank lines around the date; "số." glued to the serial.
        ("Quyét dinh s6 1357/QD-TCHQ ,\n\nngay 18/5/2021 cua Tong cuc", [("1357/QĐ-TCHQ", "2021-05-18", "Tong cuc", "qd-1357-tchq-2021")]),
        ("Quyét dinh s6.2437/QD-TTg ngay 04 thang: 11 ném 2025 clia Thu", [("2437/QĐ-TTg", "2025-11-04", "Thu", "qd-2437-ttg-2025")]),
        ("Quyét dinh s6 1747/QD-TTg\n_Ngay- ,\n30/12/2023 cua Thu", [("1747/QĐ-TTg", "2023-12-30", "Thu", "qd-1747-ttg-2023")]),
        # A mark after the day; "ngày" lost before a dd/mm/yyyy date; QĐ read "QH" after "Quyết định".
        ("Can cv? Quyét dinh s6 682/QD-BVHTTDL ngay 14 :\nthang 3 nam 2025 cua B6 trudng",
         [("682/QĐ-BVHTTDL", "2025-03-14", "B6 trudng", "qd-682-bvhttdl-2025")]),
        ("Quyét dinh s6 1747/QD-TTg\n\n30/12/2023 cia Thu tuwdng Chinh phu vé",
         [("1747/QĐ-TTg", "2023-12-30", "Thủ tướng Chính phủ", "qd-1747-ttg-2023")]),
        ("Can ct? Quyét dinh s6 3574/QH-BYT\n\nngay 19/11/2025 ctia BO truéng BO Y té vé",
         [("3574/QĐ-BYT", "2025-11-19", "Bộ trưởng Bộ Y tế", "qd-3574-byt-2025")]),
        # The g of TTg read "¢"; a dash between "số" and the number; a stray digit before "ngày".
        ("Quyét dinh s6 373/QD-TT¢ ngay 01 thang 3 nim -\n2013\ncuia Tha tuéng",
         [("373/QĐ-TTg", "2013-03-01", "Tha tuéng", "qd-373-ttg-2013")]),
        ("Quyét dinh s6\n-  30/2020/QD-TTg ngay 28 thang 9 nam 2020 swa doi",
         [("30/2020/QĐ-TTg", "2020-09-28", None, "qd-30-ttg-2020")]),
        ("C&n ctf Quyét dinh s6 800/QD-BDTTG 3\nngay 07/11/2025 cua BO Dan téc va T6n gido vé",
         [("800/QĐ-BDTTG", "2025-11-07", "BO Dan téc va T6n gido", "qd-800-bdttg-2025")]),
        # Garbled beyond the known readings: a type code "QBxD", a body code one letter off "BCT"; a split serial.
        ("Quyét dinh s6 3361/QD-BECT ngay 18 thang 11 nam 2025 cua", []),
        ("Quyét dinh s6 385 1/QD-UBND ngay 26 thang 11 nam 2025", []),
        # ... unless the body named after it has a code one letter away: "BNY" of "Bộ Nội vụ" is BNV.
        ("Can ci' Quyét dinh s6 2196/QDB-BNY ngay 17 thang 9 ném 2016 cua BO Ndi vu;",
         [("2196/QĐ-BNV", "2016-09-17", "Bộ Nội vụ", "qd-2196-bnv-2016")]),
        ("Quyét dinh s6 3361/QD-BECT ngay 18 thang 11 nam 2025 cua Bo Tai chinh", []),
        ("Can ci? Quyét dinh s6 3145/QD-UBND ngay 27 WaDe 5 ndm 2013 ctia Uy ban",
         [("3145/QĐ-UBND", "2013-05-27", "Uy ban", "qd-3145-ubnd-2013")]),
        # "-ngay" glued to the code; a quote mark after the hyphen and a stray letter before "ngay"
        ("Trién khai Quyét dinh s6 1879/QD-VPUBND -ngay 11 thang 2 nam 2015 vé phé",
         [("1879/QĐ-VPUBND", "2015-02-11", None, "qd-1879-vpubnd-2015")]),
        ("Theo Quyet dinh sO 1418/QD- ‘SGDDT n ngay 22 thang 8 nam 2020 vé viéc",
         [("1418/QĐ-SGDĐT", "2020-08-22", None, "qd-1418-sgddt-2020")]),
        (
            "Sau khi UBND tinh ban hanh Quyét dinh sb 173/QD-UBND ngay 08/02/2023\nVé viéc phé duyét",
            [("173/QĐ-UBND", "2023-02-08", None, "qd-173-ubnd-2023")],
        ),
        (
            "Quyét dinh s6 173/Qb-\nUBND ngay 08/02/2023 cta UBND tinh; Quyet dinh so6 90/QDb-UBND ngay\n03/02/2023 cta UBND thi xi;",
            [
                ("173/QĐ-UBND", "2023-02-08", "UBND tỉnh Bình Phước", "qd-173-ubnd-2023-tinh-binh-phuoc"),
                ("90/QĐ-UBND", "2023-02-03", "UBND thị xã Phước Long", "qd-90-ubnd-2023-thi-xa-phuoc-long"),
            ],
        ),
        (
            "Căn cứ Quyết định số 468/QĐ-TTg ngày 27 tháng 3 năm 2021 của Thủ tướng Chính phủ về việc",
            [("468/QĐ-TTg", "2021-03-27", "Thủ tướng Chính phủ", "qd-468-ttg-2021")],
        ),
        ("Thuc hién Cong vin s 364/SNV-CCHC ngay 03/3/2023 ctia S& Noi vu vé viée",
         [("364/SNV-CCHC", "2023-03-03", "Sở Nội vụ tỉnh Bình Phước", "cv-364-snv.cchc-2023-tinh-binh-phuoc")]),
        ("Số điện thoại 12/UBND không phải trích dẫn", []),
        ("theo Quyét dinh sé 62/2019/QD- -UBND ngay 31 thang 12 nam 2019 va Quyet dinh so 35/2025/QD-TTgcua Thu tuong",
         [("62/2019/QĐ-UBND", "2019-12-31", None, "qd-62-ubnd-2019"), ("35/2025/QĐ-TTg", None, None, "qd-35-ttg-2025")]),
    ],
)
def test_extract_citations(text, expected):
    got = [(c.number, c.date, c.issuer, c.key) for c in extract_citations(text, META)]
    assert got == expected


def test_offsets_point_at_the_number():
    text = "Căn cứ Quyết định số 34/2020/QĐ-UBND ngày 29/12/2020 của UBND tỉnh."
    c = extract_citations(text, META)[0]
    assert (text[c.start : c.end], c.year, c.context) == ("34/2020/QĐ-UBND", 2020, text)


def test_key_round_trip():
    key = citation_key(parse("173/QĐ-UBND"), 2023, "tinh-binh-phuoc")
    p = parse_key(key)
    assert (key, p.number, p.year, p.body, p.type_name) == (
        "qd-173-ubnd-2023-tinh-binh-phuoc", "173/QĐ-UBND", 2023, "tinh-binh-phuoc", "Quyết định")


def test_a_title_line_in_the_header_cites_once_the_own_number_is_read():
    """A line of the header starting with a number is the document's own "Số:" line only
    when no own number was read: under "S6: 59/2018/ND-CP", the title's wrapped
    "NGHI BINH SO\\n08/2015/ND-CP" (the type word read past recognition) cites 08/2015."""
    from indexer.extract.document import document_from_text

    text = ("CHINH PHU CONG HOA XA HOI CHU NGHIA VIET NAM\nDoc lap - Ty do - Hanh phuc\n\n"
            "S6: 59/2018/ND-CP Ha N6i, ngay 20 thang 04 nam 2018\n\n"
            "NGHI DINH SUA DOI, BO SUNG MOT SO DIEU CUA NGHI BINH SO\n08/2015/ND-CP NGAY 21 THANG 01 NAM 2015\n\n"
            "Can cu Luat To chuc Chinh phu ngay 19 thang 6 nam 2015;\n")
    doc = document_from_text("nd.txt", "nd.txt", text)
    assert doc.meta.number == "59/2018/NĐ-CP"
    assert [c.number for c in doc.citations][:1] == ["08/2015/NĐ-CP"]


@pytest.mark.parametrize("text", [
    "Căn cứ Luật Tổ chức chính quyền địa phương số\n72/2025/QH15;",
    "Can ct? Luat T6 chic chinh quyén dia phuong so\n\n72/2025/QH15; |",
    "Can cu Luat To chuc chinh quyen dia phuong so 72/2025/QH 15;",
    "Can cu Luat To chuc chinh quyen dia phuong so.\n72/2025/QH15;",
    "Can cu Luat To chuc chinh quyen dia phuong 50 72/2025/QH 15;",  # "số" read "50"
    "Can cu Luat To chuc chinh quyen dia phuong 10) 72/2025/QH15;",  # ... "10)"
    "Can ctr Luat To chifc chinh .\n\nquyén dia phuong so 72/2025/QH15;",  # a speck inside the name
    "Can cu Luat To chuc chinh quyen dia phuong.s6 72/2025/QH15;",  # "." glued before "số"
    "Can cu Luat To chuc chinh quyen dia phuong so 72/2025/QHIS;",  # the term's "15" read "IS"
])
def test_a_law_is_cited_through_wraps_and_ocr(text):
    head = "QUYẾT ĐỊNH\nVề việc ban hành quy chế\n\nCăn cứ Hiến pháp;\n"  # past the header
    assert [(c.number, c.type_code) for c in extract_citations(head + text, META)] == [("72/2025/QH15", "L")]


def test_a_resolution_of_the_standing_committee_whose_term_ocr_misread():
    text = "Can ci? Nghi quyét s6 76/2025/UBTVQHIS ngay 14 thang 4 nam 2025 cua Uy ban Thuong vu Quoc hoi;"
    assert [c.number for c in extract_citations(text, META)] == ["76/2025/UBTVQH15"]


@pytest.mark.parametrize("text", [
    "1. Sửa đổi mức phạt tại điểm d khoản 1 Điều 24 của Luật Xử lý vi phạm hành chính\nsố 15/2012/QH13 như sau:",
    "1. Suva d6i mic xw phat tai diém d khodan 1 Diéu 24 cua Luat Xv ly vi pham hanh chinh\nsO 15/2012/QH13 nhw sau:",
])
def test_a_law_whose_name_wraps_before_its_number_at_the_top(text):
    """A line starting "số N" near the top of a text with no own number read looks like
    the header's "Số:" line; after a law's name it is the law's number, an amendment here."""
    from indexer.extract.document import document_from_text

    assert [(c.number, c.type_code) for c in extract_citations(text)] == [("15/2012/QH13", "L")]
    assert [c.relation for c in document_from_text("x.txt", "x.txt", text).citations] == ["sua_doi"]
