import pytest

from indexer.legal.labels import citation_label, resolved_issuer


@pytest.mark.parametrize(
    "key, number, issuer, expected",
    [
        ("qd-173-ubnd-2023-tinh-binh-phuoc", "173/QĐ-UBND", "UBND tỉnh Bình Phước", "UBND tỉnh Bình Phước"),
        ("qd-468-ttg-2021", "468/QĐ-TTg", "Thủ tướng Chính phủ", "Thủ tướng Chính phủ"),
        ("qd-23-ubnd-2023", "23/2023/QĐ-UBND", "Uy ban nhén 2 dan Tinh", None),  # OCR as read: not a name
        ("qd-23-ubnd-2023", "23/2023/QĐ-UBND", None, None),
    ],
)
def test_resolved_issuer(key, number, issuer, expected):
    assert resolved_issuer(key, number, issuer) == expected


def test_citation_label():
    assert citation_label("qd-173-ubnd-2023-tinh-binh-phuoc", "173/QĐ-UBND", "2023-02-08", 2023, "UBND tỉnh Bình Phước") == (
        "173/QĐ-UBND (2023-02-08, UBND tỉnh Bình Phước)"
    )
    assert citation_label("kh-27-ubnd-x", "27/KH-UBND", None, None, None) == "27/KH-UBND"


def test_decision_page_of_a_document_that_nobody_cites(make_corpus, tmp_path):
    from indexer.index.whoosh.writer import build
    from indexer.search import open_service

    src = make_corpus({"qd.txt": "ỦY BAN NHÂN DÂN\nTỈNH BÌNH PHƯỚC\nSố: 173/QĐ-UBND Đồng Xoài, ngày 08 tháng 02 năm 2023\nQUYẾT ĐỊNH\nVề việc công bố Chỉ số cải cách hành chính năm 2022\n"})
    build(src, tmp_path / "ix")
    service = open_service("whoosh", index_dir=tmp_path / "ix")
    from indexer.index.whoosh.store import open_index

    with open_index(tmp_path / "ix").searcher() as s:
        key = s.document(id="qd.txt")["key"]
    found = service.decision(key)
    assert (found.number, found.date, found.document_id, found.citing) == ("173/QĐ-UBND", "2023-02-08", "qd.txt", [])
