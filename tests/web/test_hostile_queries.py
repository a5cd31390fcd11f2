"""Hostile queries: each gets a 200 with a sensible reading or a 400 that says why.

The work a query may cause is bounded by what the parser keeps (1,000
characters, 32 words: the readings below show it) and by the parameters'
ranges (a 400 that names them).  How fast such requests are answered is
measured, not asserted: bench/trust.py ("hostile") and bench/query_speed.py
print their latency against 10k+ documents.
"""

from __future__ import annotations

import socket
from urllib.parse import quote, urlsplit

import pytest

LONG_WORDS = " ".join(f"t{i}" for i in range(3000))
TRUNCATED = "; ".join(f"t{i}" for i in range(32))


# (query, read_as, notes): how the parser read it, as the page shows it.
READINGS = [
    ("a" * 10000, "a" * 1000, []),
    ("\x00\x01\x1f\x7f", "", []),
    ("kết luận\x00của", "kết; luận; của", []),
    ("\u200b\ufeff", "", []),
    ("\"'<>&+-|!(){}[]^~*?:\\/", "", ["Dấu ngoặc kép không đóng: đã đọc như từ thường."]),
    ("*", "", []),
    ("?", "", []),
    ("k*t", '"k t"', []),
    ("kết*", "kết", []),
    ("qu?n", '"qu n"', []),
    (LONG_WORDS, TRUNCATED, ["Truy vấn quá dài: chỉ dùng 32 từ đầu tiên."]),
    ("so:", "so", ['so: không có giá trị (ví dụ so:173/QĐ-UBND) — đã tìm từ "so".']),
    ("OR", "", []),
    ("a OR OR OR b", "a HOẶC b", []),
    ("-", "", ["Dấu trừ đứng một mình: đã bỏ qua."]),
    ('"', "", ["Dấu ngoặc kép không đóng: đã đọc như từ thường."]),
    ("nam:99999", '"nam 99999"', ['Không hiểu nam:99999 (năm có bốn chữ số, ví dụ nam:2023) — đã tìm cụm từ "nam 99999".']),
    ("ngay:2023-13-45..x", '"ngay 2023 13 45 x"', ["Không hiểu ngay:2023-13-45..x (ngày dạng ngay:08/02/2023 hoặc khoảng "
                                                   'ngay:01/01/2023..30/06/2023) — đã tìm cụm từ "ngay 2023 13 45 x".']),
    ("-a -b", "không có a; không có b", []),
    ("<script>alert(1)</script>", '"script alert 1 script"', []),
]


@pytest.mark.parametrize("q, read_as, notes", READINGS, ids=lambda v: repr(v)[:30] if isinstance(v, str) else None)
def test_hostile_query_is_read_sensibly(client, q, read_as, notes):
    resp = client.get("/api/search", query_string={"q": q})
    body = resp.get_json()
    assert (resp.status_code, body["read_as"], body["notes"]) == (200, read_as, notes)


# (query string, status, message or None): parameters out of range get a 400 that names them.
PARAMS = [
    ("q=x&page=1000000000", 400, "Tham số page (trang) phải nằm trong khoảng 1–10000, ví dụ page=2 (nhận được '1000000000')."),
    ("q=x&per_page=1000000", 400, "Tham số per_page (số văn bản mỗi trang) phải nằm trong khoảng 1–100, ví dụ per_page=2 "
                                  "(nhận được '1000000')."),
    ("q=x&page=-1", 400, "Tham số page (trang) phải là số nguyên từ 1 đến 10000, ví dụ page=2 (nhận được '-1')."),
    ("q=x&per_page=0", 400, "Tham số per_page (số văn bản mỗi trang) phải nằm trong khoảng 1–100, ví dụ per_page=2 "
                            "(nhận được '0')."),
    ("q=x&page=1e3", 400, "Tham số page (trang) phải là số nguyên từ 1 đến 10000, ví dụ page=2 (nhận được '1e3')."),
    ("q=x&page=" + "9" * 100, 400, "Tham số page (trang) phải là số nguyên từ 1 đến 10000, ví dụ page=2 "
                                   "(nhận được '99999999999999999999')."),
    ("year=abc", 400, "Tham số year (năm) phải là năm có bốn chữ số, ví dụ year=2023, hoặc year=none cho văn bản "
                      "không rõ năm (nhận được 'abc')."),
    ("sort=zzz", 400, "Tham số sort (sắp xếp) phải là một trong sort=relevance (liên quan nhất), sort=newest (mới nhất), "
                      "sort=oldest (cũ nhất) (nhận được 'zzz')."),
    ("date_from=2023-02-30", 400, "Tham số date_from (từ ngày) không phải là một ngày có thật (nhận được '2023-02-30')."),
    ("date_to=tomorrow", 400, "Tham số date_to (đến ngày) phải là ngày dạng ngày/tháng/năm, ví dụ date_to=08/02/2023 "
                              "(nhận được 'tomorrow')."),
    ("q=x&foo=bar&__proto__=1", 200, None),
    ("q=a&q=b&page=1&page=2", 200, None),
    ("q=%ED%A0%80", 200, None),  # a lone surrogate, UTF-8 encoded: not valid UTF-8
    ("q=%FF%FE%00", 200, None),
    ("unit=%00&type=%ED%A0%80&cites=%0A", 200, None),
    ("q=" + "-x+" * 400 + "k%E1%BA%BFt", 200, None),
]


@pytest.mark.parametrize("qs, status, message", PARAMS, ids=lambda v: v[:30] if isinstance(v, str) else None)
def test_hostile_parameters(client, qs, status, message):
    resp = client.get("/api/search?" + qs)
    body = resp.get_json()
    assert (resp.status_code, body.get("message")) == (status, message)
    if status == 400:  # a stable code and the parameter beside the sentence, for programs
        assert (body["code"], body["param"], body["status"]) == ("invalid_parameter", qs.split("&")[-1].split("=")[0], 400)


def test_repeated_parameters_take_the_first(client):
    body = client.get("/api/search?q=a&q=b&page=1&page=2&per_page=5&per_page=50").get_json()
    assert (body["query"], body["page"], body["per_page"]) == ("a", 1, 5)


# (request target as raw bytes, status): what no browser would send, straight to gunicorn.
RAW_TARGETS = [
    (b"/search?q=\xff\xfe", 400),  # gunicorn refuses non-ASCII bytes in the request line
    (b"/search?q=%ED%A0%80", 200),
    (b"/api/search?q=" + b"x" * 3000, 200),
    (b"/api/search?q=" + b"x" * 9000, 414),  # gunicorn's request-line limit answers first
    (b"/search?q=%3Cscript%3E&page=1000000000", 400),
    (b"/api/documents/%ED%A0%80", 404),
    (b"/documents/" + b"%2e%2e/" * 20 + b"etc/passwd", 404),
]


def raw_get(base: str, target: bytes) -> tuple[int, str]:
    host = urlsplit(base)
    with socket.create_connection((host.hostname, host.port), timeout=60) as sock:  # never wait forever
        sock.sendall(b"GET " + target + b" HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode("utf-8", "replace")


@pytest.mark.parametrize("target, status", RAW_TARGETS, ids=lambda t: repr(t[:30]) if isinstance(t, bytes) else None)
def test_raw_bytes_over_http(gunicorn_server, target, status):
    got, body = raw_get(gunicorn_server, target)
    assert got == status
    assert "Traceback" not in body and 'File "' not in body


def test_many_terms_in_the_html_page(client):
    resp = client.get("/search?q=" + quote(LONG_WORDS))
    assert resp.status_code == 200
    assert "Truy vấn quá dài: chỉ dùng 32 từ đầu tiên." in resp.get_data(as_text=True)
