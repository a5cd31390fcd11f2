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
])
def test_search_dates_and_sort(client, args, numbers):
    data = client.get("/api/search?" + args).get_json()
    assert [h["number"] for h in data["hits"]] == numbers


def test_bad_date_is_a_json_400(client):
    resp = client.get("/api/search?date_to=31/12/2023")
    assert (resp.status_code, resp.get_json()["status"]) == (400, 400)
