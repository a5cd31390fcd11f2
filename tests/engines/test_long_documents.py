"""Long documents on both engines: the same bounded answers, no text in a hit.

A text of ~150,000 characters (73 chunks, 4 sections) with a word planted in
its third section, beside a few short documents: both engines must pick the
same chunk for the snippet, show the same section with the same matches per
section, record the same key terms for "similar", and OpenSearch must keep
the text out of its main index (chunk records only).  An update that
shortens the text must leave no chunk record of the longer version behind.
"""

from __future__ import annotations

import shutil
import uuid

import pytest

from indexer.index.chunks import CHUNK_CHARS, SECTION_CHUNKS
from indexer.index.opensearch.chunks import chunks_name
from indexer.search import SearchRequest, open_service

from .conftest import PLANTED

def test_no_text_in_the_main_index(services, cluster):
    from indexer.index.opensearch.client import connect

    _, alias = services
    client = connect(cluster.url)
    hit = client.search(index=alias, body={"query": {"term": {"id": "long.txt"}}})["hits"]["hits"][0]["_source"]
    assert "text" not in hit and "citations" not in hit
    assert hit["chunk_count"] == len(hit["chunks"]) > 3 * SECTION_CHUNKS
    records = client.count(index=chunks_name(alias), body={"query": {"term": {"doc": "long.txt"}}})["count"]
    assert records == hit["chunk_count"] + hit["detail_pages"]


def test_snippet_from_the_chunk_holding_the_words(services):
    found = {}
    for engine, svc in services[0].items():
        hits = svc.search(SearchRequest(q=PLANTED.lower())).hits
        found[engine] = [(h.id, h.passages) for h in hits]
    assert found["opensearch"] == found["whoosh"]
    doc_id, passages = found["opensearch"][0]
    assert doc_id == "long.txt"
    first = passages[0]
    assert [first.text[a:b] for a, b in first.marks] == ["Ngoạn Khoát"]  # the two words together: one match
    assert first.before and first.after  # the document goes on both sides


@pytest.mark.parametrize("q", ["ngoạn khoát", "quy định", ""])
@pytest.mark.parametrize("section", [1, 3, 99])
def test_the_same_section_on_both_engines(services, q, section):
    pages = {engine: svc.document("long.txt", q, section) for engine, svc in services[0].items()}
    w, o = pages["whoosh"], pages["opensearch"]
    assert (o.section, o.sections, o.section_start, o.match_count, o.section_matches) == \
           (w.section, w.sections, w.section_start, w.match_count, w.section_matches)
    assert (o.text, o.marks) == (w.text, w.marks)
    assert len(o.text) <= SECTION_CHUNKS * CHUNK_CHARS
    assert (o.citations_total, [c.key for c in o.citations]) == (w.citations_total, [c.key for c in w.citations])
    if q == "ngoạn khoát":
        assert [i for i, n in enumerate(o.section_matches, 1) if n] == [3]


def test_similar_from_the_same_key_terms(services):
    whoosh, opensearch = services[0]["whoosh"], services[0]["opensearch"]
    recorded = whoosh.engine.stored("long.txt")["key_terms"]
    assert [tuple(t) for t in opensearch.engine.stored("long.txt")["key_terms"]] == [tuple(t) for t in recorded]
    assert opensearch.similar("long.txt")


def test_a_shorter_version_leaves_no_chunk_behind(long_archive, cluster, tmp_path):
    from indexer.index.opensearch.writer import build
    from indexer.index.opensearch.client import connect

    folder = tmp_path / "src"
    shutil.copytree(long_archive, folder)
    alias = f"shrink-{uuid.uuid4().hex[:8]}"
    client = connect(cluster.url)
    try:
        build(folder, cluster.url, alias)
        text = (folder / "long.txt").read_text(encoding="utf-8")
        (folder / "long.txt").write_text(text[: 5 * CHUNK_CHARS], encoding="utf-8")
        next(f for f in sorted(folder.glob("*.txt")) if f.name != "long.txt").unlink()
        report = build(folder, cluster.url, alias)
        assert report.updated == ["long.txt"] and len(report.removed) == 1
        main = client.search(index=alias, body={"query": {"term": {"id": "long.txt"}}})["hits"]["hits"][0]["_source"]
        count = client.count(index=chunks_name(alias), body={"query": {"term": {"doc": "long.txt"}}})["count"]
        assert count == main["chunk_count"] + main["detail_pages"] <= 6 + main["detail_pages"]
        gone = client.count(index=chunks_name(alias), body={"query": {"term": {"doc": report.removed[0]}}})["count"]
        assert gone == 0
        page = open_service("opensearch", url=cluster.url, index=alias).document("long.txt", "", 1)
        assert page.sections == 1 and 4 * CHUNK_CHARS < len(page.text) <= 5 * CHUNK_CHARS
    finally:
        client.indices.delete(index=f"{alias}*")
