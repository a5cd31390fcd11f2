"""Issue 22 in Debian's chromium, on a desktop (1366×900) and a phone (375×812, touch):
number lookups without dead ends, Vietnamese conventions, phone, keyboard and print.

Each test runs once per screen (the ``screen`` fixture); assertions are on what
is shown.  Screenshots go to test-artifacts/ (for people, never compared).
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

DOC64 = "000_471e60a1ddf59a91.txt"  # 64/BC-UBND, OCR'd, cites 173/QĐ-UBND twice
DOC176 = "001_f88072d734faeb23.txt"  # 176/TB-UBND, OCR'd ("Két luan ciia Cha tich")
LOOKUP = re.compile(r"^Đã chuyển đến (.+) — xem mọi văn bản chứa số này$")


def go(page, locator) -> None:
    """Click a link and wait for the page it opens."""
    with page.expect_navigation():
        locator.click()


def shot(page, artifacts, name: str) -> None:
    page.screenshot(path=artifacts / f"pages-{name}-{page.name}.png")


def test_a_number_lookup_says_where_it_went_and_the_way_back_is_no_loop(screen, gunicorn_server, artifacts):
    screen.goto(gunicorn_server + "/search?q=" + quote("176/TB-UBND"))
    assert f"/documents/{DOC176}" in screen.url
    assert screen.locator("#q").input_value() == "176/TB-UBND"  # the query stays in the box
    notice = screen.locator(".lookup")
    assert LOOKUP.match(notice.inner_text()).group(1) == "Thông báo 176/TB-UBND"
    shot(screen, artifacts, "lookup-document")
    # "‹ Quay lại kết quả" lists the results of the query instead of redirecting here again.
    go(screen, screen.get_by_role("link", name="‹ Quay lại kết quả"))
    assert "/search?" in screen.url and "go=0" in screen.url
    assert screen.locator(".hit .num").all_inner_texts() == ["176/TB-UBND"]
    assert screen.locator("#q").input_value() == "176/TB-UBND"


def test_a_decision_lookup_keeps_the_query_and_links_the_full_text_results(screen, gunicorn_server, artifacts):
    screen.goto(gunicorn_server + "/search?q=" + quote("173/QĐ-UBND"))
    assert "/decisions/qd-173-ubnd-2023-tinh-binh-phuoc" in screen.url
    assert screen.locator("#q").input_value() == "173/QĐ-UBND"
    assert screen.locator(".lookup").inner_text() == (
        "Đã chuyển đến Quyết định 173/QĐ-UBND — xem mọi văn bản chứa số này")
    shot(screen, artifacts, "lookup-decision")
    go(screen, screen.get_by_role("link", name="xem mọi văn bản chứa số này"))
    assert "/search?" in screen.url and screen.locator(".hit .num").all_inner_texts() == ["64/BC-UBND"]
    # "Khớp số ký hiệu: 173/QĐ-UBND" leads to the decision's page.
    matched = screen.locator(".hit .matched")
    assert matched.inner_text() == "Khớp số ký hiệu: 173/QĐ-UBND"
    go(screen, matched.get_by_role("link", name="173/QĐ-UBND"))
    assert screen.url.endswith("/decisions/qd-173-ubnd-2023-tinh-binh-phuoc")
    assert screen.locator("h1").inner_text() == "Quyết định 173/QĐ-UBND"
    assert screen.locator(".lookup").count() == 0  # reached by a link, not a lookup


def test_cited_decisions_facet_links_each_decision_in_year_then_number_order(screen, gunicorn_server):
    screen.goto(gunicorn_server + "/search?q=")
    facet = screen.locator('[data-facet="cites"]')
    labels = facet.locator(".facet-value .label").all_inner_texts()
    years = [int(found.group(1)) if (found := re.search(r"\((?:\d\d/\d\d/)?(\d{4})\b", x)) else 0 for x in labels]
    assert years == sorted(years, reverse=True) and len(set(years)) > 1
    assert not any(re.search(r"\d{4}-\d{2}-\d{2}", x) for x in labels)  # dates as dd/mm/yyyy
    assert "173/QĐ-UBND (08/02/2023, UBND tỉnh Bình Phước)" in labels
    if screen.name == "phone":  # the facets come after the results: open the rest of the list
        more = facet.locator("[data-more]")
        if more.count():
            more.click()
    go(screen, facet.get_by_role("link", name="Xem trang của 173/QĐ-UBND (08/02/2023, UBND tỉnh Bình Phước)"))
    assert screen.url.endswith("/decisions/qd-173-ubnd-2023-tinh-binh-phuoc")


def test_year_facet_newest_first_and_dates_the_vietnamese_way(screen, gunicorn_server):
    screen.goto(gunicorn_server + "/search?q=&sort=oldest&date_from=2021-01-01")
    assert screen.locator('[data-facet="year"] .facet-value .label').all_inner_texts() == ["2023", "2022", "2021"]
    assert screen.locator(".hit .date").all_inner_texts() == [
        "14/05/2021", "09/09/2022", "21/03/2023", "14/09/2023", "11/12/2023"]
    assert screen.locator(".chip").all_inner_texts() == ["Từ ngày: 01/01/2021 ×"]
    assert re.fullmatch(r"\(\d{1,3}(\.\d{3})*,\d ms\)", screen.locator(".summary .elapsed").inner_text())
    screen.goto(gunicorn_server + f"/documents/{DOC64}")
    if screen.name == "phone":
        screen.get_by_text("Thông tin văn bản").click()
    assert screen.locator(".metadata dd").nth(2).inner_text() == "21/03/2023"
    assert "Quyết định 173/QĐ-UBND ngày 08/02/2023 của UBND tỉnh Bình Phước (2 lần)" in \
        screen.locator(".citations").inner_text()  # cited twice, listed once


def test_what_was_searched_is_said_in_vietnamese(screen, gunicorn_server, artifacts):
    screen.goto(gunicorn_server + "/search?q=" + quote("cải cách loai:KH nam:2021"))
    assert screen.locator(".read-as").inner_text() == "cải; cách; loại: KH; năm: 2021"
    screen.goto(gunicorn_server + "/search?q=" + quote("cải cách nam:abc"))
    note = 'Không hiểu nam:abc (năm có bốn chữ số, ví dụ nam:2023) — đã tìm cụm từ "nam abc".'
    if screen.locator(".hit").count():  # with hits, the notes are behind "Sắp xếp, …" on a phone
        if screen.name == "phone":
            assert not screen.get_by_text(note).is_visible()
            screen.locator(".tools summary").click()
    assert screen.get_by_text(note).is_visible()
    shot(screen, artifacts, "field-note")


@pytest.mark.parametrize("path, status, title, says", [
    ("/khong-co-trang-nay", 404, "404 — Không tìm thấy", "Không có trang nào ở địa chỉ này"),
    ("/documents/khong-co.txt", 404, "404 — Không tìm thấy", "Không có văn bản với mã 'khong-co.txt' trong kho."),
    ("/search?q=x&year=abc", 400, "400 — Yêu cầu không hợp lệ", "ví dụ year=2023"),
    ("/search?q=x&date_from=30/02/2023", 400, "400 — Yêu cầu không hợp lệ", "không phải là một ngày có thật"),
])
def test_error_pages_are_vietnamese(screen, gunicorn_server, artifacts, path, status, title, says):
    response = screen.goto(gunicorn_server + path)
    assert response.status == status
    assert screen.locator("h1").inner_text() == title
    text = screen.locator("main").inner_text()
    assert says in text and "requested URL" not in text and "server" not in text
    shot(screen, artifacts, f"error-{status}")


def test_relaxed_notice_only_when_documents_follow(screen, gunicorn_server):
    # Every hit has every word: nothing follows them, so nothing to announce.  (Typed
    # without marks: "Két", an OCR spelling with marks, is a precise request for "két".)
    screen.goto(gunicorn_server + "/search?q=" + quote("ket luan cua chu tich"))
    assert screen.locator(".relaxed").count() == 0
    screen.goto(gunicorn_server + "/search?q=" + quote("thị xã phước long hội nghị"))
    assert screen.locator(".relaxed").inner_text() == (
        "1 văn bản chứa đủ mọi từ, xếp trước; sau đó là 4 văn bản chứa nhiều từ nhất.")


def test_no_unaccented_offer_that_finds_nothing(screen, gunicorn_server):
    screen.goto(gunicorn_server + "/search?q=" + quote("xyzzý"))
    assert screen.locator(".empty h2").inner_text() == "Không tìm thấy văn bản nào"
    assert screen.get_by_text("tìm không dấu").count() == 0


def test_phone_shows_the_text_and_the_hits_first(screen, gunicorn_server, artifacts):
    screen.goto(gunicorn_server + f"/documents/{DOC64}?q=cai+cach")
    text_top = screen.locator("pre.text").bounding_box()["y"]
    metadata = screen.locator(".metadata")
    similar = screen.locator(".similar")
    shot(screen, artifacts, "document")
    if screen.name == "phone":
        assert text_top < 812 * 0.75  # the text starts on the first screen
        assert not metadata.is_visible() and not similar.is_visible()
        screen.get_by_text("Thông tin văn bản").click()  # one control opens them
        assert metadata.is_visible() and similar.is_visible()
    else:
        assert metadata.is_visible() and similar.is_visible() and text_top < 900
    screen.goto(gunicorn_server + "/search?q=cai+cach")
    first_hit = screen.locator(".hit").first.bounding_box()["y"]
    date_field = screen.get_by_label("Từ ngày")
    shot(screen, artifacts, "search")
    if screen.name == "phone":
        assert first_hit < 812 * 0.4 and not date_field.is_visible()
        screen.get_by_text("Sắp xếp, khoảng ngày").click()
        assert date_field.is_visible() and screen.get_by_label("Sắp xếp", exact=True).is_visible()
    else:
        assert date_field.is_visible() and first_hit < 900 / 2


def test_hints_only_where_they_apply(screen, gunicorn_server):
    screen.goto(gunicorn_server + f"/documents/{DOC176}?q=" + quote("kết luận"))
    keys, hover, touch = (screen.locator(s) for s in (".hitnav .keys", ".view-note .hint-hover", ".view-note .hint-touch"))
    if screen.name == "phone":  # no keyboard shortcut or mouse to speak of; a tap works
        assert (keys.is_visible(), hover.is_visible(), touch.inner_text()) == (False, False, " (hoặc chạm vào một chữ)")
    else:
        assert (keys.inner_text(), hover.inner_text(), touch.is_visible()) == (
            "Phím tắt: n / p", " (hoặc di chuột lên một chữ)", False)


def test_skip_link_and_results_before_facets(screen, gunicorn_server):
    screen.goto(gunicorn_server + "/search?q=cai+cach")
    order = screen.evaluate("document.querySelector('.results').compareDocumentPosition("
                            "document.querySelector('.facets')) & Node.DOCUMENT_POSITION_FOLLOWING")
    assert order  # the facets come after the results in reading order
    screen.keyboard.press("Tab")
    skip = screen.evaluate("document.activeElement.textContent")
    assert skip == "Bỏ qua đến kết quả"
    screen.keyboard.press("Enter")
    # The next Tab is the first hit (it took 40 when every facet link came first).
    screen.keyboard.press("Tab")
    assert screen.evaluate("document.activeElement.textContent") == screen.locator(".hit h2 a").first.inner_text()


def test_the_ocr_form_of_a_restored_word_by_keyboard_and_by_touch(screen, gunicorn_server, artifacts):
    screen.goto(gunicorn_server + f"/documents/{DOC176}")
    word = screen.locator('pre.text .restored[data-ocr="luan"]').first
    after = "el => getComputedStyle(el, '::after').content"
    assert word.evaluate(after) == "none"
    if screen.name == "phone":
        word.tap()
        assert word.evaluate(after) == '" ‹luan›"'
        word.tap()
        assert word.evaluate(after) == "none"
    # The link that shows every OCR form, reached and followed with the keyboard.
    toggle = screen.get_by_role("link", name="Hiện chữ OCR gốc cạnh từng chữ")
    toggle.focus()
    with screen.expect_navigation():
        screen.keyboard.press("Enter")
    assert "ocr_forms=1" in screen.url
    assert screen.locator('pre.text .restored[data-ocr="luan"]').first.evaluate(after) == '" ‹luan›"'
    shot(screen, artifacts, "ocr-forms")
    go(screen, screen.get_by_role("link", name="Ẩn chữ OCR gốc"))
    assert "ocr_forms" not in screen.url


def test_print_shows_the_header_data_and_the_text_only(screen, gunicorn_server, artifacts):
    screen.goto(gunicorn_server + f"/documents/{DOC176}?q=" + quote("kết luận"))
    screen.emulate_media(media="print")
    for hidden in (".top", "#q", ".hitnav", ".views", ".view-note", ".similar", ".back", "footer"):
        assert not screen.locator(hidden).first.is_visible(), hidden
    assert screen.locator(".metadata").is_visible() and screen.locator("pre.text").is_visible()
    assert screen.locator(".metadata").inner_text().startswith("Số ký hiệu\n176/TB-UBND")
    word = screen.locator("pre.text .restored").first
    assert word.evaluate("el => getComputedStyle(el).textDecorationLine") == "none"
    mark = screen.locator("pre.text mark").first
    assert mark.evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
    shot(screen, artifacts, "print")
    screen.goto(gunicorn_server + "/search?q=cai+cach")
    for hidden in (".top", ".facets", ".tools"):
        assert not screen.locator(hidden).is_visible(), hidden


def test_similar_documents_show_their_restored_titles(screen, gunicorn_server):
    screen.goto(gunicorn_server + f"/documents/{DOC64}")
    if screen.name == "phone":
        screen.get_by_text("Thông tin văn bản").click()
    titles = screen.locator(".similar li > a").all_inner_texts()
    assert "Kết luận của Chủ tịch UBND huyện tại Hội nghị phân tích, đánh giá chỉ số cải các hành chính (PAR INDEX) " \
           "niam 2021 và Công bố chỉ số cải cách hành chính năm 2021 của UBND các xã, thị trấn" in titles
    assert not any(re.fullmatch(r"\d+/[\w-]+", t) for t in titles)  # titles, not bare numbers


def test_home_page_counts_and_browses_the_archive(screen, gunicorn_server, artifacts):
    screen.goto(gunicorn_server + "/")
    assert screen.locator(".archive").inner_text().startswith("Kho có 5 văn bản")
    shown = lambda which: [" ".join(t.split()) for t in screen.locator(f'[data-browse="{which}"] li').all_inner_texts()]  # noqa: E731
    assert shown("year") == ["2023 3", "2022 1", "2021 1"]
    assert shown("type") == [
        "Báo cáo (BC) 3", "Kế hoạch (KH) 1", "Thông báo (TB) 1"]
    assert len(shown("unit")) == 4
    shot(screen, artifacts, "home")
    go(screen, screen.locator('[data-browse="year"]').get_by_role("link", name="2022 1"))
    assert screen.locator(".summary .total").inner_text() == "1"
    assert screen.locator(".chip").all_inner_texts() == ["Năm: 2022 ×"]


def test_page_size_choice_and_page_jump(screen, gunicorn_server):
    screen.goto(gunicorn_server + "/search?q=&sort=newest&per_page=2")
    pager = screen.get_by_role("navigation", name="Phân trang")
    assert pager.locator(".page-numbers a").all_inner_texts() == ["1", "2", "3"]
    screen.get_by_label("Đến trang").fill("3")
    with screen.expect_navigation():
        screen.get_by_role("button", name="Đi").click()
    assert "page=3" in screen.url and screen.locator(".hit .num").all_inner_texts() == ["122/KH-UBND"]
    if screen.name == "phone":
        screen.get_by_text("Sắp xếp, khoảng ngày").click()
    with screen.expect_navigation():
        screen.get_by_label("Mỗi trang", exact=True).select_option("10")  # applies at once
    assert "per_page=10" in screen.url and "page=" not in screen.url.replace("per_page=", "")
    assert screen.locator(".hit").count() == 5 and screen.locator(".pager").count() == 0
