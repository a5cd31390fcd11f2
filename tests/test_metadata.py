import json
from pathlib import Path

import pytest

from indexer.metadata import extract_metadata
from indexer.text import normalize

ROOT = Path(__file__).resolve().parent.parent
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
