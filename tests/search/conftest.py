"""Fixtures of the search tests."""

from __future__ import annotations

import pytest

from support import CORPUS, gunicorn


@pytest.fixture(scope="module")
def module_handle(module_archive):
    """The search side's handle (IndexHandle) on the test module's archive."""
    from indexer.search.whoosh.handle import IndexHandle

    handle = IndexHandle(module_archive[1])
    yield handle
    handle.close()


@pytest.fixture(scope="module")
def module_engine(module_archive):
    """The Whoosh engine adapter over the test module's archive (what the neutral pipeline asks)."""
    from indexer.search.whoosh.engine import WhooshEngine

    engine = WhooshEngine(module_archive[1])
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def module_service(module_archive):
    """The search service (the neutral pipeline over Whoosh) on the test module's archive."""
    from indexer.search import open_service

    service = open_service("whoosh", index_dir=module_archive[1])
    yield service
    service.close()


@pytest.fixture(scope="module")
def module_server(module_archive):
    """gunicorn (one worker, without the product's conf) serving the test module's archive."""
    src, index_dir = module_archive
    with gunicorn({"INDEX_DIR": str(index_dir), "SOURCE_DIR": str(src)}, workers=1, conf=False) as base:
        yield base


@pytest.fixture(scope="module")
def unrepaired(tmp_path_factory):
    """The seeds indexed without OCR repair: what accent folding alone finds."""
    from indexer.index.whoosh.writer import build
    from indexer.search import open_service

    index_dir = tmp_path_factory.mktemp("norepair")
    build(CORPUS, index_dir, repair=False)
    return open_service("whoosh", index_dir=index_dir)


@pytest.fixture()
def churned_index(make_corpus, tmp_path):
    """A searcher on an index of several segments and deleted documents: built, then updated twice."""
    from indexer.index.whoosh.writer import build
    from indexer.index.whoosh.store import open_index

    files = {f"d{i:03}.txt": f"Kế hoạch số {i} về cải cách hành chính ciia xã. " * (1 + i % 7) for i in range(300)}
    src = make_corpus(files)
    index_dir = tmp_path / "ix"
    build(src, index_dir, workers=1)
    for round_ in range(2):
        for i in range(0, 300, 7 + round_):
            (src / f"d{i:03}.txt").write_text(f"Báo cáo {round_} cải cách thủ tục hành chính {i}.", encoding="utf-8")
        build(src, index_dir, workers=1)
    searcher = open_index(index_dir).searcher()
    yield searcher
    searcher.close()
