import json
from pathlib import Path

import pytest

from indexer.extract.metadata import extract_metadata
from indexer.analysis.text import normalize

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "tests/data/labels").glob("*.json"))


def _meta(path: str):
    return extract_metadata(normalize((ROOT / path).read_text(encoding="utf-8")))


@pytest.mark.parametrize("label", SEEDS, ids=lambda p: p.stem)
def test_seed_header_fields(label):
    lab = json.loads(label.read_text(encoding="utf-8"))
    m = _meta(lab["path"])
    got = (m.number, m.type_code, m.date, m.unit, m.province)
    assert got == (lab["number"], lab["type_code"], lab["date"], lab["unit"], lab["province"])


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "UỶ BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHỊ XÃ PHƯỚC LONG\tĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 12/KH-UBND\tPhước Long, ngày 05 tháng 01 năm 2022\nKẾ HOẠCH\nThực hiện công tác X\n\nCăn cứ ...",
            ("12/KH-UBND", "KH", "Kế hoạch", "2022-01-05", 2022, "UBND thị xã Phước Long", "Bình Phước",
             "Thực hiện công tác X", "kh-12-ubnd-2022-thi-xa-phuoc-long"),
        ),
        (
            " HUYEN PHONG THO Péc lap — Tw do — Hanh phic\nSb: 176 /TB-UBND Phong Thé, ngay 09 thdng 9 nam 2022\n"
            "THONG BAO\n\nKét luan ciia Cha tich\n\nNgay 07/9/2022",
            ("176/TB-UBND", "TB", "Thông báo", "2022-09-09", 2022, "UBND huyện Phong Thổ", "Lai Châu",
             "Két luan ciia Cha tich", "tb-176-ubnd-2022-huyen-phong-tho"),
        ),
        ("Một đoạn văn không có tiêu đề.", (None,) * 9),
    ],
)
def test_extract_metadata(text, expected):
    m = extract_metadata(text)
    assert (m.number, m.type_code, m.type_name, m.date, m.year, m.unit, m.province, m.title, m.key) == expected


def test_signer_and_recipients_of_seed():
    m = _meta("corpus/001_f88072d734faeb23.txt")
    assert (m.signer, m.recipients[0]) == ("Vu Van Trung", "S& Noi vy")


@pytest.mark.parametrize(
    "text, expected",
    [
        # Place-date broken over blank lines; a date in the body is never taken.
        ("UY BAN NHAN DAN\nTINH CAO BANG\nS6: 2031/QD-UBND\n\nCao Bang, ngay 28\n\nthang 11 ndm 2025\n\nQUYET DINH\n",
         ("2031/QĐ-UBND", "QĐ", "2025-11-28", "qd-2031-ubnd-2025-tinh-cao-bang")),
        ("UY BAN NHAN DAN\nTINH CAO BANG\nS6: 12/KH-UBND\nKE HOACH\nX\n\nCan cu Luat ngay 19 thang 6 nam 2015;\n",
         ("12/KH-UBND", "KH", None, "kh-12-ubnd-x-tinh-cao-bang")),
        # A V/v line makes a Công văn, whatever the code looks like ("CT" of Cục Thuế).
        ("BO TAI CHINH\nCUC THUE\nS6: 5608/CT-CS\n\nV/v don gia thue dat\n\nHa Noi, ngay 28 thang 11 nam 2025\n\nKinh gui:\n",
         ("5608/CT-CS", "CV", "2025-11-28", "cv-5608-ct.cs-2025")),
        # Doubled hyphen; the place after the column's " - " is no code part ("- Ha Noi").
        ("BO TAI CHINH\n- SO: 778/TCHQ- -GSQL V/v xv ly Ha N6i, ngay 13 thang 02 nam 2017 Kinh gui: Cuc\n",
         ("778/TCHQ-GSQL", "CV", "2017-02-13", "cv-778-tchq.gsql-2017")),
        ("VAN PHONG CONG HOA XA HOI\nCHINH PHU\nS6: 623/TB-VPCP - Ha N6i, ngdy 15 thang 11 ndm 2025\nTHONG BAO\n",
         ("623/TB-VPCP", "TB", "2025-11-15", "tb-623-vpcp-2025")),
        # The "V" of "V/v" after a trailing hyphen; a blank line after a hyphen.
        ("CUC HAI QUAN\nS6: 37563/CHQ-GSQL -\n\nV/v hung dan\n\nHa Ndi, ngay 21\n\nthang 11 ndm 2025 *\n",
         ("37563/CHQ-GSQL", "CV", "2025-11-21", "cv-37563-chq.gsql-2025")),
        ("TINH NGHE AN\nS6: 3783/QD-\n\nUBND\n\nNghé An, ngay\n\n20 thang 11 ndm 2025\n\nQUYET DINH\n",
         ("3783/QĐ-UBND", "QĐ", "2025-11-20", "qd-3783-ubnd-2025-tinh-nghe-an")),
        # A mark after the colon, a day read "t9", the term number of a legislature read "I15".
        ("TINH DAK LAK\nSO: )\n\n031/2025/QD-UBND\n\nDak Lak, ngay t9\n\nthang 11 nam-2025\n\nQUYET DINH\n",
         ("031/2025/QĐ-UBND", "QĐ", "2025-11-19", "qd-031-ubnd-2025-tinh-dak-lak")),
        # Specks between "Số:" and the number: a period, an underline.
        ("TINH QUANG TRI Doc lap - Ty do - Hanh phic\nSO: .\n\n_ 36/2025/QD-UBND\n\nQuang Tri, ngay\n\n19 thang 11 nam 2025\n\nQUYET DINH\n",
         ("36/2025/QĐ-UBND", "QĐ", "2025-11-19", "qd-36-ubnd-2025-tinh-quang-tri")),
        ("UY BAN THUONG VU\nS6: 1680/NQ-UBTVQHIS5 Ha Néi, ngay S6: 1680/NQ-UBTVQHI5 Ha Noi, ngay 16 thang 6\n"
         "16 thang 6 nam 2025 . nam 2025\n\nNGHI QUYET\n", ("1680/NQ-UBTVQH15", "NQ", "2025-06-16", "nq-1680-ubtvqh15-2025")),
        # The column read twice: "ngay 04 thang 5 nam\nthdng 5 ném 2020"; a space inside the serial.
        ("TINH KONTUM\nS6: 435/QD-UBND Kon Tum, ngay 04 S6: 435/QD- UBND Kon Tum, ngay 04 thang 5 nam\nthdng 5 ném 2020 QUYET\n",
         ("435/QĐ-UBND", "QĐ", "2020-05-04", "qd-435-ubnd-2020-tinh-kon-tum")),
        ("TINH NGHE AN\nSO: 385 1/QD-UBND\n\nNghé An, ngay 26\n\nthang 11 nam 2025\nQUYET DINH\n",
         ("3851/QĐ-UBND", "QĐ", "2025-11-26", "qd-3851-ubnd-2025-tinh-nghe-an")),
    ],
)
def test_header_fields_from_ocr(text, expected):
    m = extract_metadata(text)
    assert (m.number, m.type_code, m.date, m.key) == expected


@pytest.mark.parametrize(
    "tail, signer",
    [
        ("Noi nhan: KT. CHU TICH\n- Nhu tren; PHO CHU TICH\n- CT, PCT UBND tinh; ' ‘Truong Cong Thai\n- Luu: VT.", "Truong Cong Thai"),
        ("Noi nhan: KT. CHU TICH\n- Nhu tren; PHO CHU TICH\n- TTUB: CT; Bui\n- VPUB: CVP;\n- Phong Do thi; Xuan Cudng\n- Luu: VT.", "Bui Xuan Cudng"),
        ("Noi nhan: KT. CHU TICH\n- Nhu tren;\n- Bao Dong Nai\n- Luu: VT.", None),
    ],
)
def test_signer(tail, signer):
    assert extract_metadata(tail).signer == signer


_HEAD = "UY BAN NHAN DAN\nTINH NGHE AN\nS6: 3783/QD-UBND\n\nNghé An, ngay 20 thang 11 ndm 2025\n\n"


@pytest.mark.parametrize(
    "body, title",
    [
        # A capitals trích yếu broken by blank lines ends at the authority, then "Căn cứ".
        ("QUYET DINH\n\nBAN HANH QUY DINH CHUC NANG, NHIEM VU\n\nCUA SO TU PHAP\n\nUY BAN NHAN DAN TINH\n\nCan cu Luat\n",
         "BAN HANH QUY DINH CHUC NANG, NHIEM VU CUA SO TU PHAP"),
        ("QUYET DINH\nQUY\n\nDINH MUC CHI\n\nCHU TICH UY BAN NHAN DAN TINH NGHE AN\nCan cu Luat\n", "QUY DINH MUC CHI"),
        ("NGHI QUYET\n\nVE\n\nVIEC QUY DINH MUC CHI\n\nHOI DONG NHAN DAN TINH NGHE AN\nKHOA XVIII, KY HOP THU 30\n",
         "VE VIEC QUY DINH MUC CHI"),
        # Stamp fragments between the lines are skipped; "ỦY BAN NHÂN DÂN CẤP XÃ, ..." is title.
        ("QUYET DINH\n\nPHAN CAP CHO\n\nva\n\nUY BAN NHAN DAN CAP XA, CO QUAN THUE\n\nCan cu Luat\n",
         "PHAN CAP CHO UY BAN NHAN DAN CAP XA, CO QUAN THUE"),
        # A type name ("PHƯƠNG ÁN"), "THỰC HIỆN" and a line of digits carry on a capitals title.
        ("QUYET DINH\n\nPHE DUYET\n\nPHUONG AN\n\nTHUC HIEN NAM HOC\n\n2025-2026\n\nCan cu Luat\n",
         "PHE DUYET PHUONG AN THUC HIEN NAM HOC 2025-2026"),
        # The heading with its Đ read as B ("QUYET BINH") is still found.
        ("QUYET BINH\n\nVE VIEC CONG BO\n\nTHU TUC HANH CHINH\n\nBO TRUONG BO TU PHAP\n", "VE VIEC CONG BO THU TUC HANH CHINH"),
        # "QUYẾT ĐỊNH:" and a numbered part end it, as does a mixed-case line.
        ("QUYET DINH\n\nBAN HANH QUY CHE\n\nQUYET DINH:\n", "BAN HANH QUY CHE"),
        ("BAO CAO\n\nKET QUA CONG TAC\n\nI. KET QUA DAT DUOC\n", "KET QUA CONG TAC"),
        ("QUYET DINH\n\nBAN HANH QUY CHE\n\nTheo de nghi cua So Noi vu\n", "BAN HANH QUY CHE"),
        # A sentence-case title goes on past a blank line in lower case, up to the authority.
        ("QUYET DINH\nVe viec ban hanh quy che\n\nCHU TICH UBND TINH\n", "Ve viec ban hanh quy che"),
        ("QUYET DINH\n\nVe viec cong bo danh muc\n\nthuoc linh vuc quan ly\n\nBO TRUONG BO NOI VU\n\nCan cu Luat\n",
         "Ve viec cong bo danh muc thuoc linh vuc quan ly"),
        ("QUYET DINH\n\nVe viec cong bo danh muc\n\nTheo de nghi cua Vu truong\n", "Ve viec cong bo danh muc"),
        # "thực hiện" in lower case wraps the title; "Thực hiện" opens the body.
        ("QUYET DINH\n\nDinh chinh Thong tu ve dau thau\nthuc hien du an dau tu\nThuc hien chi dao\n",
         "Dinh chinh Thong tu ve dau thau thuc hien du an dau tu"),
    ],
)
def test_title_across_blank_lines(body, title):
    assert extract_metadata(_HEAD + body).title == title


# Error classes of the synthetic OCR set (scripts/make_synthetic_labels.py), one line each.
@pytest.mark.parametrize(
    "head, field, expected",
    [
        # motto debris trailing the unit's name
        ("UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM\n\nHUYEN YEN PHONG mo, Doc lap - Ty do - Hanh phic »\n"
         "S6: 47/TB-UBND . Yén Phong, ngay 3 thang 4 ndm 2017\nTHONG BAO\n", "unit", "UBND huyện Yên Phong"),
        # an i read as "!"
        ("UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM\n\nHUYEN THO! BINH Doc lap - Tu do - Hanh phic\n"
         "S6: 15/BC-UBND : Thdi Binh, ngay 26 thang 03 nam 2016\nBAO CAO\n", "unit", "UBND huyện Thới Bình"),
        # some syllables glued, not all
        ("UY BAN NHAN DAN | CONG HOA XA HOI CHU NGHIA VIET NAM\n\nHUYEN SI MACAI , Déc lap - Tu do - Hanh phic\n"
         "S6: 2438/CT-UBND _ Si Ma Cai, ngay 05 thang 06 nam 2021\nCHi THI\n", "province", "Lào Cai"),
        # the district line above says which of the communes of that name (the list spells it "Phú Quí")
        ("UBND HUYEN PHU QUY CONG HOA XA HOI CHU NGHIA VIET NAM\n\nUBND XA TAM THANH Doc lap - Tu do - Hanh phic\n"
         "S6: 15/GM-UBND : Tam Thanh, ngay 04 thang 01 nam 2017\nGIAY MOI\n", "province", "Bình Thuận"),
        # "ngày" read "rigdy"; a 0 read "O"
        ("UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM\n\nTINH HA TINH- Doc lap - Tu do - Hanh phic\n"
         "S6: 3145/KH-UBND Ha Tinh, rigdy 17 théng 10 nam 2023\nKE HOACH\n", "date", "2023-10-17"),
        ("UBND TINH VINH LONG CONG HOA XA HOI CHU NGHIA VIET NAM\n\nVAN PHONG Doc lap - Ty do - Hanh phic\n"
         "S6: 12/BC-VPUBND Vinh Long, ngay O1 thang O7 ndm 2019\nBAO CAO.\n", "date", "2019-07-01"),
        ("UBND HUYEN DA KRONG CONG HOA XA HOI CHU NGHIA VIET NAM\nUBND XA A VAO Doc lap - Tu do - Hanh phic\n"
         "S6: 389/TTr-UBND A Vao, ngay | thang 2 ndm 2020\nTO TRINH\n", "date", "2020-02-01"),
        # "tháng" beyond recognition, "O01", a month 1 read "I"
        ("UBND XA BAC LUONG Doc lap - Ty do - Hanh phiic\nS6: 65/2018/NQ-UBND * Bac Luong, ngay 18 indng 12 nam 2018\n",
         "date", "2018-12-18"),
        ("VAN PHONG Doc lap - Ty do - Hanh phiic\n' $6: 176/VPUBND Tay Ninh, ngay O01 thang 07 ndm 2024\n", "date", "2024-07-01"),
        ("THANH PHO BA RIA Doc lap - Tu do - Hanh phic\nS6: 282/TB-UBND Ba Ria, ngay 4 thang I ném 2022 |\n", "date", "2022-01-04"),
        # a heading one letter off; "SỞ" glued to its field
        ("VAN PHONG Doc lap - Ty do - Hanh phic\nSO: 18/GM-VPUBND H6 Chi Minh, ngay 23 thang 8 ndm 2021\n- GIAY MOT.\n"
         "Hop danh gia két qua\n", "title", "Hop danh gia két qua"),
        ("UBND TINH KON TUM CONG HOA XA HOI CHU NGHIA VIET NAM\nSONOI VU Doc lap - Ty do - Hanh phic\n"
         "S6: 305/TTr-SNV Kon Tum, ngay 28 thang 05 nam 2019\n", "unit", "Sở Nội vụ tỉnh Kon Tum"),
        # the serial's 5 read S, a space in the year, "Số" read "§6", Đ read "PB"
        ("UBND XA PHUOC THANH Déc lap - Ty do - Hanh phic\nS6: S0/UBND-TH Phuoc Thanh, ngay 10 thang 09 nam 2021\n",
         "number", "50/UBND-TH"),
        ("THANH PHO PHU LY Déc lap - Tu do - Hanh phic\nS6: 40/202 1/QB-UBND Phu Ly, ngay 17 thang 12 ndm 2021\n",
         "number", "40/2021/QĐ-UBND"),
        ("HOI DONG NHAN DAN CONG HOA XA.HOI CHU NGHIA VIET NAM\nTINH PHU THO Doc lap - Ty do - Hanh phic\n"
         "- §6: 4775/TB-HPBND Phu Tho, ngay 1 thang 3 nam 2019\n", "unit", "HĐND tỉnh Phú Thọ"),
        # a Sở's name over two lines, with a word glued; an unlisted Sở leaves the unit unknown
        ("UBND TINH BA RIA- VUNG TAU CONG HOA XA HOI CHU NGHIA VIET NAM\n\nSO NONG NGHIEP VA PHATTRIEN . - Doc lap - Ty do"
         "\nNONG THON\n_ $6: 54/TB-SNNPTNT Ba Ria - Ving Tau, ngay 3 thang 12 nam 2023\n", "unit",
         "Sở Nông nghiệp và Phát triển nông thôn tỉnh Bà Rịa - Vũng Tàu"),
        ("UBND TINH BA RIA- VUNG TAU CONG HOA XA HOI CHU NGHIA VIET NAM\n\nSO HOP TAC QUOC TE - Doc lap - Ty do"
         "\n_ $6: 54/TB-SHTQT Ba Ria - Ving Tau, ngay 3 thang 12 nam 2023\n", "unit", None),
        # the type code one letter off the heading's
        ("UBND TINH VINH LONG CONG HOA XA HOI CHU NGHIA VIET NAM\n\nVAN PHONG Doc lap - Ty do - Hanh phic\n"
         "S6: 12/BG-VPUBND Vinh Long, ngay 01 thang 07 ndm 2019\nBAO CAO.\n", "number", "12/BC-VPUBND"),
        # ... but a Công văn's issuer code under a heading stays as it is
        ("UBND TINH VINH LONG CONG HOA XA HOI CHU NGHIA VIET NAM\n\nS6: 12/UBND-VX Vinh Long, ngay 01 thang 07 ndm 2019\n"
         "THONG BAO\n", "number", "12/UBND-VX"),
    ],
)
def test_ocr_header_error_classes(head, field, expected):
    assert getattr(extract_metadata(normalize(head)), field) == expected
