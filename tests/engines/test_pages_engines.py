"""Issue 22's pages on both engines, in Debian's chromium on a desktop and a phone:
what the pages show from each engine's data (lookups, facet order and links, dates,
the home page's counts) is the same, read from the screen."""

from __future__ import annotations

import json
import re
import urllib.request
from urllib.parse import quote, urlencode

LOOKUP = "Đã chuyển đến {} — xem mọi văn bản chứa số này"
DMY = re.compile(r"\d\d/\d\d/\d{4}")


def api(base: str, **args) -> dict:
    with urllib.request.urlopen(f"{base}/api/search?{urlencode(args)}", timeout=60) as resp:
        return json.loads(resp.read())


def go(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def test_number_lookups_land_with_a_notice_and_lead_back_to_the_results(engine_server, screen, artifacts):
    engine, base = engine_server
    screen.goto(base + "/search?q=" + quote("176/TB-UBND"))
    assert "/documents/001_f88072d734faeb23.txt" in screen.url
    assert screen.locator(".lookup").inner_text() == LOOKUP.format("Thông báo 176/TB-UBND")
    assert screen.locator("#q").input_value() == "176/TB-UBND"
    go(screen, screen.get_by_role("link", name="‹ Quay lại kết quả"))
    assert "go=0" in screen.url and "001_f88072d734faeb23.txt" in screen.locator(".hit h2 a").first.get_attribute("href")
    screen.goto(base + "/search?q=" + quote("468/QĐ-TTg"))
    assert screen.url.split("?")[0].endswith("/decisions/qd-468-ttg-2021")
    assert screen.locator(".lookup").inner_text() == LOOKUP.format("Quyết định 468/QĐ-TTg")
    assert screen.locator("#q").input_value() == "468/QĐ-TTg"
    screen.screenshot(path=artifacts / f"engines-{engine}-decision-{screen.name}.png")
    go(screen, screen.get_by_role("link", name="xem mọi văn bản chứa số này"))
    hits = screen.locator(".hit")
    assert hits.count() == api(base, q="468/QĐ-TTg", go="0")["total"] > 0
    links = screen.locator(".hit .matched a").all()
    assert links and {a.get_attribute("href") for a in links} == {"/decisions/qd-468-ttg-2021"}


def test_facets_in_the_readers_order_and_cited_decisions_linked(engine_server, screen):
    engine, base = engine_server
    screen.goto(base + "/search?q=")
    years = screen.locator('[data-facet="year"] .facet-value .label').all_inner_texts()
    known = [int(y) for y in years if y.isdigit()]
    assert len(known) > 2 and known == sorted(known, reverse=True)
    assert years[len(known):] in ([], ["Không rõ"])  # the unknown bucket last
    labels = screen.locator('[data-facet="cites"] .facet-value .label').all_inner_texts()
    found = [re.search(r"\((?:\d\d/\d\d/)?(\d{4})\b", x) for x in labels]
    cited_years = [int(m.group(1)) if m else 0 for m in found]
    assert cited_years == sorted(cited_years, reverse=True) and len(set(cited_years)) > 1
    assert not any(re.search(r"\d{4}-\d\d-\d\d", x) for x in labels)
    values = api(base, q="", per_page=1)["facets"]["cites"]
    first = screen.locator('[data-facet="cites"] .facet-page').first
    key = next(v["value"] for v in values if v["label"].split(" (")[0] == labels[0].split(" (")[0]
               and re.sub(r"\d{4}-\d\d-\d\d", "", v["label"]) == re.sub(r"\d\d/\d\d/\d{4}", "", labels[0]))
    assert first.get_attribute("href") == f"/decisions/{quote(key, safe='')}"
    screen.goto(base + first.get_attribute("href"))
    assert labels[0].split(" (")[0] in screen.locator("h1").inner_text()


def test_dates_the_vietnamese_way_and_the_home_page_counts(engine_server, screen, artifacts):
    engine, base = engine_server
    screen.goto(base + "/search?q=&sort=newest&per_page=20")
    dates = screen.locator(".hit .date").all_inner_texts()
    assert dates and all(DMY.fullmatch(d) or d == "Không rõ ngày" for d in dates)
    every = api(base, q="", per_page=1)
    screen.goto(base + "/")
    shown = screen.locator(".archive .documents").inner_text()
    assert int(shown.replace(".", "")) == every["total"] > 300
    years = screen.locator('[data-browse="year"] li')
    expected = sorted(((f["value"], f["count"]) for f in every["facets"]["year"] if f["value"] != "none"),
                      key=lambda vc: -int(vc[0]))
    if screen.name == "phone" or years.count() > 12:
        more = screen.locator('[data-browse="year"] [data-more]')
        if more.count():
            more.click()
    assert [tuple(" ".join(t.split()).rsplit(" ", 1)) for t in years.all_inner_texts()][:len(expected)] == \
        [(y, str(n)) for y, n in expected]
    screen.screenshot(path=artifacts / f"engines-{engine}-home-{screen.name}.png")
    types = screen.locator('[data-browse="type"] li a')
    label = " ".join(types.first.inner_text().split()).rsplit(" ", 1)[0]
    go(screen, types.first)
    assert screen.locator(".chip").all_inner_texts() == [f"Loại văn bản: {label} ×"]


def test_a_number_lookup_goes_where_only_one_answers_else_lists_the_candidates(engine_server, screen):
    engine, base = engine_server
    for typed in ("qd 173", "Quyết định số 173"):  # no issuer typed: the one 173/QĐ-* the archive knows
        screen.goto(base + "/search?q=" + quote(typed))
        assert screen.url.split("?")[0].endswith("/decisions/qd-173-ubnd-2023-tinh-binh-phuoc")
        assert screen.locator("#q").input_value() == typed
    screen.goto(base + "/search?q=" + quote("tb 176"))
    assert "/documents/001_f88072d734faeb23.txt" in screen.url
    # Two plans numbered 27 (27/KH-UBND, 27/KH-UBNDHC): listed with what tells them apart.
    screen.goto(base + "/search?q=" + quote("kh 27"))
    found = api(base, q="kh 27")
    assert found["target"] is None and found["candidates_total"] == 2
    items = screen.locator(".candidates li")
    assert items.count() == 2
    assert "Số 27/KH ứng với 2 văn bản khác nhau" in screen.locator("#candidates-h").inner_text()
    texts = [" ".join(t.split()) for t in items.all_inner_texts()]
    assert texts[0].startswith("Kế hoạch 27/KH-UBND (UBND thị xã Phước Long · 16/02/2023)")
    assert "Hội nghị công bố kết quả chỉ số CCHC năm 2022" in texts[0]
    assert texts[1].startswith("Kế hoạch 27/KH-UBNDHC (") and "31/01/2023" in texts[1]
    hrefs = [a.get_attribute("href") for a in screen.locator(".candidates li > a").all()]
    assert [h.split("?")[0] for h in hrefs] == ["/decisions/kh-27-ubnd-x", "/decisions/kh-27-ubndhc-2023"]
    # Each hit's matched number leads to the decision that hit cites under it.
    matched = {a.inner_text(): a.get_attribute("href") for a in screen.locator(".hit .matched a").all()}
    assert matched == {"27/KH-UBND": "/decisions/kh-27-ubnd-x", "27/KH-UBNDHC": "/decisions/kh-27-ubndhc-2023"}
    # A number of the same serial but another kind is offered, never gone to.
    screen.goto(base + "/search?q=" + quote("173/KH-UBND"))
    assert screen.url.split("?")[0].endswith("/search")
    assert screen.locator("#candidates-h").inner_text().startswith(
        "Không có văn bản nào mang hay trích dẫn số 173/KH-UBND")
    assert [" ".join(t.split()).split(" (")[0] for t in screen.locator(".candidates li").all_inner_texts()] == \
        ["Quyết định 173/QĐ-UBND"]
    screen.goto(base + "/search?q=" + quote("nghị quyết 25"))  # of serial 25, the resolutions only
    kinds = {t.split(" 25/")[0] for t in screen.locator(".candidates li > a").all_inner_texts()}
    assert kinds == {"Nghị quyết"} and api(base, q="nghị quyết 25")["candidates_total"] == 2
    screen.goto(base + "/search?q=" + quote("1/QĐ"))
    assert screen.locator(".no-number").inner_text().startswith("Không có văn bản nào trong kho mang hay trích dẫn số 1/QĐ")


def test_a_decision_outside_the_archive_reads_its_citing_sentences(engine_server, screen):
    engine, base = engine_server
    screen.goto(base + "/decisions/kh-27-ubnd-x")
    meta = dict(zip(screen.locator(".metadata dt").all_inner_texts(), screen.locator(".metadata dd").all_inner_texts()))
    assert meta["Ngày"] == "16/02/2023" and meta["Cơ quan ban hành"] == "UBND thị xã Phước Long"
    assert "Hội nghị công bố kết quả chỉ số CCHC năm 2022" in screen.locator(".trich-yeu").inner_text()
    source = screen.locator(".read-from a")
    assert source.get_attribute("href") == "/documents/000_471e60a1ddf59a91.txt"
    screen.goto(base + "/decisions/qd-173-ubnd-2023-tinh-binh-phuoc")
    assert screen.locator(".trich-yeu").inner_text().startswith(
        "Về việc phê duyệt và công bố Chỉ số cải cách hành chính năm 2022")
    # A document citing it twice is listed once, with the count of its mentions.
    entry = screen.locator(".citing li").filter(has=screen.locator('a[href="/documents/000_471e60a1ddf59a91.txt"]'))
    assert entry.locator(".mentions").inner_text() == "nhắc đến 2 lần"
    # A citation that says no more gives nothing more: no title invented.
    keys = [v["value"] for v in api(base, q="", per_page=1)["facets"]["cites"]]
    with urllib.request.urlopen(f"{base}/api/decisions/{quote(keys[-1], safe='')}", timeout=60) as resp:
        shown = json.loads(resp.read())
    screen.goto(base + f"/decisions/{quote(keys[-1], safe='')}")
    assert (screen.locator(".trich-yeu").count() == 1) == bool(shown["title"])


def test_the_archive_freshness_and_the_unaccented_offer(engine_server, screen):
    engine, base = engine_server
    screen.goto(base + "/")
    built = screen.locator(".built-at")
    assert re.fullmatch(r"\d\d:\d\d \d\d/\d\d/\d{4}", built.inner_text()) and built.get_attribute("datetime")
    screen.goto(base + "/search?q=" + quote("Phuóc"))  # an accent no document has
    offer = screen.locator("a.unaccented")
    assert offer.count() == 1 and api(base, q="Phuóc")["total"] == 0
    shown = int(re.search(r"\(([\d.]+) văn bản\)", offer.locator("xpath=..").inner_text()).group(1).replace(".", ""))
    assert shown == api(base, q="Phuoc")["total"] == api(base, q="Phuóc")["unaccented_total"] > 0
