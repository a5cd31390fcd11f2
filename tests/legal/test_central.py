"""Central issuing bodies and local bodies other than the UBND, read from OCR'd headers."""

import pytest

from indexer.legal.bodies import central_by_code, local_branch
from indexer.extract.central import central_line, central_unit
from indexer.extract.metadata import extract_metadata
from indexer.analysis.text import normalize


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["bo tai chinh"], "Bộ Tài chính"),
        (["bo tai chinh", "cuc thue"], "Cục Thuế"),  # the department, not its ministry
        (["bq tai chinh tong cuc hai quan"], "Tổng cục Hải quan"),  # both on one line, Ộ misread
        (["bo tai", "chinh", "cuc", "hai quan"], "Cục Hải quan"),  # "CUC" is no debris of the ministry
        (["thu tuong chinh", "phu doec lap"], "Thủ tướng Chính phủ"),  # split by the motto column
        (["thu tugng chinh phu"], "Thủ tướng Chính phủ"),
        (["page 1", "boyte"], "Bộ Y tế"),  # glued
        (["van", "phong chinh phu"], "Văn phòng Chính phủ"),
        (["ban chap hanh", "trung uong", "van phong"], "Văn phòng Ban Chấp hành Trung ương"),
        (["bo lao dong thuong binh va", "xa hoi"], "Bộ Lao động - Thương binh và Xã hội"),
        (["bo y te '"], "Bộ Y tế"),  # a speck of debris
        (["so lao dong thuong binh va xa hoi"], None),  # a Sở, not the ministry
        (["can cu nghi dinh cua chinh phu"], None),  # body text: the name does not fill the line
        (["uy ban thuong vu"], None),  # half a name
        (["bo tai chinh va bo cong thuong cung"], None),
    ],
)
def test_central_unit(lines, expected):
    assert central_unit(lines) == expected


def test_central_line_needs_a_whole_line_of_three_words():
    assert central_line(["nghi quyet can cu hien phap", "uy ban thuong vu quoc hoi", "can cu"]) == "Ủy ban Thường vụ Quốc hội"
    assert central_line(["chinh phu"]) is None  # too short to trust without a header around it
    assert central_line(["cua uy ban thuong vu quoc hoi ve"]) is None


@pytest.mark.parametrize(
    "code, expected",
    [("BTC", "Bộ Tài chính"), ("QH14", "Quốc hội"), ("UBTVQH15", "Ủy ban Thường vụ Quốc hội"),
     ("TTg", "Thủ tướng Chính phủ"), ("BLDTBXH", "Bộ Lao động - Thương binh và Xã hội"), ("UBND", None), ("TCHQ", None)],
)
def test_central_by_code(code, expected):
    assert central_by_code(code) == expected


def test_local_branch():
    assert local_branch("cong an") == "Công an"
    assert local_branch("chi cuc thue") == "Chi cục Thuế"
    assert local_branch("phong noi vu") is None


def _unit(text: str):
    m = extract_metadata(normalize(text))
    return m.unit, m.province


@pytest.mark.parametrize(
    "text, expected",
    [
        # A ministry's department; the motto's first words on the ministry's line.
        ("BO TAI CHINH | CONG HOA XA HOI\nCUC THUE Doc lap - Ty do - Hanh phic\nS6: 5467/CT-CS\n"
         "V/v chinh sach tien thue dat\nHa Noi, ngay 24 thang 11 nam 2025\n", ("Cục Thuế", None)),
        # "XÃ HỘI" on a line of its own is the end of the ministry's name, not a commune.
        ("BO LAO DONG - THUONG BINH VA CONG HOA XA HOI CHU NGHIA VIET NAM\nXA HOI\n"
         "Ha Noi, ngay 24 thang 01 nam 2025\nQUYET DINH\nVe viec cong bo\n", ("Bộ Lao động - Thương binh và Xã hội", None)),
        # "VĂN PHÒNG" over "CHÍNH PHỦ" is the Government Office, not the office of Hà Nội's UBND.
        ("VĂN PHÒNG\nCHÍNH PHỦ\nCỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM\nSố: 659/TB-VPCP\n"
         "Hà Nội, ngày 29 tháng 11 năm 2025\nTHÔNG BÁO\nKết luận\n", ("Văn phòng Chính phủ", None)),
        # The header cut to "ỦY BAN THƯỜNG VỤ": the number's issuer code names the body.
        ("UY BAN THUONG VU\nSo: 1660/NQ-UBTVQH15\nHa Noi, ngay 16 thang 6 nam 2025\nNGHI QUYET\nVe viec\n",
         ("Ủy ban Thường vụ Quốc hội", None)),
        # A joint circular is issued by both; its codes alone ("BTC-BCT") name no single body.
        ("BO TAI CHINH\nBO CONG THUONG\nSo: 12/2023/TTLT-BTC-BCT\nHa Noi, ngay 2 thang 3 nam 2023\n",
         ("Bộ Tài chính - Bộ Công Thương", None)),
        ("BO TAI\nSo: 12/2023/TTLT-BTC-BCT\nHa Noi, ngay 2 thang 3 nam 2023\n", (None, None)),
        # A local body other than the UBND: named when listed, unknown otherwise, never the UBND.
        ("CUC THUE\nTHUE TINH TAY NINH\nCONG HOA XA HOI CHU NGHIA VIET NAM\nSo: 3257/TNI-QLDN1\n"
         "Tay Ninh, ngay 01 thang 12 nam 2025\n", ("Thuế tỉnh Tây Ninh", "Tây Ninh")),
        ("CONG AN HUYEN PHONG THO\nSo: 12/BC-CAH\nPhong Tho, ngay 2 thang 3 nam 2023\nBAO CAO\nVe viec\n",
         ("Công an huyện Phong Thổ", "Lai Châu")),
        ("PHONG GIAO DUC HUYEN PHONG THO\nSo: 12/BC-PGD\nPhong Tho, ngay 2 thang 3 nam 2023\nBAO CAO\nVe viec\n",
         (None, "Lai Châu")),
        # ... while a misread "ỦY BAN NHÂN DÂN" on the same line is still the UBND.
        ("UY BAN NHDN DAN HUYEN PHONG THO\nSo: 12/BC-UBND\nPhong Tho, ngay 2 thang 3 nam 2023\nBAO CAO\nVe viec\n",
         ("UBND huyện Phong Thổ", "Lai Châu")),
        # The name wrapped in its column.
        ("UBND THANH PHO HA . CONG HOA XA HOI\nNOI D6c lap - Tu do - Hanh phic\nSO GIAO DUC VA DAO TAO\n"
         "S6: 5095/SGDDT-CTTTHSSV\nHa Noi, ngay 03 thang 12 nam 2025\n", ("Sở Giáo dục và Đào tạo thành phố Hà Nội", "Hà Nội")),
    ],
)
def test_header_unit(text, expected):
    assert _unit(text) == expected


def test_vv_marker_alone_on_its_line():
    """"Viv" alone, the subject lines below: a Công văn ("CT-CS" is Cục Thuế's code, not Chỉ thị),
    and the subject ends before the place-date line read after it."""
    m = extract_metadata(normalize("BO TAI CHINH\nCUC THUE\nS6: 5332/CT-CS\n\nViv\n\nChinh sach thue TNCN\n"
                                   "Ha Noi, ngay 19 thang 11\nnam 2025\n\nKinh gui: Ba Ha\n"))
    assert (m.type_code, m.title, m.date, m.unit) == ("CV", "Chinh sach thue TNCN", "2025-11-19", "Cục Thuế")


def test_number_after_a_dash_of_the_rule():
    m = extract_metadata(normalize("UY BAN NHAN DAN CONG HOA XA HOI\nTINH DAK LAK Doc lap - Tu do - Hanh phic\nSO:\n\n"
                                   "- 031/2025/QD-UBND\n\nDak Lak, ngay 19\n\nthang 11 nam 2025\n\nQUYET BINH\n"))
    assert (m.number, m.date, m.unit) == ("031/2025/QĐ-UBND", "2025-11-19", "UBND tỉnh Đắk Lắk")


@pytest.mark.parametrize(
    "head, number",
    [
        ("UY BAN NHAN DAN\nTHANH PHO HA NOI\nDoc lap - Tu do - Hanh phic\nSa”\n70/2025/QD-UBND\nHa Noi, ngay\n17 thang 11 nam 2025\n",
         "70/2025/QĐ-UBND"),  # "Số:" read past recognition
        ('THU TUONG CHINH PHU\n"66, 223/CD-TTg\n\nHa Noi, ngay 20\n\nthang 11 nam 2025 *\n', "223/CĐ-TTg"),
        # No such line in the header: a number at a line start in the body is cited, not the document's own.
        ("UY BAN NHAN DAN\nTINH BAC NINH\nS6: 15.13/QD-UBND\nBac Ninh, ngay 22 thang 11 nam 2025\nQUYET DINH\n"
         "Can cu Nghi dinh cua\nChinh phu s6\n\n48/2013/NDB-CP ngay 14/5/2013\n", None),
    ],
)
def test_number_when_so_is_unreadable(head, number):
    from indexer.extract.citations import extract_citations

    m = extract_metadata(normalize(head))
    assert m.number == number
    # ... and the document's own number is not cited by itself
    assert all(c.number != number for c in extract_citations(normalize(head), m))
