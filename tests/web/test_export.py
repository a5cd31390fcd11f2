"""/export.csv and /export.json: every match's metadata, same arguments as /search."""

from __future__ import annotations

import csv
import io

import pytest

from indexer.search import EXPORT_FIELDS
from searchapp.export import HEADERS

ID = HEADERS.index("Mã")


def export_json(client, args: str) -> dict:
    resp = client.get("/export.json?" + args)
    assert resp.status_code == 200
    assert resp.headers["Content-Disposition"] == 'attachment; filename="ket-qua.json"'
    return resp.get_json()


def export_csv(client, args: str) -> list[list[str]]:
    resp = client.get("/export.csv?" + args)
    assert (resp.status_code, resp.mimetype) == (200, "text/csv")
    text = resp.get_data(as_text=True)
    assert text.startswith("\ufeff")  # Excel reads UTF-8 only with a BOM
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.parametrize("args, ids", [
    ("q=&sort=oldest", ["003_dd81b986f09b15f6.txt", "001_f88072d734faeb23.txt", "000_471e60a1ddf59a91.txt",
                        "004_07f2e8074de5ea75.txt", "002_ca5aed03fb798fa3.txt"]),
    ("q=&sort=newest&year=2023", ["002_ca5aed03fb798fa3.txt", "004_07f2e8074de5ea75.txt", "000_471e60a1ddf59a91.txt"]),
    ("q=cai&type=KH&page=3&per_page=1", ["003_dd81b986f09b15f6.txt"]),     # page/per_page ignored
    ("date_to=2022-12-31&sort=oldest", ["003_dd81b986f09b15f6.txt", "001_f88072d734faeb23.txt"]),
    ("q=xyzzyq", []),
])
def test_export_all_matches(client, args, ids):
    data = export_json(client, args)
    assert [d["id"] for d in data["documents"]] == ids
    assert data["total"] == len(ids)
    rows = export_csv(client, args)
    assert rows[0] == HEADERS
    assert [r[ID] for r in rows[1:]] == ids


def test_export_matches_the_search_and_its_order(client):
    """More than one page of hits: the export has them all, in relevance order."""
    search = client.get("/api/search?q=cai+cach&per_page=100").get_json()
    data = export_json(client, "q=cai+cach&per_page=2")
    assert [d["id"] for d in data["documents"]] == [h["id"] for h in search["hits"]]
    shared = [f for f in EXPORT_FIELDS if f in search["hits"][0]]
    assert [{f: d[f] for f in shared} for d in data["documents"]] == [{f: h[f] for f in shared} for h in search["hits"]]


def test_csv_rows_say_what_the_json_rows_say(client):
    """The CSV is for people (the restored trích yếu first, its OCR form beside it, a link,
    dates as dd/mm/yyyy); the JSON for programs (every field as the API has it, ISO dates)."""
    rows = [dict(zip(HEADERS, r)) for r in export_csv(client, "q=&sort=oldest")[1:]]
    docs = export_json(client, "q=&sort=oldest")["documents"]
    assert [r["Mã"] for r in rows] == [d["id"] for d in docs]
    for row, doc in zip(rows, docs):
        year, month, day = doc["date"].split("-")
        assert row["Ngày ban hành"] == f"{day}/{month}/{year}"
        assert row["Trích yếu"] == doc["restored_title"]
        assert row["Trích yếu như OCR đọc (nếu khác)"] == (doc["title"] if doc["title"] != doc["restored_title"] else "")
        assert row["Liên kết"] == doc["url"] == f"http://localhost/documents/{doc['id']}"
    assert set(EXPORT_FIELDS) < set(docs[0])


def test_csv_starts_with_the_restored_title_and_links_the_document(client):
    rows = export_csv(client, "q=ket+luan+cua+chu+tich")
    assert rows[0][:3] == ["Trích yếu", "Trích yếu như OCR đọc (nếu khác)", "Liên kết"]
    first = rows[1]
    assert first[0].startswith("Kết luận của Chủ tịch") and first[1].startswith("Két luan ciia Cha tich")
    assert first[2] == "http://localhost/documents/001_f88072d734faeb23.txt"
    assert client.get(first[2].removeprefix("http://localhost")).status_code == 200
