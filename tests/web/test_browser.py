"""The pages in Debian's chromium against gunicorn: click, type, read what is shown.

Screenshots of the main pages (desktop and a 375 px phone) go to test-artifacts/.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import quote

import pytest

DOC64 = "000_471e60a1ddf59a91.txt"


def total(page) -> int:
    return int(page.locator(".summary .total").inner_text())


def go(page, locator) -> None:
    """Click a link and wait for the page it opens (a loaded machine is slow to answer)."""
    with page.expect_navigation():
        locator.click()


def shown_numbers(page) -> list[str]:
    return page.locator(".hit .num").all_inner_texts()


def test_search_autocomplete_to_document(page, gunicorn_server, artifacts):
    page.goto(gunicorn_server + "/")
    box = page.get_by_role("combobox", name="Từ khóa tìm kiếm")
    box.press_sequentially("64/b", delay=30)
    options = page.get_by_role("option")
    options.first.wait_for()
    assert options.all_inner_texts() == ["64/BC-UBND số ký hiệu"]
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "q-list-0"
    box.press("Enter")
    page.wait_for_url(re.compile(r"/documents/"))
    # A query that is only a số ký hiệu lands on the document itself.
    assert page.locator(".metadata dd").first.inner_text() == "64/BC-UBND"


def test_search_facets_chips_and_sort(page, gunicorn_server, artifacts):
    page.goto(gunicorn_server + "/")
    page.get_by_role("combobox", name="Từ khóa tìm kiếm").fill("cai cach")
    page.get_by_role("button", name="Tìm").click()
    page.wait_for_url(re.compile(r"/search\?q=cai\+cach"))
    assert total(page) == 5
    year = page.locator('[data-facet="year"]')
    go(page, year.get_by_role("link", name=re.compile(r"^2023 \d+$")))
    assert total(page) == 3
    # Disjunctive: 2021 still counts its document while 2023 is ticked.
    go(page, year.get_by_role("link", name=re.compile(r"^2021 \d+$")))
    assert total(page) == 4
    go(page, page.locator('[data-facet="type"]').get_by_role("link", name=re.compile("Báo cáo")))
    assert total(page) == 3
    assert page.locator(".chip").all_inner_texts() == ["Năm: 2023 ×", "Năm: 2021 ×", "Loại văn bản: Báo cáo (BC) ×"]
    page.screenshot(path=artifacts / "search-desktop.png", full_page=True)
    go(page, page.get_by_role("link", name="Bỏ lọc Năm: 2023"))
    assert total(page) == 0 and page.locator(".empty h2").inner_text() == "Không tìm thấy văn bản nào"
    page.screenshot(path=artifacts / "search-empty.png")
    go(page, page.get_by_role("link", name="Bỏ lọc Loại văn bản: Báo cáo (BC)"))
    assert page.locator(".chip").all_inner_texts() == ["Năm: 2021 ×"] and total(page) == 1
    go(page, page.get_by_role("link", name="Bỏ lọc Năm: 2021"))
    page.get_by_label("Sắp xếp", exact=True).select_option("oldest")  # applies at once
    page.wait_for_url(re.compile(r"sort=oldest"))
    assert shown_numbers(page) == ["122/KH-UBND", "176/TB-UBND", "64/BC-UBND", "166/BC-VPUBND", "133/BC-UBND"]


def test_date_range_and_pagination(page, gunicorn_server):
    page.goto(gunicorn_server + "/search?q=&sort=newest&per_page=2")
    assert shown_numbers(page) == ["133/BC-UBND", "166/BC-VPUBND"]
    go(page, page.get_by_role("link", name="Trang sau ›"))
    assert "page=2" in page.url and shown_numbers(page) == ["64/BC-UBND", "176/TB-UBND"]
    go(page, page.get_by_role("link", name="‹ Trang trước"))
    assert shown_numbers(page) == ["133/BC-UBND", "166/BC-VPUBND"]
    page.get_by_label("Từ ngày").fill("01/01/2023")  # as a Vietnamese reader writes dates
    page.get_by_label("Đến ngày").fill("30/6/2023")
    page.get_by_role("button", name="Áp dụng").click()
    page.wait_for_url(re.compile(r"date_to=30%2F6%2F2023"))
    assert shown_numbers(page) == ["64/BC-UBND"]
    assert page.locator(".chip").all_inner_texts() == ["Từ ngày: 01/01/2023 ×", "Đến ngày: 30/6/2023 ×"]
    assert page.get_by_role("textbox", name="Đến ngày").input_value() == "30/06/2023"


def test_document_hit_navigation_and_back(page, gunicorn_server, artifacts):
    page.goto(gunicorn_server + "/search?q=cai+cach&year=2023")
    page.locator(".hit h2 a").first.click()
    page.wait_for_url(re.compile(r"/documents/"))
    count = int(page.locator(".match-count").inner_text())
    assert count == page.locator("pre.text mark").count() > 2
    position = page.locator(".hitnav .position")
    page.keyboard.press("n")
    assert position.inner_text() == f"Chỗ khớp 1 / {count}"
    assert page.locator("mark.current").get_attribute("id") == "hit-1"
    page.get_by_role("link", name="Chỗ sau ›").click()
    assert position.inner_text() == f"Chỗ khớp 2 / {count}" and page.url.endswith("#hit-2")
    page.keyboard.press("p")
    page.keyboard.press("p")  # wraps around to the last
    assert page.locator("mark.current").get_attribute("id") == f"hit-{count}"
    assert page.locator(".similar li").count() == 4
    page.screenshot(path=artifacts / "document-desktop.png")
    page.get_by_role("link", name="‹ Quay lại kết quả").click()
    page.wait_for_url(re.compile(r"/search\?q=cai\+cach&year=2023$"))
    assert page.locator(".chip").all_inner_texts() == ["Năm: 2023 ×"]


def test_reading_and_ocr_toggle_survives_a_reload(page, gunicorn_server, artifacts):
    """The restored reading by default; one click shows the OCR text, the URL keeps the
    choice (a reload, a shared link, the part links), no script needed to switch."""
    page.goto(gunicorn_server + "/search?q=" + quote("kết luận của Chủ tịch"))
    title = page.locator(".hit h2 a").first
    assert title.inner_text().startswith("Kết luận của Chủ tịch UBND huyện")
    assert title.get_attribute("title").startswith("OCR: Két luan ciia Cha tich")
    go(page, title)
    text = page.locator("pre.text")
    assert "Kết luận của Chủ tịch" in text.inner_text() and "reading" in text.get_attribute("class")
    assert page.get_by_role("link", name="Bản đọc đã sửa").get_attribute("aria-current") == "page"
    restored = page.locator("pre.text .restored").first
    assert restored.get_attribute("title").startswith("OCR: ")
    page.screenshot(path=artifacts / "document-reading.png")
    go(page, page.get_by_role("link", name="Văn bản OCR gốc"))
    assert "view=ocr" in page.url and "Két luan ciia" in text.inner_text()
    assert page.locator("pre.text .restored").count() == 0
    assert page.locator("pre.text mark").count() == int(page.locator(".match-count").inner_text()) > 0
    page.reload()
    assert "Két luan ciia" in text.inner_text()
    assert page.get_by_role("link", name="Văn bản OCR gốc").get_attribute("aria-current") == "page"
    go(page, page.get_by_role("link", name="Bản đọc đã sửa"))
    assert "view=ocr" not in page.url and "Kết luận của Chủ tịch" in text.inner_text()


def test_decision_page_from_a_cited_number(page, gunicorn_server, artifacts):
    page.goto(gunicorn_server + "/search?q=" + quote("468/QĐ-TTg"))
    assert page.url.split("?")[0].endswith("/decisions/qd-468-ttg-2021")
    assert page.locator("h1").inner_text() == "Quyết định 468/QĐ-TTg"
    page.locator("ol.citing a").first.click()
    page.wait_for_url(re.compile(r"/documents/"))
    page.screenshot(path=artifacts / "decision-target.png")


def test_export_and_original_downloads(page, gunicorn_server):
    page.goto(gunicorn_server + "/search?q=cai+cach&per_page=2")
    with page.expect_download() as dl:
        page.get_by_role("link", name="CSV").click()
    rows = list(csv.reader(io.StringIO(Path(dl.value.path()).read_text(encoding="utf-8-sig"))))
    assert (rows[0][:3], len(rows) - 1) == (["Trích yếu", "Trích yếu như OCR đọc (nếu khác)", "Liên kết"], 5)  # every match
    page.goto(gunicorn_server + f"/documents/{DOC64}")
    with page.expect_download() as dl:
        page.get_by_role("link", name="Tải tệp gốc").click()
    assert dl.value.suggested_filename == DOC64


@pytest.mark.parametrize("path, name", [
    ("/search?q=cai+cach&year=2023", "search"),
    (f"/documents/{DOC64}?q=cai+cach", "document"),
])
def test_phone_width(browser, gunicorn_server, artifacts, path, name):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="vi-VN")
    page = context.new_page()
    page.goto(gunicorn_server + path)
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=artifacts / f"{name}-phone.png", full_page=False)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    context.close()
