"""Validity where staff see it (issue 21), through the real app on both engines: the
relation chain (tests/data/relations/chain) judged on 2026-02-01, d3 added to each
index by an incremental build after the others."""

from __future__ import annotations

import time

import pytest

D1, D3, D5, D6 = "d1_qd_12_2020.txt", "d3_qd_45_2023.txt", "d5_kh_27_2024.txt", "d6_qd_60_2025.ocr.txt"
KEY1 = "qd-12-ubnd-2020-tinh-binh-phuoc"
KEY3 = "qd-45-ubnd-2023-tinh-binh-phuoc"
ENGINES = ("whoosh", "opensearch")


def _settled(client, url: str, ok, timeout: float = 60.0) -> dict:
    """The JSON at ``url`` once ``ok`` holds of it (an index just written is read a moment
    later by a long-lived handle), polled up to a deadline."""
    deadline = time.monotonic() + timeout
    while True:
        got = client.get(url).get_json()
        if ok(got) or time.monotonic() > deadline:
            return got
        time.sleep(0.2)


@pytest.fixture(scope="module")
def answers(chain):
    clients, before = chain.clients, chain.before
    # Settled: d3 listed and its act read.  An OpenSearch node reads the build's id (and so
    # drops the previous build's cached acts) once it has applied the cluster state the
    # build wrote, which a busy node does a moment after the documents are searchable.
    settled = lambda j: j["total"] == 6 and "bi_thay_the" in {c["value"] for c in j["facets"]["validity"]}  # noqa: E731
    search = {e: _settled(c, "/api/search?q=&sort=oldest&per_page=50", settled) for e, c in clients.items()}
    return clients, before, search


def test_incremental_build_of_the_replacing_document_changes_the_older_ones_validity(answers):
    clients, before, _ = answers
    for engine in ENGINES:
        # Before d3: amended (d2 amends Article 3), in force.
        assert (before[engine]["validity"], before[engine]["validity_by"]) == ("bi_sua_doi", "qd-30-ubnd-2022-tinh-binh-phuoc")
        after = _settled(clients[engine], f"/api/documents/{D1}", lambda j: j["validity"] == "bi_thay_the")
        assert (after["validity"], after["validity_by"], after["validity_by_id"], after["validity_date"]) == \
            ("bi_thay_the", KEY3, D3, "2024-01-01"), engine
        assert after["effective_date"] == "2020-03-16"


def test_facet_counts_and_hit_marks_are_the_same_on_both_engines(answers):
    _, _, search = answers
    facets = {e: {c["value"]: c["count"] for c in s["facets"]["validity"]} for e, s in search.items()}
    # d1 replaced by d3; d3 amended by the OCR'd d6 (in force since 2026-01-01); d5 a plan that ended.
    assert facets["whoosh"] == facets["opensearch"] == {"bi_thay_the": 1, "bi_sua_doi": 1, "het_hieu_luc": 1,
                                                         "con_hieu_luc": 3}
    marks = {e: {h["id"]: (h["validity"], h["in_force"]) for h in s["hits"]} for e, s in search.items()}
    assert marks["whoosh"] == marks["opensearch"]
    assert marks["whoosh"][D1] == ("bi_thay_the", False)
    assert marks["whoosh"][D3] == ("bi_sua_doi", True)
    assert marks["whoosh"][D5] == ("het_hieu_luc", False)
    assert marks["whoosh"][D6] == ("con_hieu_luc", True)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_filters_hide_and_select(answers, engine):
    clients, _, _ = answers
    c = clients[engine]
    shown = {h["id"] for h in c.get("/api/search?q=&in_force=1&per_page=50").get_json()["hits"]}
    assert D1 not in shown and D5 not in shown and {D3, D6} <= shown
    got = c.get("/api/search?q=&validity=bi_thay_the&per_page=50").get_json()
    assert [h["id"] for h in got["hits"]] == [D1]
    # Disjunctive: the facet still counts the other values under its own choice.
    assert {v["value"]: (v["count"], v["selected"]) for v in got["facets"]["validity"]}["con_hieu_luc"] == (3, False)
    assert c.get("/api/search?q=&validity=nonsense").get_json()["code"] == "invalid_parameter"
    # The page: d1 marked, and gone with the switch on.
    page = c.get("/search?q=quy+chế+lưu+trữ").get_data(as_text=True)
    assert 'data-validity="bi_thay_the">Bị thay thế' in page
    assert D1 not in c.get("/search?q=quy+chế+lưu+trữ&in_force=1").get_data(as_text=True)


@pytest.mark.parametrize("engine", ENGINES)
def test_banner_and_relations_of_the_replaced_document(answers, engine):
    clients, _, _ = answers
    c = clients[engine]
    page = c.get(f"/documents/{D1}").get_data(as_text=True)
    assert "Đã bị thay thế bởi" in page
    assert f'<a href="/documents/{D3}">Quyết định 45/2023/QĐ-UBND</a> ngày 20/12/2023' in page
    doc = c.get(f"/api/documents/{D1}").get_json()
    groups = {(g["direction"], g["kind"]): [d["document_id"] or d["key"] for d in g["documents"]] for g in doc["relations"]}
    assert groups[("in", "thay_the")] == [D3]
    assert groups[("in", "sua_doi")] == ["d2_qd_30_2022.txt"]
    assert groups[("out", "can_cu")] == ["l-01-qh13-2011", "nd-30-cp-2020"]
    # d3's citations carry their kinds; d3 is amended by the OCR'd d6 (its article named).
    d3 = c.get(f"/api/documents/{D3}").get_json()
    assert [(x["number"], x["relation"]) for x in d3["citations"]][-1] == ("12/2020/QĐ-UBND", "thay_the")
    amended = {(g["direction"], g["kind"]): g["documents"] for g in d3["relations"]}[("in", "sua_doi")]
    assert [(d["document_id"], d["articles"]) for d in amended] == [(D6, ["khoản 2 Điều 4"])]
    assert (d3["validity"], d3["validity_by_id"]) == ("bi_sua_doi", D6)


@pytest.mark.parametrize("engine", ENGINES)
def test_decision_page(answers, engine):
    clients, _, _ = answers
    c = clients[engine]
    got = c.get(f"/api/decisions/{KEY1}").get_json()
    assert (got["validity"], got["validity_by"], got["document_id"]) == ("bi_thay_the", KEY3, D1)
    assert {x["id"]: x["relation"] for x in got["citing"]} == {D3: "thay_the", "d2_qd_30_2022.txt": "sua_doi"}
    # A key outside the archive, repealed by d4.
    outside = c.get("/api/decisions/qd-07-ubnd-2019-tinh-binh-phuoc").get_json()
    assert (outside["validity"], outside["validity_by_id"]) == ("bi_bai_bo", "d4_qd_05_2024.txt")
    assert "Đã bị bãi bỏ bởi" in c.get("/decisions/qd-07-ubnd-2019-tinh-binh-phuoc").get_data(as_text=True)


def test_a_validity_value_of_thousands_of_documents_is_one_query(chain):
    """The documents of a value are an OR of their ids: past Lucene's 1,024 clauses it
    still runs on OpenSearch (one terms query), and counts the same on Whoosh."""
    from indexer.search import open_service
    from indexer.search import query

    services = {"whoosh": open_service("whoosh", index_dir=chain.index_dir),
                "opensearch": open_service("opensearch", url=chain.url, index=chain.alias)}
    many = query.any_of([query.Keyword("id", f"absent-{i}.txt") for i in range(3000)] + [query.Keyword("id", D1)])
    for service in services.values():
        assert service.engine.count(many) == 1
        assert service.engine.counts([many, query.Not(query.EVERYTHING, many)], 100) == [1, 5]
        service.close()


def test_validity_is_judged_once_per_build_and_reader(chain, monkeypatch):
    """Which documents stand is made from the whole archive's acts: once per build, day and
    reader's filter, not on every page (a new build makes it again:
    test_incremental_build_of_the_replacing_document_changes_the_older_ones_validity)."""
    from indexer.search import open_service, standing
    from indexer.search.access import ANONYMOUS, Reader
    from indexer.search.settings import SearchSettings

    made = []
    real = standing.Standing.__init__
    monkeypatch.setattr(standing.Standing, "__init__", lambda self, *a: made.append(1) or real(self, *a))
    settings = SearchSettings(today="2026-02-01")
    admin = Reader("quantri", "admin")
    for service in (open_service("whoosh", index_dir=chain.index_dir, settings=settings),
                    open_service("opensearch", url=chain.url, index=chain.alias, settings=settings)):
        made.clear()
        first = service.standing(admin)
        assert service.standing(admin) is first and len(made) == 1
        assert service.standing(ANONYMOUS) is not first and len(made) == 2  # another filter: its own
        assert service.standing(ANONYMOUS) is service.standing(ANONYMOUS) and len(made) == 2
        assert first.of({"id": D1}).value == "bi_thay_the"
        service.close()


def test_the_banner_in_chromium(chain_server, page):
    """The reader's path: a replaced decision's page names its successor; the link leads
    there; the search page hides it with the switch."""
    page.goto(f"{chain_server}/documents/{D1}")
    banner = page.locator(".validity-banner")
    assert " ".join(banner.inner_text().split()) == \
        "Đã bị thay thế bởi Quyết định 45/2023/QĐ-UBND ngày 20/12/2023 (có hiệu lực từ ngày 01/01/2024)."
    assert banner.get_attribute("role") == "status"
    with page.expect_navigation():
        banner.get_by_role("link").click()
    assert page.url.endswith(f"/documents/{D3}")
    assert "Đã được sửa đổi, bổ sung bởi Quyết định 60/2025/QĐ-UBND" in page.locator(".validity-banner").inner_text()
    page.goto(f"{chain_server}/search?q=quy+chế+lưu+trữ")
    assert page.locator('.hit .validity[data-validity="bi_thay_the"]').count() == 1
    with page.expect_navigation():
        page.locator("[data-in-force]").click()
    assert page.locator('.hit .validity[data-validity="bi_thay_the"]').count() == 0
    assert "in_force=1" in page.url
