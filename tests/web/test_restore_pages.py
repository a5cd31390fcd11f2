"""The restored reading where staff meet it: API, hits, ranking, export, decision pages.

Built on the session index of corpus/ (the five real OCR'd seeds), plus small
archives of their own where a test needs a clean document or a rival.
"""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

from indexer.search import SearchRequest

PHONG_THO = "001_f88072d734faeb23.txt"


def test_api_document_adds_the_restored_reading(client):
    data = client.get(f"/api/documents/{PHONG_THO}").get_json()
    assert data["restored"] is True
    assert data["title"].startswith("Két luan ciia Cha tich UBND huyén")  # the OCR, kept
    assert data["restored_title"].startswith("Kết luận của Chủ tịch UBND huyện tại Hội nghị phân tích, đánh giá")
    assert data["restored_signer"] == "Vũ Văn Trung" and data["signer"] == "Vu Van Trung"
    text, reading = data["text"], data["restored_text"]
    assert "THÔNG BÁO\n\nKết luận của Chủ tịch" in reading
    # The same paragraphs and line breaks as the text it reads.
    assert reading.count("\n") == text.count("\n") and reading.split("\n\n")[0].count("\n") == text.split("\n\n")[0].count("\n")
    assert "restored_html" not in data and "text_html" not in data


def test_search_hits_carry_the_restored_title(client):
    data = client.get("/api/search?q=" + quote("kết luận của Chủ tịch")).get_json()
    first = data["hits"][0]
    assert first["id"] == PHONG_THO
    assert first["restored_title"].startswith("Kết luận của Chủ tịch") and first["title"].startswith("Két luan")
    # The words standing together are one match, marked in the reading.
    assert "Kết luận của Chủ tịch" in [p["text"][a:b] for p in first["passages"] for a, b in p["marks"]]


def test_a_clean_document_returns_its_text_unchanged(make_corpus, tmp_path):
    from indexer.index.whoosh.writer import build
    from searchapp import create_app

    text = ("ỦY BAN NHÂN DÂN\nHUYỆN PHONG THỔ\nSố: 12/KH-UBND\nPhong Thổ, ngày 09 tháng 9 năm 2022\nKẾ HOẠCH\n"
            "Triển khai công tác cải cách hành chính năm 2023\nỦy ban nhân dân huyện ban hành kế hoạch như sau.\n")
    index_dir = tmp_path / "index"
    build(make_corpus({"clean.txt": text}), index_dir)
    client = create_app({"INDEX_DIR": str(index_dir), "TESTING": True}).test_client()
    data = client.get("/api/documents/clean.txt").get_json()
    assert data["restored"] is False
    assert data["restored_text"] == data["text"] and data["restored_title"] == data["title"]
    hit = client.get("/api/search?q=" + quote("cải cách")).get_json()["hits"][0]
    assert hit["restored_title"] == hit["title"]


def test_an_accented_query_ranks_the_restored_match_first(make_corpus, tmp_path):
    """Both documents hold the words folded; only the first one's reading has them with
    their accents (the second's stand amid scan noise, which is never restored: its
    marks are unknown, so an accented query finds it by its letters, below)."""
    from indexer.index.whoosh.writer import build
    from indexer.search import open_service

    body = "Cac co quan chuyén mén thuc hién nhiém vu duoc giao trong nam 2023 theo ké hoach.\n" * 3
    restored = "THONG BAO\nKét luan ciia Cha tich UBND huyén vé cong tac cai cach hanh chinh.\n" + body
    noisy = "THONG BAO\n{Ket} [luan] |cua| <Chu> ~tich~ UBND huyén vé cong tac cai cach hanh chinh.\n" + body
    index_dir = tmp_path / "index"
    build(make_corpus({"a_noisy.txt": noisy, "b_restored.txt": restored}), index_dir)
    svc = open_service("whoosh", index_dir=index_dir)
    ranked = [h.id for h in svc.search(SearchRequest(q="kết luận của Chủ tịch", snippets=False)).hits]
    assert ranked == ["b_restored.txt", "a_noisy.txt"]
    # Without accents the two are the same to the query: folded, both match.
    assert set(h.id for h in svc.search(SearchRequest(q="ket luan cua chu tich")).hits) == set(ranked)


def test_export_has_both_forms(client):
    rows = client.get("/export.json?q=" + quote("kết luận")).get_json()["documents"]
    row = next(r for r in rows if r["id"] == PHONG_THO)
    assert row["title"].startswith("Két luan") and row["restored_title"].startswith("Kết luận của Chủ tịch")
    assert row["signer"] == "Vu Van Trung" and row["restored_signer"] == "Vũ Văn Trung"
    body = client.get("/export.csv?q=" + quote("kết luận")).get_data(as_text=True)
    table = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    line = next(r for r in table if r["Mã"] == PHONG_THO)
    assert line["Trích yếu"].startswith("Kết luận của Chủ tịch") and line["Trích yếu như OCR đọc (nếu khác)"].startswith("Két")
    assert (line["Người ký"], line["Người ký như OCR đọc (nếu khác)"]) == ("Vũ Văn Trung", "Vu Van Trung")


def test_decision_pages_show_the_restored_citing_sentence(client):
    data = client.get("/api/decisions/qd-173-ubnd-2023-tinh-binh-phuoc").get_json()
    citing = next(d for d in data["citing"] if d["id"] == "000_471e60a1ddf59a91.txt")
    assert "Quyét dinh" in citing["context"] and "Quyết định" in citing["restored_context"]
    assert citing["restored_title"].startswith("tổ chức Hội nghị công bố Chỉ số CCHC")


def test_the_document_page_shows_the_reading_and_the_ocr_one_click_away(client):
    page = client.get(f"/documents/{PHONG_THO}?q=" + quote("kết luận")).get_data(as_text=True)
    assert 'aria-current="page">Bản đọc đã sửa</a>' in page and "view=ocr" in page
    # "Kết luận" is one match; each restored word in it carries its OCR form.
    assert ('<mark id="hit-1" tabindex="-1"><span class="restored" title="OCR: Két" data-ocr="Két" tabindex="0">Kết</span> '
            '<span class="restored" title="OCR: luan" data-ocr="luan" tabindex="0">luận</span></mark>') in page
    ocr = client.get(f"/documents/{PHONG_THO}?view=ocr&q=" + quote("kết luận")).get_data(as_text=True)
    assert 'aria-current="page">Văn bản OCR gốc</a>' in ocr
    # The match found in the reading lands on the OCR spelling too.
    assert '<mark id="hit-1" tabindex="-1">Két luan</mark>' in ocr and 'class="restored' not in ocr.split('<pre', 1)[1]
