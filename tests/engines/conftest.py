"""Both engines over the same archive: a real Whoosh folder and a real OpenSearch cluster.

The cluster is the one ``make test`` started (VDOC_TEST_OPENSEARCH_PORT); run
alone, pytest starts its own two nodes (scripts/opensearch/cluster.py) and
stops them at the end.  The archive is the five seeds plus a few hundred
documents from ../shared/data (OCR'd scans of the OCR pairs and clean texts),
written as files and indexed by each engine's real builder.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("VDOC_SHARED", ROOT.parent / "shared"))
if not SHARED.exists():
    SHARED = Path("/work/shared")
OWN_PORT = 9260


def _budget():
    from indexer.index.pipeline import PrepareOptions

    # These tests kill nodes, not slow files: a loaded shared machine took more
    # than the default 60 s for one clean text, and the build skipped it.
    return PrepareOptions(file_seconds=600)
OCR_DOCS, CLEAN_DOCS = 150, 150


def _cluster_module():
    spec = importlib.util.spec_from_file_location("vdoc_cluster", ROOT / "scripts" / "opensearch" / "cluster.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Cluster:
    """A running local cluster: its URL (the data nodes), its layout (each node's
    roles) and the handles to stop and start node i."""

    def __init__(self, module, port: int):
        self.module, self.port = module, port
        self.root = module.run_dir(port)
        self.roles = module.layout(port)
        self.nodes = len(self.roles)
        self.data_nodes = [i for i, r in enumerate(self.roles) if "data" in r]
        self.url = ",".join(module.data_urls(port))

    def stop_node(self, i: int, kill: bool = False) -> None:
        import signal

        self.module.stop_node(self.root, i, signal.SIGKILL if kill else signal.SIGTERM)

    def start_node(self, i: int) -> None:
        self.module.start_node(self.root, i)

    def health(self) -> dict:
        return self.module.health(self.port)

    def wait(self, status: str = "green", timeout: float = 240) -> dict:
        return self.module.wait_for(self.port, status, self.nodes, timeout, self.root)


@pytest.fixture(scope="session")
def cluster():
    module = _cluster_module()
    given = os.environ.get("VDOC_TEST_OPENSEARCH_PORT")
    if given:
        port = int(given)
        assert module.health(port), f"no OpenSearch on 127.0.0.1:{port} (make test starts it)"
        assert module.layout(port), f"the cluster on {port} was not started by scripts/opensearch/cluster.py up"
        yield Cluster(module, port)
        return
    os.environ.setdefault("OPENSEARCH_RUN_DIR", f"/var/tmp/vdoc-opensearch-pytest-{os.getpid()}")
    module.up(2, OWN_PORT, "512m")
    try:
        c = Cluster(module, OWN_PORT)
        c.wait()
        yield c
    finally:
        module.down(OWN_PORT)


def _write_archive(folder: Path) -> None:
    for f in (ROOT / "corpus").iterdir():
        if f.is_file():
            (folder / f.name).write_bytes(f.read_bytes())
    rng = random.Random(12)
    pairs = [json.loads(line) for line in (SHARED / "data" / "ocr-sim" / "pairs.jsonl").open(encoding="utf-8")]
    for pair in rng.sample(pairs, min(OCR_DOCS, len(pairs))):
        (folder / "ocr").mkdir(exist_ok=True)
        (folder / "ocr" / f"{pair['id']}.txt").write_text(pair["ocr"], encoding="utf-8")
    clean = [json.loads(line) for line in (SHARED / "data" / "legal-clean-dev.jsonl").open(encoding="utf-8")]
    for doc in rng.sample(clean, min(CLEAN_DOCS, len(clean))):
        (folder / "clean").mkdir(exist_ok=True)
        (folder / "clean" / f"{doc['id']}.txt").write_text(doc["text"], encoding="utf-8")
    # A text of three pages (form feeds, as a PDF's text layer reads): hits say "trang N".
    (folder / "paged").mkdir(exist_ok=True)
    pages = [d["text"] for d in clean[-3:]]
    (folder / "paged" / "three-pages.txt").write_text("\f".join(pages), encoding="utf-8")


@pytest.fixture(scope="session")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    _write_archive(folder)
    return folder


@pytest.fixture(scope="session")
def whoosh_index(archive, tmp_path_factory) -> Path:
    from indexer.index.build import build

    index_dir = tmp_path_factory.mktemp("whoosh")
    report = build(archive, index_dir)
    assert not report.skipped, report.summary()
    return index_dir


@pytest.fixture(scope="session")
def os_index(archive, cluster) -> str:
    """The archive in OpenSearch, under an alias of its own (removed at the end)."""
    from indexer.index.opensearch_build import build
    from indexer.index.opensearch_client import connect

    alias = f"contract-{uuid.uuid4().hex[:8]}"
    report = build(archive, cluster.url, alias)
    assert not report.skipped, report.summary()
    yield alias
    connect(cluster.url).indices.delete(index=f"{alias}*")


def engine_config(engine: str, whoosh_index: Path, cluster, alias: str) -> dict:
    if engine == "whoosh":
        return {"INDEX_DIR": str(whoosh_index)}
    return {"SEARCH_BACKEND": "opensearch", "OPENSEARCH_URL": cluster.url, "OPENSEARCH_INDEX": alias}


@pytest.fixture(scope="session")
def engine_apps(whoosh_index, os_index, cluster, archive):
    from searchapp import create_app

    return {engine: create_app({**engine_config(engine, whoosh_index, cluster, os_index), "TESTING": True,
                                "SOURCE_DIR": str(archive)})
            for engine in ("whoosh", "opensearch")}


@pytest.fixture(params=["whoosh", "opensearch"])
def engine_client(request, engine_apps):
    """The real Flask app over one engine (the test runs once per engine)."""
    return engine_apps[request.param].test_client()


@pytest.fixture(scope="session")
def both(engine_apps):
    """Test clients of the two apps, to compare their answers."""
    return {engine: app.test_client() for engine, app in engine_apps.items()}


@pytest.fixture()
def alias(cluster):
    """A fresh alias name for a fault test; its indexes are removed after it."""
    from indexer.index.opensearch_client import connect

    name = f"faults-{uuid.uuid4().hex[:8]}"
    yield name
    connect(cluster.url).indices.delete(index=f"{name}*")


@pytest.fixture(scope="module")
def node_loss_alias(cluster, archive, tmp_path_factory):
    """A folder (part of the archive) and its alias, for the node-loss tests to change and kill nodes under."""
    import shutil

    from indexer.index.opensearch_build import build
    from indexer.index.opensearch_client import connect

    assert len(cluster.data_nodes) == 2 and cluster.nodes == 3, cluster.roles
    src = tmp_path_factory.mktemp("node-loss") / "src"
    for part, n in (("ocr", 60), ("clean", 20)):
        (src / part).mkdir(parents=True)
        for f in sorted((archive / part).iterdir())[:n]:
            shutil.copy(f, src / part / f.name)
    alias = f"nodeloss-{uuid.uuid4().hex[:8]}"
    report = build(src, cluster.url, alias, options=_budget())
    assert not report.skipped, report.summary()
    yield src, alias
    connect(cluster.url).indices.delete(index=f"{alias}*")


@pytest.fixture()
def new_alias(cluster):
    """An alias never built yet (a first build's), removed after the test."""
    from indexer.index.opensearch_client import connect

    name = f"new-{uuid.uuid4().hex[:8]}"
    yield name
    connect(cluster.url).indices.delete(index=f"{name}*")
