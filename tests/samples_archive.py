"""The archive of tests/extract/test_formats.py: each file holds a phrase found nowhere else, on a known page."""

from __future__ import annotations

import shutil
from pathlib import Path

import samples
from indexer.extract.loaders.charsets import charsets

DATA = Path(__file__).resolve().parent / "data" / "formats"
HEADER = ["ỦY BAN NHÂN DÂN", "HUYỆN BÙ ĐĂNG", "Số: 45/KH-UBND"]
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Bù Đăng, ngày 12 tháng 3 năm 2023"]


def scan_lines(phrase: str) -> list[str]:
    return ["ỦY BAN NHÂN DÂN XÃ ĐỨC LIỄU", "KẾ HOẠCH", f"Tập trung {phrase} trong năm 2023.",
            "Các thôn báo cáo kết quả về Ủy ban nhân dân xã."]


# file -> (accented query, page of the hit)
FOUND = {
    "scan.pdf": ("phòng chống dịch bệnh gia súc", 1),
    "photo.jpg": ("kiên cố hóa kênh mương nội đồng", 1),
    "two-pages.tif": ("trồng rừng phòng hộ ven sông", 2),
    "garbage-layer.pdf": ("sửa chữa trường mầm non", 1),
    "report.docx": ("nghiệm thu công trình cấp nước", 2),
    "bao-cao.doc": ("thu hoạch điều vụ mùa", 1),
    "note.odt": ("tuyên truyền an toàn giao thông", 1),
    "tcvn3.txt": ("giải phóng mặt bằng khu dân cư", 2),
    "vni.txt": ("hỗ trợ hộ nghèo xây nhà", 1),
}
SKIPPED = {
    "broken.pdf": "unreadable PDF (PdfStreamError: Stream has ended unexpectedly)",
    "locked.pdf": "encrypted PDF (a password is needed to open it)",
    "blank.png": "no text found by OCR (blank or unreadable image)",
    "junk.docx": "not a .docx file (no word/document.xml inside; encrypted or another format)",
}


def legacy_text(phrase_page2: str | None, phrase: str) -> str:
    page1 = "\n".join(HEADER + MOTTO + ["KẾ HOẠCH", "Về việc triển khai nhiệm vụ năm 2023", f"Thực hiện {phrase}."])
    if phrase_page2 is None:
        return page1 + "\nỦy ban nhân dân huyện yêu cầu các xã nghiêm túc thực hiện.\n"
    return page1 + "\n\f" + f"Tiếp tục {phrase_page2} theo đúng tiến độ được giao.\n"


def write_archive(src: Path) -> Path:
    src.mkdir(parents=True)
    files = {
        "scan.pdf": samples.scanned_pdf([samples.page_image(scan_lines(FOUND["scan.pdf"][0]))]),
        "photo.jpg": samples.save(samples.page_image(scan_lines(FOUND["photo.jpg"][0]), angle=0.7, noise=8), "JPEG",
                                  quality=80),
        "two-pages.tif": samples.multipage_tiff([samples.page_image(scan_lines("thu gom rác thải")),
                                                 samples.page_image(scan_lines(FOUND["two-pages.tif"][0]))]),
        "garbage-layer.pdf": samples.pdf_with_garbage_layer(samples.page_image(scan_lines(FOUND["garbage-layer.pdf"][0])),
                                                            "3$4 %&' ()*+ ,-./ 0$1 23'4 5&67 8$9: ;<=> ?@" * 4),
        "report.docx": samples.docx([[HEADER, MOTTO]], [["KẾ HOẠCH", "Về cấp nước sinh hoạt năm 2023", "Giao phòng Kinh tế."],
                                                        [f"Tổ chức {FOUND['report.docx'][0]} trước tháng 6."]],
                                    footnote="Theo Quyết định số 173/QĐ-UBND ngày 08/02/2023 của UBND tỉnh."),
        "note.odt": samples.odt(["THÔNG BÁO", f"Tổ chức {FOUND['note.odt'][0]} cho học sinh."], note="Ghi chú cuối."),
        "tcvn3.txt": charsets()["tcvn3"].encode(legacy_text(FOUND["tcvn3.txt"][0], "thu ngân sách")),
        "vni.txt": charsets()["vni"].encode(legacy_text(None, FOUND["vni.txt"][0])),
        "broken.pdf": b"%PDF-1.4 garbage",
        "locked.pdf": samples.encrypted_pdf(samples.page_image(scan_lines("bí mật"))),
        "blank.png": samples.save(samples.blank_image(), "PNG"),
        "junk.docx": samples.junk_docx(),
    }
    for name, data in files.items():
        (src / name).write_bytes(data)
    shutil.copy(DATA / "bao-cao.doc", src / "bao-cao.doc")
    return src
