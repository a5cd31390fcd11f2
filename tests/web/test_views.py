"""The HTML pages through the Flask test client, on the real corpus index."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from searchapp import create_app

from support import CORPUS

DOC64 = "000_471e60a1ddf59a91.txt"  # 64/BC-UBND, 2023-03-21, cites 173/QĐ-UBND


def html(client, url, status=200) -> str:
    resp = client.get(url)
    assert resp.status_code == status, resp.get_data(as_text=True)[:500]
    return resp.get_data(as_text=True)


def numbers(page: str) -> list[str]:
    return re.findall(r'<span class="num">([^<]*)</span>', page)


@pytest.mark.parametrize("url, location", [
    # The page it goes to is told so (via=number) and keeps the query.
    ("/search?q=64/BC-UBND", f"/documents/{DOC64}?q=64/BC-UBND&via=number"),      # the document itself
    ("/search?q=" + quote("468/QĐ-TTg"), "/decisions/qd-468-ttg-2021?q=468/Q%C4%90-TTg&via=number"),  # only cited
    ("/search?q=" + quote("173/QĐ-UBND"), "/decisions/qd-173-ubnd-2023-tinh-binh-phuoc?q=173/Q%C4%90-UBND&via=number"),
    # A partial number goes where only one document or decision answers it (issue 22).
    ("/search?q=" + quote("qd 173"), "/decisions/qd-173-ubnd-2023-tinh-binh-phuoc?q=qd+173&via=number"),
    ("/search?q=" + quote("Quyết định số 173"),
     "/decisions/qd-173-ubnd-2023-tinh-binh-phuoc?q=Quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh+s%E1%BB%91+173&via=number"),
    ("/search?q=" + quote("tb 176"), "/documents/001_f88072d734faeb23.txt?q=tb+176&via=number"),
    ("/search?q=64/BC-UBND&go=0", None),                                         # asked not to jump
    ("/search?q=64/BC-UBND&year=2023", None),                                    # narrowed: the list
    ("/search?q=64/BC-UBND&page=2", None),
    ("/search?q=cai+cach", None),
])
def test_number_query_redirects(client, url, location):
    resp = client.get(url)
    if location is None:
        assert resp.status_code == 200
    else:
        assert (resp.status_code, resp.headers["Location"]) == (302, location)


@pytest.mark.parametrize("url, expected", [
    ("/search?date_from=2023-01-01&date_to=2023-06-30", ["64/BC-UBND"]),
    ("/search?q=" + quote("ngay:2023-01-01..2023-06-30"), ["64/BC-UBND"]),     # the form and ngay: agree
    ("/search?date_from=2023-01-01", ["133/BC-UBND", "166/BC-VPUBND", "64/BC-UBND"]),
    ("/search?date_to=2021-12-31", ["122/KH-UBND"]),
    ("/search?sort=newest", ["133/BC-UBND", "166/BC-VPUBND", "64/BC-UBND", "176/TB-UBND", "122/KH-UBND"]),
    ("/search?sort=oldest", ["122/KH-UBND", "176/TB-UBND", "64/BC-UBND", "166/BC-VPUBND", "133/BC-UBND"]),
    ("/search?sort=oldest&per_page=2&page=2", ["64/BC-UBND", "166/BC-VPUBND"]),
    ("/search?sort=oldest&type=KH&type=TB", ["122/KH-UBND", "176/TB-UBND"]),
])
def test_dates_sort_and_pages(client, url, expected):
    assert numbers(html(client, url)) == expected


@pytest.mark.parametrize("url", [
    "/search?date_from=2023-13",
    "/search?date_to=yesterday",
    "/search?sort=random",
    "/export.csv?date_from=x",
])
def test_bad_arguments_are_400(client, url):
    assert "Yêu cầu không hợp lệ" in html(client, url, 400)


def test_chips_remove_one_filter_each(client):
    page = html(client, "/search?q=cai&year=2023&date_from=2023-01-01")
    chips = re.findall(r'<a href="([^"]*)" class="chip" aria-label="Bỏ lọc ([^"]*)"', page)
    assert [(label, url.replace("&amp;", "&")) for url, label in chips] == [
        ("Năm: 2023", "/search?q=cai&date_from=2023-01-01"),
        ("Từ ngày: 01/01/2023", "/search?q=cai&year=2023"),
    ]


def test_unit_facet_grouped_by_province(client):
    page = html(client, "/search?q=")
    unit = re.search(r'data-facet="unit">(.*?)</section>', page, re.S).group(1)
    groups = re.findall(r"<h4>([^<]*)</h4>\s*<ul>(.*?)</ul>", unit, re.S)
    assert [(p, re.findall(r'class="label">([^<]*)', ul)) for p, ul in groups] == [
        ("Bình Phước", ["UBND thị xã Phước Long"]),
        ("Hà Tĩnh", ["UBND xã Hương Long"]),
        ("Lai Châu", ["UBND huyện Phong Thổ"]),
        ("Đồng Tháp", ["Văn phòng UBND tỉnh Đồng Tháp"]),
    ]


def test_sort_and_date_controls_are_labelled_and_keep_the_state(client):
    page = html(client, "/search?q=cai&year=2023&sort=oldest&date_to=2023-06-30")
    form = re.search(r'<form class="refine".*?</form>', page, re.S).group(0)
    assert re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form) == [("q", "cai"), ("year", "2023")]
    # Dates typed and shown as a Vietnamese reader writes them, whatever the browser's language.
    assert re.findall(r'<label for="(\w+)">([^<]*)</label><input type="text" name="\1" id="\1" value="([^"]*)"', form) == [
        ("date_from", "Từ ngày", ""), ("date_to", "Đến ngày", "30/06/2023"),
    ]
    assert re.findall(r'<option value="(\w+)" selected>', form) == ["oldest", "10"]


@pytest.mark.parametrize("url, parts", [
    # nothing found: what was searched, and ways out
    ("/search?q=xyzzyq&year=2023", ["Không tìm thấy văn bản nào", "Đã tìm: <strong>xyzzyq</strong> với 1 bộ lọc",
                                    'href="/search?q=xyzzyq">Bỏ mọi bộ lọc']),
    ("/search?q=" + quote('"cai cach" nam:20x3'), ['Không hiểu nam:20x3 (năm có bốn chữ số, ví dụ nam:2023) — '
                                                   "đã tìm cụm từ &#34;nam 20x3&#34;."]),
    # malformed syntax is read as words, and the page says so
    ("/search?q=" + quote('"cai cach'), ["Dấu ngoặc kép không đóng", "đã tìm: <span class=\"read-as\">cai; cach</span>"]),
    ("/search?q=so%3A", ["so: không có giá trị"]),
])
def test_page_says_what_happened(client, url, parts):
    page = html(client, url)
    for part in parts:
        assert part in page


def test_document_page_marks_links_back_and_offers_more(client):
    back = quote("q=cai cach&year=2023&evil=http://x")
    page = html(client, f"/documents/{DOC64}?q=cai+cach&back={back}")
    count = int(re.search(r'class="match-count">(\d+)<', page).group(1))
    assert re.findall(r'<mark id="hit-(\d+)"', page) == [str(i) for i in range(1, count + 1)]
    assert re.findall(r'href="([^"]*)" class="(prev|next)"', page) == [(f"#hit-{count}", "prev"), ("#hit-1", "next")]
    assert re.search(r'<a href="([^"]*)" id="back-link"', page).group(1) == "/search?q=cai+cach&amp;year=2023"
    similar = re.search(r'<section class="similar">(.*?)</section>', page, re.S).group(1)
    assert DOC64 not in similar and len(re.findall("<li>", similar)) == 4
    assert f'href="/documents/{DOC64}/original"' in page


def test_no_unaccented_offer_when_it_finds_nothing_either(client):
    """"tìm không dấu" is offered only when the query without accents finds something."""
    page = html(client, "/search?q=" + quote("kết xyzzyq"))
    assert "Không tìm thấy văn bản nào" in page and "tìm không dấu" not in page


def test_a_number_two_documents_share_lists_both_with_their_pages(client):
    """"kh 27": two plans numbered 27 (27/KH-UBND, 27/KH-UBNDHC) are cited: no jump, the
    list of both (the first's date and issuer read from its citing sentence), and each
    hit's matched number linked to the decision that hit cites."""
    page = html(client, "/search?q=" + quote("kh 27"))
    listed = re.findall(r'<li><a href="(/decisions/[^"?]*)\?[^"]*">([^<]*)</a> <span class="about">\(([^)]*)\)', page)
    assert listed == [("/decisions/kh-27-ubnd-x", "Kế hoạch 27/KH-UBND", "UBND thị xã Phước Long · 16/02/2023"),
                      ("/decisions/kh-27-ubndhc-2023", "Kế hoạch 27/KH-UBNDHC", "cơ quan ban hành không rõ · 31/01/2023")]
    matched = re.findall(r'<p class="matched">Khớp số ký hiệu: <a href="([^"]*)">([^<]*)</a>', page)
    assert sorted(matched) == [("/decisions/kh-27-ubnd-x", "27/KH-UBND"),
                               ("/decisions/kh-27-ubndhc-2023", "27/KH-UBNDHC")]


def test_hit_links_carry_the_search_state(client):
    page = html(client, "/search?q=cai&year=2023&sort=oldest")
    first = re.search(r'<h2><a href="([^"]*)"', page).group(1).replace("&amp;", "&")
    assert first == f"/documents/{DOC64}?q=cai&back=q%3Dcai%26year%3D2023%26sort%3Doldest"


def test_original_download_is_the_file(client):
    resp = client.get(f"/documents/{DOC64}/original")
    body = resp.data
    resp.close()  # send_file streams the open file
    assert (resp.status_code, body) == (200, (CORPUS / DOC64).read_bytes())
    assert resp.headers["Content-Disposition"] == f"attachment; filename={DOC64}"


@pytest.mark.parametrize("url", [
    "/documents/nope.txt/original",
    "/documents/..%2F..%2Fetc%2Fpasswd/original",
    "/documents/../../etc/passwd/original",
])
def test_original_download_404s(client, url):
    assert client.get(url).status_code == 404


def test_original_only_from_source_dir(corpus_index, tmp_path):
    other = create_app({"INDEX_DIR": str(corpus_index), "SOURCE_DIR": str(tmp_path), "TESTING": True}).test_client()
    assert other.get(f"/documents/{DOC64}/original").status_code == 404
    assert "Tải tệp gốc" not in other.get(f"/documents/{DOC64}").get_data(as_text=True)


@pytest.mark.parametrize("url", ["/", "/search?q=cai+cach&year=2023", f"/documents/{DOC64}?q=cai", "/decisions/qd-468-ttg-2021"])
def test_pages_have_no_inline_script_or_style(client, url):
    page = html(client, url)
    assert re.findall(r"<script(?![^>]*\bsrc=)|\sstyle=|<style|\son[a-z]+=", page) == []
    assert "http://" not in page and "https://" not in page  # no CDN


def test_search_page_offers_accents(corpus_index):
    """A query the archive finds nothing for is offered the archive's spelling,
    counted under the same filters (what the link will show)."""
    client = create_app({"INDEX_DIR": str(corpus_index), "TESTING": True}).test_client()
    page = html(client, "/search?q=cai+cachh&year=2023")
    assert re.search(r'<p class="did-you-mean">.*?</p>', page).group(0) == (
        '<p class="did-you-mean">Có phải bạn muốn tìm: '
        '<a href="/search?year=2023&amp;q=c%E1%BA%A3i+c%C3%A1ch">cải cách</a> (3 văn bản)?</p>'
    )
