"""The JSON API: autocomplete and the search arguments the form adds."""

from __future__ import annotations

from urllib.parse import quote

import pytest


@pytest.mark.parametrize("q, expected", [
    ("17", [{"kind": "number", "value": "173/QĐ-UBND"}, {"kind": "number", "value": "176/TB-UBND"}]),
    ("64/b", [{"kind": "number", "value": "64/BC-UBND"}]),
    ("cai 64/bc", [{"kind": "number", "value": "cai 64/BC-UBND"}]),
    ("", []),
    ("x", []),
    ("so:", []),
])
def test_suggest(client, q, expected):
    resp = client.get("/api/suggest?q=" + quote(q))
    assert (resp.status_code, resp.get_json()) == (200, {"query": q, "suggestions": expected})


def test_suggest_words_complete_the_last_word(client):
    got = client.get("/api/suggest?q=" + quote("cai cac")).get_json()["suggestions"]
    # The whole query, written as the archive (its restored readings) writes it:
    # "cải cách" stands together far more often than "cải các".
    assert got == [{"kind": "term", "value": "cải cách"}, {"kind": "term", "value": "cải các"}]


@pytest.mark.parametrize("args, numbers", [
    ("date_from=2023-01-01&date_to=2023-06-30", ["64/BC-UBND"]),
    ("date_from=2022-01-01&sort=oldest", ["176/TB-UBND", "64/BC-UBND", "166/BC-VPUBND", "133/BC-UBND"]),
    ("year=2023&year=2021&sort=newest", ["133/BC-UBND", "166/BC-VPUBND", "64/BC-UBND", "122/KH-UBND"]),
    # As Vietnamese write dates (the page's form sends them so), the same as ISO.
    ("date_from=1/1/2023&date_to=30/06/2023", ["64/BC-UBND"]),
])
def test_search_dates_and_sort(client, args, numbers):
    data = client.get("/api/search?" + args).get_json()
    assert [h["number"] for h in data["hits"]] == numbers


def test_bad_date_is_a_json_400(client):
    resp = client.get("/api/search?date_to=31/13/2023")
    assert resp.get_json() == {
        "error": "Yêu cầu không hợp lệ", "status": 400, "code": "invalid_parameter", "param": "date_to",
        "message": "Tham số date_to (đến ngày) không phải là một ngày có thật (nhận được '31/13/2023').",
    }
    assert resp.status_code == 400


@pytest.mark.parametrize("path, code, message", [
    ("/api/documents/nope.txt", "document_not_found", "Không có văn bản với mã 'nope.txt' trong kho."),
    ("/api/decisions/qd-1-xx-1900", "decision_not_found",
     "Không có văn bản nào trong kho trích dẫn hay mang số 'qd-1-xx-1900'."),
    ("/api/nothing-here", "not_found",
     "Không có trang nào ở địa chỉ này. Hãy kiểm tra lại địa chỉ, hoặc tìm văn bản từ ô tìm kiếm."),
])
def test_api_errors_have_a_stable_code_and_a_vietnamese_message(client, path, code, message):
    resp = client.get(path)
    assert (resp.status_code, resp.get_json()) == (404, {"error": "Không tìm thấy", "message": message,
                                                         "status": 404, "code": code})
