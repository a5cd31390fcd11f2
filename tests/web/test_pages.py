"""The pages' conventions through the real app (and the small parts they are made of):
Vietnamese dates and numbers, error bodies, pager, links from numbers and facets."""

from __future__ import annotations

import html
import re
from urllib.parse import quote

import pytest

from indexer.search import FacetCount
from searchapp.docpage import citations_once
from indexer.search.facets import ordered
from searchapp.formatting import vn_date, vn_dates_in, vn_datetime, vn_number
from searchapp.pager import pager


@pytest.mark.parametrize("value, shown", [
    ("2023-02-08", "08/02/2023"), ("2023-02", "02/2023"), ("2023", "2023"), ("", ""), (None, ""), ("khác", "khác"),
])
def test_vn_date(value, shown):
    assert vn_date(value) == shown


@pytest.mark.parametrize("value, decimals, shown", [
    (9.14, 1, "9,1"), (12345, None, "12.345"), (1234567.25, 1, "1.234.567,2"), (0, None, "0"), (10.0, 1, "10,0"),
])
def test_vn_number(value, decimals, shown):
    assert vn_number(value, decimals) == shown


def test_dates_inside_labels_and_timestamps():
    assert vn_dates_in("173/QĐ-UBND (2023-02-08, UBND tỉnh Bình Phước)") == "173/QĐ-UBND (08/02/2023, UBND tỉnh Bình Phước)"
    assert re.fullmatch(r"\d\d:\d\d 0[12]/12/2026", vn_datetime("2026-12-02T03:15:00+00:00"))


@pytest.mark.parametrize("method, path, status, says", [
    ("post", "/search", 405, "Địa chỉ này không nhận kiểu yêu cầu vừa gửi."),
    ("get", "/khong-co", 404, "Không có trang nào ở địa chỉ này."),
    ("get", "/documents/khong-co.txt/original", 404, "Không có tệp gốc của văn bản 'khong-co.txt'."),
    ("get", "/decisions/qd-1-xx-1900", 404, "Không có văn bản nào trong kho trích dẫn hay mang số 'qd-1-xx-1900'."),
])
def test_error_bodies_are_ours(client, method, path, status, says):
    resp = getattr(client, method)(path)
    body = html.unescape(resp.get_data(as_text=True))
    assert (resp.status_code, says in body) == (status, True)
    assert not re.search(r"\b(the|not found|server|method)\b", body.split("<main", 1)[1], re.I)


def test_redirect_bodies_are_vietnamese(client):
    resp = client.get("/search?q=" + quote("176/TB-UBND"))
    assert resp.status_code == 302 and "Đang chuyển đến" in resp.get_data(as_text=True)
    assert "Redirecting" not in resp.get_data(as_text=True)


def test_read_as_and_elapsed_are_vietnamese(client):
    page = client.get("/search?q=" + quote("loai:KH nam:2021 trich:173/QĐ-UBND")).get_data(as_text=True)
    assert '<span class="read-as">loại: KH; năm: 2021; trích dẫn: 173/QĐ-UBND</span>' in page
    assert re.search(r'<span class="elapsed">\(\d+(\.\d{3})*,\d ms\)</span>', page)


def _counts(name, pairs):
    return [FacetCount(v, n, label) for v, n, label in pairs]


def test_years_newest_first_and_cited_by_year_then_number():
    years = _counts("year", [("2021", 9, "2021"), ("none", 5, "Không rõ"), ("2023", 3, "2023"), ("2022", 1, "2022")])
    assert [c.value for c in ordered("year", years)] == ["2023", "2022", "2021", "none"]
    cites = _counts("cites", [
        ("qd-90-ubnd-2023-x", 9, "90/QĐ-UBND (2023-02-03, UBND x)"), ("kh-27-ubnd", 8, "27/KH-UBND"),
        ("qd-173-ubnd-2023-y", 7, "173/QĐ-UBND (2023-02-08, UBND y)"), ("qd-5-ttg-2021", 6, "5/QĐ-TTg (2021)"),
        ("qd-12-ubnd-2023-x", 1, "12/QĐ-UBND (2023)"), ("qd-2639-ttg-x", 1, "2639/QĐ-TTg"),
    ])
    assert [c.value for c in ordered("cites", cites)] == [  # undated last, whatever their keys look like
        "qd-12-ubnd-2023-x", "qd-90-ubnd-2023-x", "qd-173-ubnd-2023-y", "qd-5-ttg-2021", "kh-27-ubnd", "qd-2639-ttg-x"]
    types = _counts("type", [("BC", 3, "Báo cáo"), ("KH", 5, "Kế hoạch")])
    assert ordered("type", types) == types  # the service's order (largest first) stays


def test_pager_numbers_around_the_current_page():
    url = lambda n: f"/search?page={n}"  # noqa: E731
    shown = lambda p: [(link.number, link.current) for link in p.links]  # noqa: E731
    assert shown(pager(1, 3, url, [], 10000)) == [(1, True), (2, False), (3, False)]
    assert shown(pager(50, 200, url, [("q", "x"), ("page", "50")], 10000)) == [
        (1, False), (None, False), (48, False), (49, False), (50, True), (51, False), (52, False), (None, False),
        (200, False)]
    far = pager(3, 50000, url, [("q", "x"), ("page", "3")], 10000)
    assert (far.pages, far.links[-1].number, far.jump_args) == (10000, 10000, [("q", "x")])


def test_a_decision_cited_twice_is_listed_once_with_its_count(client):
    doc = client.get("/api/documents/000_471e60a1ddf59a91.txt").get_json()
    keys = [c["key"] for c in doc["citations"]]
    assert keys.count("qd-173-ubnd-2023-tinh-binh-phuoc") == 2  # the service lists mentions
    page = client.get("/documents/000_471e60a1ddf59a91.txt").get_data(as_text=True)
    listed = re.findall(r'href="/decisions/([^"]+)"', re.search(r'<section class="citations">.*?</section>', page, re.S)[0])
    assert listed == list(dict.fromkeys(keys))
    assert "ngày 08/02/2023 của UBND tỉnh Bình Phước <span class=\"mentions\">(2 lần)</span>" in page


def test_citations_once_keeps_the_fullest_mention():
    from indexer.search.service import CitedDocument

    first = CitedDocument("k", "Quyết định", "QĐ", "1/QĐ", None, 2023, None, "…", 0, 5)
    later = CitedDocument("k", "Quyết định", "QĐ", "1/QĐ", "2023-01-02", 2023, "UBND A", "…", 9, 14)
    other = CitedDocument("m", "Kế hoạch", "KH", "2/KH", None, None, None, "…", 20, 25)
    entries = citations_once([first, other, later])
    assert [(e.citation.key, e.mentions, e.citation.date, e.citation.issuer) for e in entries] == [
        ("k", 2, "2023-01-02", "UBND A"), ("m", 1, None, None)]


def test_home_page_counts_and_browses(client):
    page = client.get("/").get_data(as_text=True)
    assert 'Kho có <strong class="documents">5</strong> văn bản' in page
    years = re.search(r'data-browse="year">(.*?)</section>', page, re.S).group(1)
    assert re.findall(r'<a href="([^"]*)"><span class="label">([^<]*)</span> <span class="count">(\d+)', years) == [
        ("/search?year=2023", "2023", "3"), ("/search?year=2022", "2022", "1"), ("/search?year=2021", "2021", "1")]
