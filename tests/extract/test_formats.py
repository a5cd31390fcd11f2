"""Every format of an archive, through the real build, real Tesseract and the real app."""

from __future__ import annotations

import dataclasses

import pytest

from indexer.extract.loaders import OcrOptions
from indexer.index.whoosh.writer import build
from indexer.index.pipeline import PrepareOptions
from samples_archive import FOUND, SKIPPED, write_archive


def test_every_format_is_indexed_and_bad_files_skipped_with_their_reason(formats_archive):
    _, _, report = formats_archive
    assert sorted(report.indexed) == sorted(FOUND)
    assert dict(report.skipped) == SKIPPED
    assert [p for p, _ in sorted(report.converted)] == ["tcvn3.txt", "vni.txt"]
    assert [e.split(" ")[0] for _, e in sorted(report.converted)] == ["tcvn3", "vni"]
    assert report.ocr_pages == 5 and report.ocr_cached == 0  # pdf 1, jpg 1, tif 2, garbage layer 1


@pytest.mark.parametrize("name", sorted(FOUND))
def test_accented_query_finds_the_file_at_its_page(formats_client, name):
    query, page = FOUND[name]
    hits = formats_client.get("/api/search", query_string={"q": f'"{query}"'}).get_json()["hits"]
    assert [(h["id"], h["page"] if h["pages"] > 1 else 1) for h in hits] == [(name, page)]


def test_unaccented_query_finds_the_ocr_text(formats_client):
    hits = formats_client.get("/api/search", query_string={"q": "trong rung phong ho ven song"}).get_json()["hits"]
    assert [(h["id"], h["page"]) for h in hits][:1] == [("two-pages.tif", 2)]


def test_document_page_knows_its_pages_and_how_it_was_read(formats_client):
    doc = formats_client.get("/api/documents/two-pages.tif", query_string={"q": "rừng phòng hộ"}).get_json()
    assert len(doc["pages"]) == 1 and doc["page_sections"] == [1, 1]
    # The three words standing together are one match, on the second page only.
    assert doc["page_matches"][0] == 0 and doc["page_matches"][1] >= 1 and doc["ocr_pages"] == 2
    legacy = formats_client.get("/api/documents/tcvn3.txt").get_json()
    assert legacy["encoding"].startswith("tcvn3 (confidence") and legacy["number"] == "45/KH-UBND"


def test_word_header_block_reaches_metadata(formats_client):
    doc = formats_client.get("/api/documents/report.docx").get_json()
    assert (doc["number"], doc["type"], doc["date"], doc["unit"]) == ("45/KH-UBND", "KH", "2023-03-12", "UBND huyện Bù Đăng")
    assert "173/QĐ-UBND" in doc["text"]  # the footnote is read
    assert len(doc["pages"]) == 1  # page 2 starts at the typed page break


def test_original_scan_stays_downloadable(formats_client, formats_archive):
    src, _, _ = formats_archive
    resp = formats_client.get("/documents/two-pages.tif/original")
    assert resp.status_code == 200 and resp.data == (src / "two-pages.tif").read_bytes()


def test_rebuild_from_scratch_reads_ocr_from_the_cache(formats_archive, tmp_path, stand_in_tesseract):
    src, index_dir, first = formats_archive
    runs = tmp_path / "tesseract-runs"
    tesseract = stand_in_tesseract(f'echo "$1" >> {runs}\nexec tesseract "$@"')  # Tesseract, counted
    again = build(src, tmp_path / "fresh", options=PrepareOptions(
        workers=1, ocr=OcrOptions(tesseract=tesseract, cache_dir=str(index_dir / "ocr-cache"))))
    assert (sorted(again.indexed), again.ocr_pages, again.ocr_cached) == (sorted(first.indexed), 5, 5)
    # One page went to Tesseract again: blank.png's, skipped for having no text, and a
    # reading without text is not cached.  The five pages with text came from the cache.
    assert len(runs.read_text().splitlines()) == 1


@pytest.mark.parametrize("ocr, reason", [
    (OcrOptions(tesseract="/nonexistent/tesseract"), "OCR not installed (tesseract; run scripts/install-system-deps.sh)"),
    (OcrOptions(lang="khm"), "OCR not installed (Tesseract model 'khm'; run scripts/install-system-deps.sh)"),
    (OcrOptions(page_seconds=0.001), "took longer than 0.001 s (time limit per page)"),
])
def test_without_ocr_scans_are_skipped_with_why_and_the_rest_indexed(tmp_path, ocr, reason):
    src = write_archive(tmp_path / "src")
    report = build(src, tmp_path / "index", options=PrepareOptions(workers=1, ocr=ocr))
    scans = {"scan.pdf", "photo.jpg", "two-pages.tif", "garbage-layer.pdf"}
    assert sorted(report.indexed) == sorted(set(FOUND) - scans)
    skipped = dict(report.skipped)
    assert all(reason in skipped[name] for name in scans), skipped


def test_ocr_off_skips_scans_only(tmp_path):
    src = write_archive(tmp_path / "src")
    report = build(src, tmp_path / "index", options=dataclasses.replace(PrepareOptions(workers=1), ocr=None))
    assert dict(report.skipped)["scan.pdf"] == "PDF has no usable text layer (scanned image) and OCR is off"
    assert "report.docx" in report.indexed


def test_hit_says_trang_and_links_to_that_page(formats_client):
    html = formats_client.get("/search", query_string={"q": '"trồng rừng phòng hộ ven sông"'}).get_data(as_text=True)
    assert 'class="page" href="/documents/two-pages.tif?q=' in html and "#trang-2" in html and ">trang 2</a>" in html


def test_document_page_shows_page_breaks_and_pages_with_matches(formats_client):
    html = formats_client.get("/documents/two-pages.tif", query_string={"q": "rừng phòng hộ"}).get_data(as_text=True)
    assert '<span class="pagebreak" id="trang-1">Trang 1</span>' in html
    assert '<span class="pagebreak" id="trang-2">Trang 2</span>' in html
    assert 'class="has-hits">2 (' in html and "2 trang (2 trang đọc bằng OCR)" in html


def test_document_page_names_the_legacy_encoding(formats_client):
    html = formats_client.get("/documents/tcvn3.txt").get_data(as_text=True)
    assert '<dd class="encoding">tcvn3 (confidence 1.00) (đã chuyển sang Unicode)</dd>' in html
