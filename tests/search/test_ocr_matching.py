"""OCR repair on the real seeds: correct Vietnamese finds the mangled text.

Each phrase below is written as a user would type it; the seed holds it only
in OCR spellings ("s6" for "số", "duogc" for "được", "cta" for "của", "x3"
for "xã", "ndm" for "năm").  With repair the phrase is found; without it
(accent folding alone) it is not — which is what the repair is for.
"""

import pytest

from indexer.search import SearchRequest


PHUOC_LONG_BC = "000_471e60a1ddf59a91.txt"
PHONG_THO = "001_f88072d734faeb23.txt"
DONG_THAP = "004_07f2e8074de5ea75.txt"

CASES = [
    ('"quyết định số 173"', PHUOC_LONG_BC),  # "Quyét dinh sb 173", "Quyét dinh s6 173"
    ('"đã được nghe"', PHUOC_LONG_BC),  # "da duogc nghe"
    ('"của UBND tỉnh"', PHUOC_LONG_BC),  # "cta UBND tinh"
    ('"các xã, phường"', PHUOC_LONG_BC),  # "céc x3, phuong"
    ('"thực hiện trong năm 2023"', PHUOC_LONG_BC),  # "thuc hién trong ndm 2023"
    ('"của UBND các xã"', PHONG_THO),  # "cia UBND céc x4"
    ('"Đồng Tháp giai đoạn"', DONG_THAP),  # "Pong Thap giai doan"
]


def ids(svc, q):
    return [h.id for h in svc.search(SearchRequest(q=q, snippets=False)).hits]


@pytest.mark.parametrize("q, doc", CASES)
def test_repair_finds_mangled_words(service, q, doc):
    assert doc in ids(service, q)


@pytest.mark.parametrize("q, doc", CASES)
def test_folding_alone_does_not(unrepaired, q, doc):
    assert doc not in ids(unrepaired, q)


@pytest.mark.parametrize("q, doc", CASES)
def test_unaccented_queries_find_them_too(service, q, doc):
    from indexer.analysis.text import strip_accents

    assert doc in ids(service, strip_accents(q))


def test_highlight_lands_on_the_ocr_spelling(service):
    # The snippet is cut from the restored reading; the page's OCR text marks the scan's spelling.
    hits = service.search(SearchRequest(q='"đã được nghe"')).hits
    assert "đã được nghe" in [p.text[a:b] for p in hits[0].passages for a, b in p.marks]
    page = service.document(hits[0].id, '"đã được nghe"')
    assert "duogc" in page.text[slice(*page.marks[0])]
    assert page.restored_text[slice(*page.restored_marks[0])] == "đã được nghe"


def test_repair_does_not_make_everything_match(service):
    # A word absent from every seed stays absent, whatever its OCR neighbours.
    assert ids(service, "tàu ngầm") == []
