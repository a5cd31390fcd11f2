from indexer.extract.records import Citation
from indexer.extract.document import document_from_text, merge_unresolved


def cite(key, issuer=None):
    return Citation(key=key, kind="Quyết định", type_code="QĐ", number="173/QĐ-UBND", issuer=issuer)


def test_unresolved_mention_takes_the_body_stated_elsewhere_in_the_document():
    out = merge_unresolved([cite("qd-173-ubnd-2023"), cite("qd-173-ubnd-2023-tinh-binh-phuoc", "UBND tỉnh Bình Phước")])
    assert [(c.key, c.issuer) for c in out] == [("qd-173-ubnd-2023-tinh-binh-phuoc", "UBND tỉnh Bình Phước")] * 2


def test_two_different_bodies_are_never_merged():
    out = merge_unresolved([cite("qd-173-ubnd-2023"), cite("qd-173-ubnd-2023-tinh-a"), cite("qd-173-ubnd-2023-huyen-b")])
    assert [c.key for c in out] == ["qd-173-ubnd-2023", "qd-173-ubnd-2023-tinh-a", "qd-173-ubnd-2023-huyen-b"]


def test_seed_cites_one_decision_173_whatever_the_ocr_spelling():
    from support import CORPUS

    doc = document_from_text("000", "000", (CORPUS / "000_471e60a1ddf59a91.txt").read_text(encoding="utf-8"))
    keys = {c.key for c in doc.citations if c.number == "173/QĐ-UBND"}
    assert keys == {"qd-173-ubnd-2023-tinh-binh-phuoc"}
