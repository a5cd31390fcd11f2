"""Secrecy, urgency and circulation marks of the header (ô 10a, 10b, 11 of Nghị định 30)."""

from __future__ import annotations

import pytest

from indexer.extract.metadata import extract_metadata

TOP = ("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BÌNH PHƯỚC\tĐộc lập - Tự do - Hạnh phúc\n"
       "Số: 173/QĐ-UBND\tBình Phước, ngày 08 tháng 02 năm 2023\n")
OCR_TOP = "UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM\nTINH BINH PHUOC Doc lap - Tu do - Hanh phuc\n" \
          "S6: 173/QD-UBND Binh Phuoc, ngay 08 thang 02 nam 2023\n"
BODY = "\nQUYẾT ĐỊNH\nVề việc phê duyệt Kế hoạch chuyển đổi số\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"


@pytest.mark.parametrize("marks, expected", [
    ("MẬT\n", ("mat", None, [])),
    ("TỐI MẬT\n", ("toi-mat", None, [])),
    ("TUYỆT MẬT\nHỎA TỐC\n", ("tuyet-mat", "hoa-toc", [])),
    ("KHẨN\n", (None, "khan", [])),
    ("THƯỢNG KHẨN\n", (None, "thuong-khan", [])),
    ("MẬT\tLƯU HÀNH NỘI BỘ\n", ("mat", None, ["luu-hanh-noi-bo"])),
    ("\tXEM XONG TRẢ LẠI\n", (None, None, ["xem-xong-tra-lai"])),
    ("", (None, None, [])),
])
def test_marks_as_written(marks, expected):
    meta = extract_metadata(TOP + marks + BODY)
    assert (meta.secrecy, meta.urgency, meta.circulation) == expected
    assert meta.number == "173/QĐ-UBND"


@pytest.mark.parametrize("marks, expected", [
    ("MAT\n", ("mat", None)),
    ("| MAT |\n", ("mat", None)),
    ("TÓI MẬT\n", ("toi-mat", None)),
    ("TOI MAT KHAN\n", ("toi-mat", "khan")),
    ("TUYET MAT\n", ("tuyet-mat", None)),
    ("MAT Binh Phuoc, ngay 08 thang 02 nam 2023\n", ("mat", None)),
    ("THUQNG KHAN\n", (None, "thuong-khan")),
    ("HOA TOC\n", (None, "hoa-toc")),
])
def test_marks_as_ocr_reads_them(marks, expected):
    meta = extract_metadata(OCR_TOP + marks + "\nQUYET DINH\nVe viec phe duyet\n\nCan cu Luat To chuc\n")
    assert (meta.secrecy, meta.urgency) == expected


@pytest.mark.parametrize("text", [
    # A capitals title wrapped before its "MẬT": no mark.
    TOP + "\nQUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ BẢO VỆ BÍ\nMẬT NHÀ NƯỚC TRÊN ĐỊA BÀN TỈNH\n\nCăn cứ Luật;\n",
    TOP + "\nCHỈ THỊ\nVỀ VIỆC\nKHẨN TRƯƠNG KHẮC PHỤC HẬU QUẢ MƯA LŨ\n\nCăn cứ Luật;\n",
    # A Công văn: its V/v line and body in sentence case.
    TOP.replace("QĐ", "UBND-VX") + "V/v bảo vệ bí mật nhà nước\nMật độ dân số tăng\nKính gửi: Các sở\n",
    # Marks in the body are no marks.
    TOP + BODY + "MẬT\nTài liệu mật được quản lý theo quy định; đề nghị khẩn trương thực hiện.\n",
    # Mặt trận: an agency, not a mark.
    "ỦY BAN\nMẶT TRẬN TỔ QUỐC VIỆT NAM\nTỈNH BÌNH PHƯỚC\nSố: 12/BC-MTTQ\tBình Phước, ngày 1 tháng 2 năm 2023\n" + BODY,
    "MẬT ĐỘ XÂY DỰNG\n" + TOP + BODY,
])
def test_no_mark_is_invented(text):
    meta = extract_metadata(text)
    assert (meta.secrecy, meta.urgency, meta.circulation) == (None, None, [])


def test_marks_on_labelled_ocr_headers():
    """tests/data/marks (scripts/make_mark_labels.py): no mark is ever invented, and OCR'd marks are read
    (bench/marks.py prints the figures per kind)."""
    import json
    from pathlib import Path

    data = Path(__file__).resolve().parents[1] / "data" / "marks"
    labels = [json.loads(line) for line in (data / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    invented, missed, marked = [], [], 0
    for label in labels:
        meta = extract_metadata((data / f"{label['id']}.txt").read_text(encoding="utf-8"))
        got = {"secrecy": meta.secrecy, "urgency": meta.urgency,
               "circulation": meta.circulation[0] if meta.circulation else None}
        for kind, value in got.items():
            if value is not None and value != label[kind]:
                invented.append((label["id"], kind, value))
            if label[kind] is not None:
                marked += 1
                missed += [(label["id"], kind)] if value != label[kind] else []
    assert len(labels) == 120 and invented == []
    assert len(missed) <= 0.05 * marked, missed
