"""Decision keys keep issuers apart: one "12/QĐ-BCĐ" per Ban Chỉ đạo, each with its own page.

BCĐ is the code of the central steering committees and of every province's,
district's and commune's; the unit named with the committee tells them apart
(bodies.json, rule "unit named").  Built end to end: a real index of two
citing documents, read through the real Flask app.
"""

from __future__ import annotations

import pytest

from indexer.analysis.text import normalize
from indexer.extract.citations import extract_citations
from indexer.extract.metadata import extract_metadata

BINH_PHUOC = """ỦY BAN NHÂN DÂN
THỊ XÃ PHƯỚC LONG
Số: 45/KH-UBND    Phước Long, ngày 20 tháng 3 năm 2023

KẾ HOẠCH
Triển khai công tác phòng, chống thiên tai năm 2023

Căn cứ Quyết định số 12/QĐ-BCĐ ngày 10/3/2023 của Ban Chỉ đạo tỉnh về việc kiện toàn Ban Chỉ đạo phòng, chống thiên tai;
UBND thị xã xây dựng kế hoạch như sau.
"""
NGHE_AN = """ỦY BAN NHÂN DÂN
TỈNH NGHỆ AN
Số: 78/KH-UBND    Nghệ An, ngày 20 tháng 6 năm 2023

KẾ HOẠCH
Thực hiện các chương trình mục tiêu quốc gia năm 2023

Căn cứ Quyết định số 12/QĐ-BCĐ ngày 15/6/2023 của Ban Chỉ đạo các chương trình mục tiêu quốc gia tỉnh Nghệ An về việc ban hành quy chế hoạt động;
UBND tỉnh xây dựng kế hoạch như sau.
"""
CENTRAL = """ỦY BAN NHÂN DÂN
TỈNH NGHỆ AN
Số: 80/KH-UBND    Nghệ An, ngày 22 tháng 12 năm 2025

KẾ HOẠCH
Sắp xếp đơn vị sự nghiệp

Thực hiện Quyết định số 15/QĐ-BCĐ ngày 02/12/2025 của Ban Chỉ đạo Trung ương về sắp xếp đơn vị sự nghiệp công lập;
"""
BP_KEY, NA_KEY = "qd-12-bcd-2023-tinh-binh-phuoc", "qd-12-bcd-2023-tinh-nghe-an"
FILES = {"binh-phuoc.txt": BINH_PHUOC, "nghe-an.txt": NGHE_AN}  # the archive of module_client


def _keys(text: str) -> list[str]:
    text = normalize(text)
    return [c.key for c in extract_citations(text, extract_metadata(text))]


@pytest.mark.parametrize("text, keys", [
    (BINH_PHUOC, [BP_KEY]),
    (NGHE_AN, [NA_KEY]),
    (CENTRAL, ["qd-15-bcd-2025"]),  # a central committee names no unit: no body, as for TTg
])
def test_keys(text, keys):
    assert _keys(text) == keys


def test_a_committee_document_has_the_key_its_citers_use():
    head = ("BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA TỈNH NGHỆ AN\nSố: 12/QĐ-BCĐ    Nghệ An, ngày 15 tháng 6 năm 2023\n"
            "QUYẾT ĐỊNH\nBan hành quy chế hoạt động\n")
    meta = extract_metadata(normalize(head))
    assert (meta.unit, meta.province, meta.key) == ("Ban Chỉ đạo tỉnh Nghệ An", "Nghệ An", NA_KEY)


def _page(key, date, issuer, citing_id, title, number, citing_date, unit, context, citing_key, about):
    return {
        "key": key, "number": "12/QĐ-BCĐ", "kind": "Quyết định", "type_code": "QĐ", "date": date, "year": 2023,
        "issuer": issuer, "label": f"12/QĐ-BCĐ ({date}, {issuer})", "document_id": None,
        # Clean text: the restored reading is the text itself.
        "citing": [{"id": citing_id, "title": title, "number": number, "date": citing_date, "unit": unit, "context": context,
                    "restored_title": title, "restored_context": context, "mentions": 1,
                    # Its relation to the key: "Căn cứ ..." (issue 21).
                    "relations": ["can_cu"], "relation": "can_cu"}],
        "citing_total": 1, "page": 1, "pages": 1,
        # Validity and the Lược đồ (search.lineage): outside the archive, nothing acts on it.
        "relations": [{"kind": "can_cu", "direction": "in", "label": "Là căn cứ của", "documents": [
            {"key": citing_key, "label": f"Kế hoạch {number}", "document_id": citing_id, "partial": False,
             "articles": [], "date": citing_date}]}],
        "validity": "khong_ro", "validity_label": "Không rõ", "validity_by": None, "validity_by_id": None,
        "validity_by_label": "", "validity_by_date": "", "validity_date": "", "validity_banner": "",
        "amended_by": [], "effective_date": "", "end_date": "",
        # What the citing sentence says of it ("về việc ..."), and where that was read.
        "title": about, "read_from": citing_id,
    }


def test_two_decisions_two_pages(module_client):
    bp = module_client.get(f"/api/decisions/{BP_KEY}")
    na = module_client.get(f"/api/decisions/{NA_KEY}")
    assert (bp.status_code, na.status_code) == (200, 200)
    assert bp.get_json() == _page(
        BP_KEY, "2023-03-10", "Ban Chỉ đạo tỉnh Bình Phước", "binh-phuoc.txt",
        "Triển khai công tác phòng, chống thiên tai năm 2023", "45/KH-UBND", "2023-03-20", "UBND thị xã Phước Long",
        "Căn cứ Quyết định số 12/QĐ-BCĐ ngày 10/3/2023 của Ban Chỉ đạo tỉnh về việc kiện toàn Ban Chỉ đạo phòng, chống thiên tai;",
        "kh-45-ubnd-2023-thi-xa-phuoc-long", "kiện toàn Ban Chỉ đạo phòng, chống thiên tai",
    )
    assert na.get_json() == _page(
        NA_KEY, "2023-06-15", "Ban Chỉ đạo các chương trình mục tiêu quốc gia tỉnh Nghệ An", "nghe-an.txt",
        "Thực hiện các chương trình mục tiêu quốc gia năm 2023", "78/KH-UBND", "2023-06-20", "UBND tỉnh Nghệ An",
        "Căn cứ Quyết định số 12/QĐ-BCĐ ngày 15/6/2023 của Ban Chỉ đạo các chương trình mục tiêu quốc gia tỉnh Nghệ An "
        "về việc ban hành quy chế hoạt động;",
        "kh-78-ubnd-2023-tinh-nghe-an", "ban hành quy chế hoạt động",
    )
    # The merged key of before names neither; each HTML page names its own committee only.
    assert module_client.get("/api/decisions/qd-12-bcd-2023").status_code == 404
    bp_html, na_html = (module_client.get(f"/decisions/{k}").get_data(as_text=True) for k in (BP_KEY, NA_KEY))
    assert "binh-phuoc.txt" in bp_html and "nghe-an.txt" not in bp_html
    assert "nghe-an.txt" in na_html and "binh-phuoc.txt" not in na_html
