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
