"""Both engines over the same archive: a real Whoosh folder and a real OpenSearch cluster.

The cluster is the one ``make test`` started (VDOC_TEST_OPENSEARCH_PORT); run
alone, pytest starts its own two nodes (scripts/opensearch/cluster.py) and
stops them at the end.  The archive is the five seeds plus a few hundred
documents from ../shared/data (OCR'd scans of the OCR pairs and clean texts),
written as files and indexed by each engine's real builder.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import uuid
from contextlib import ExitStack
from types import SimpleNamespace
from pathlib import Path

import pytest

from support import script

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("VDOC_SHARED", ROOT.parent / "shared"))
if not SHARED.exists():
    SHARED = Path("/work/shared")
OWN_PORT = 9260


def _budget():
    from indexer.index.pipeline import PrepareOptions

    # These tests compare engines and kill nodes, not time slow files: on a loaded
    # machine one clean text took more than the default budget and a build skipped it.
    return PrepareOptions(file_seconds=600)


OCR_DOCS, CLEAN_DOCS = 150, 150


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

    def wait(self, status: str = "green", timeout: float = 900) -> dict:
        # Generous: a node restarted on a busy 2-core machine took minutes to recover its
        # replicas; a node that dies ends the wait at once (cluster.wait_for).
        return self.module.wait_for(self.port, status, self.nodes, timeout, self.root)


@pytest.fixture(scope="session")
def cluster():
    module = script("scripts/opensearch/cluster.py", "vdoc_cluster")
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
    from indexer.index.whoosh.writer import build

    index_dir = tmp_path_factory.mktemp("whoosh")
    report = build(archive, index_dir, options=_budget())
    assert not report.skipped, report.summary()
    return index_dir


@pytest.fixture(scope="session")
def os_index(archive, cluster) -> str:
    """The archive in OpenSearch, under an alias of its own (removed at the end)."""
    from indexer.index.opensearch.writer import build
    from indexer.index.opensearch.client import connect

    alias = f"contract-{uuid.uuid4().hex[:8]}"
    report = build(archive, cluster.url, alias, options=_budget())
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
    """A fresh alias name; its indexes are deleted afterwards."""
    from indexer.index.opensearch.client import connect

    name = f"faults-{uuid.uuid4().hex[:8]}"
    yield name
    connect(cluster.url).indices.delete(index=f"{name}*")


PLANTED = "Ngoạn Khoát"  # words no other document of long_archive has


def long_text(size: int = 150_000) -> str:
    """~150,000 characters of clean documents (4 sections), PLANTED inside section 3."""
    from indexer.index.chunks import CHUNK_CHARS, SECTION_CHUNKS

    clean = [json.loads(line)["text"] for line in (SHARED / "data" / "legal-clean-dev.jsonl").open(encoding="utf-8")]
    parts, total = [], 0
    for text in clean:
        parts.append(text)
        total += len(text) + 2
        if total > size:
            break
    text = "\n\n".join(parts)[:size]
    third = 2 * SECTION_CHUNKS * CHUNK_CHARS + 5000  # inside section 3
    cut = text.index("\n", third)
    return text[:cut] + f"\nGiao ông {PLANTED} chủ trì thực hiện.\n" + text[cut:]


@pytest.fixture(scope="module")
def long_archive(tmp_path_factory):
    """A folder of long_text() and six short clean documents."""
    folder = tmp_path_factory.mktemp("long")
    (folder / "long.txt").write_text(long_text(), encoding="utf-8")
    clean = [json.loads(line) for line in (SHARED / "data" / "legal-clean-dev.jsonl").open(encoding="utf-8")][-6:]
    for doc in clean:
        (folder / f"{doc['id']}.txt").write_text(doc["text"], encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def services(long_archive, cluster, tmp_path_factory):
    """({engine: search service} over long_archive on both engines, the OpenSearch alias)."""
    from indexer.index.whoosh.writer import build as whoosh_build
    from indexer.index.opensearch.writer import build as os_build
    from indexer.index.opensearch.client import connect
    from indexer.search import open_service

    index_dir = tmp_path_factory.mktemp("long-whoosh")
    assert not whoosh_build(long_archive, index_dir).skipped
    alias = f"long-{uuid.uuid4().hex[:8]}"
    assert not os_build(long_archive, cluster.url, alias).skipped
    yield {"whoosh": open_service("whoosh", index_dir=index_dir),
           "opensearch": open_service("opensearch", url=cluster.url, index=alias)}, alias
    connect(cluster.url).indices.delete(index=f"{alias}*")


LEGACY = ("UBND HUYỆN BÙ ĐĂNG\nSố: 45/KH-UBND\nKẾ HOẠCH\nVề việc {}\n"
          "Ủy ban nhân dân huyện yêu cầu các xã nghiêm túc thực hiện kế hoạch này.\n")


def cli(*args: str) -> subprocess.CompletedProcess:
    """``python -m indexer ARGS`` from the checkout."""
    return subprocess.run([sys.executable, "-m", "indexer", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """A mixed folder: a scan read by real Tesseract, TCVN3 and VNI texts, an
    undecidable text and a broken PDF (test_build_parity)."""
    import samples
    from indexer.extract.loaders.charsets import charsets

    src = tmp_path_factory.mktemp("mixed")
    page = samples.page_image(["ỦY BAN NHÂN DÂN XÃ ĐỨC LIỄU", "KẾ HOẠCH", "Tập trung phòng chống dịch bệnh gia súc."])
    (src / "scan.pdf").write_bytes(samples.scanned_pdf([page]))
    (src / "tcvn3.txt").write_bytes(charsets()["tcvn3"].encode(LEGACY.format("giải phóng mặt bằng")))
    (src / "vni.txt").write_bytes(charsets()["vni"].encode(LEGACY.format("hỗ trợ hộ nghèo xây nhà")))
    (src / "undecidable.txt").write_bytes("Quy\xe9t \xf0\xfdnh v\xe8 vi\xeac".encode("latin-1"))
    (src / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    return src


@pytest.fixture(scope="module")
def built(mixed, cluster, tmp_path_factory):
    """(index arguments, build output) of each engine's CLI build of ``mixed``, each from an empty OCR cache."""
    from indexer.index.opensearch.client import connect

    work = tmp_path_factory.mktemp("parity")
    alias = f"parity-{uuid.uuid4().hex[:8]}"
    engines = {"whoosh": ["--index", str(work / "ix")],
               "opensearch": ["--backend", "opensearch", "--opensearch-url", cluster.url, "--index", alias]}
    out = {}
    for engine, args in engines.items():
        done = cli("build", str(mixed), *args, "--ocr-cache", str(work / f"ocr-{engine}"))
        assert done.returncode == 0, done.stderr[-2000:]
        out[engine] = (args, done.stdout)
    yield out
    connect(cluster.url).indices.delete(index=f"{alias}*")


@pytest.fixture(scope="session")
def _engine_servers():
    stack = ExitStack()
    with stack:
        yield stack, {}


@pytest.fixture(params=["whoosh", "opensearch"])
def engine_server(request, _engine_servers, whoosh_index, os_index, cluster, archive, tmp_path_factory):
    """gunicorn (the product's conf, one worker) serving the archive from one engine, started
    once per engine for the session: (engine, base URL).  The test runs once per engine."""
    from support import gunicorn

    stack, started = _engine_servers
    engine = request.param
    if engine not in started:
        env = {**engine_config(engine, whoosh_index, cluster, os_index), "SOURCE_DIR": str(archive)}
        log = tmp_path_factory.mktemp(f"gunicorn-{engine}") / "gunicorn.log"
        started[engine] = stack.enter_context(gunicorn(env, workers=1, log=log))
    return engine, started[engine]


@pytest.fixture(scope="module")
def node_loss_alias(cluster, archive, tmp_path_factory):
    """A folder (part of the archive) and its alias, for the node-loss tests to change and kill nodes under."""
    import shutil

    from indexer.index.opensearch.writer import build
    from indexer.index.opensearch.client import connect

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
    from indexer.index.opensearch.client import connect

    name = f"new-{uuid.uuid4().hex[:8]}"
    yield name
    connect(cluster.url).indices.delete(index=f"{name}*")


# -- the relation chain (issue 21) as an archive on both engines -----------------------------------
CHAIN = ROOT / "tests" / "data" / "relations" / "chain"
# d3 (which replaces d1) is added by an incremental build: the older document's validity changes
# with no rebuild of it.  d6 is the OCR'd one, as ocrsim read it.
CHAIN_FIRST = ["d1_qd_12_2020.txt", "d2_qd_30_2022.txt", "d4_qd_05_2024.txt", "d5_kh_27_2024.txt",
               "d6_qd_60_2025.ocr.txt"]
CHAIN_LATER = "d3_qd_45_2023.txt"
CHAIN_TODAY = "2026-02-01"


@pytest.fixture(scope="module")
def chain(cluster, tmp_path_factory):
    """The chain on both engines, served by the real app judging validity on CHAIN_TODAY:
    (clients: {engine: test client}, before: {engine: /api/documents/d1 before d3 was
    indexed}, src, index_dir: the source folder and the Whoosh index).  Each
    engine's index is built from the first five documents, read through the app, then
    d3 is added by an incremental build of the same index."""
    from indexer.index.opensearch.client import connect
    from indexer.index.opensearch.writer import build as os_build
    from indexer.index.whoosh.writer import build as whoosh_build
    from searchapp import create_app

    src = tmp_path_factory.mktemp("chain")
    for name in CHAIN_FIRST:
        (src / name).write_bytes((CHAIN / name).read_bytes())
    index_dir = tmp_path_factory.mktemp("chain-whoosh")
    alias = f"chain-{uuid.uuid4().hex[:8]}"
    builds = {"whoosh": lambda: whoosh_build(src, index_dir), "opensearch": lambda: os_build(src, cluster.url, alias)}
    for build in builds.values():
        assert not build().skipped
    clients = {engine: create_app({**engine_config(engine, index_dir, cluster, alias), "TESTING": True,
                                   "SOURCE_DIR": str(src), "VALIDITY_TODAY": CHAIN_TODAY}).test_client()
               for engine in builds}
    before = {engine: c.get("/api/documents/d1_qd_12_2020.txt").get_json() for engine, c in clients.items()}
    (src / CHAIN_LATER).write_bytes((CHAIN / CHAIN_LATER).read_bytes())
    for build in builds.values():
        report = build()
        assert (report.indexed, report.rebuilt, report.skipped) == ([CHAIN_LATER], None, []), report.summary()
    yield SimpleNamespace(clients=clients, before=before, src=src, index_dir=index_dir, alias=alias, url=cluster.url)
    connect(cluster.url).indices.delete(index=f"{alias}*")


@pytest.fixture(scope="module")
def chain_server(chain, tmp_path_factory):
    """gunicorn (one worker) serving the chain's Whoosh index, judging validity on CHAIN_TODAY."""
    from support import gunicorn

    env = {"INDEX_DIR": str(chain.index_dir), "SOURCE_DIR": str(chain.src), "VALIDITY_TODAY": CHAIN_TODAY}
    with gunicorn(env, workers=1, log=tmp_path_factory.mktemp("chain-gunicorn") / "gunicorn.log") as base:
        yield base


# -- a restricted archive (issue 20): a document stamped MẬT and one under a folder policy -------------

RESTRICTED_USERS = {  # name: (role, clearance, groups)
    "quantri": ("admin", None, ""), "hung": ("staff", None, ""), "lan": ("staff", "mat", ""),
    "nv": ("staff", None, "noi-vu"),
}


@pytest.fixture(scope="session")
def restricted_archive(tmp_path_factory) -> Path:
    """The corpus, a decision stamped MẬT (``support.SECRET``) and a plan under a policy
    of group noi-vu (``support.GROUPED``): words, numbers and a cited decision only
    each of them holds."""
    from support import GROUPED, SECRET

    folder = tmp_path_factory.mktemp("restricted")
    for f in (ROOT / "corpus").iterdir():
        if f.is_file():
            (folder / f.name).write_bytes(f.read_bytes())
    (folder / "mat.txt").write_text(SECRET.text, encoding="utf-8")
    (folder / "noi-vu").mkdir()
    (folder / "noi-vu" / ".vdoc-access").write_text("groups: noi-vu\n", encoding="utf-8")
    (folder / "noi-vu" / "ke-hoach.txt").write_text(GROUPED.text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def restricted_apps(restricted_archive, cluster, tmp_path_factory):
    """The real app over the restricted archive on each engine, with accounts
    (``RESTRICTED_USERS``, password ``ACCOUNT_PW``) in an SQLite database."""
    import secrets

    from indexer.accounts import open_store
    from indexer.index.opensearch.client import connect
    from indexer.index.opensearch.writer import build as os_build
    from indexer.index.whoosh.writer import build as whoosh_build
    from searchapp import create_app
    from support import ACCOUNT_PW

    index_dir = tmp_path_factory.mktemp("restricted-whoosh")
    assert not whoosh_build(restricted_archive, index_dir).skipped
    alias = f"restricted-{uuid.uuid4().hex[:8]}"
    assert not os_build(restricted_archive, cluster.url, alias).skipped
    database = f"sqlite:///{tmp_path_factory.mktemp('restricted-db') / 'app.sqlite'}"
    store = open_store(database)
    for name, (role, clearance, groups) in RESTRICTED_USERS.items():
        store.add_user(name, role, ACCOUNT_PW, clearance=clearance, groups=groups)
    store.close()
    apps = {engine: create_app({**engine_config(engine, index_dir, cluster, alias), "TESTING": True,
                                "SOURCE_DIR": str(restricted_archive), "DATABASE_URL": database,
                                "SECRET_KEY": secrets.token_hex(32)})
            for engine in ("whoosh", "opensearch")}
    yield apps
    for app in apps.values():
        app.extensions.get("vdoc_accounts") and app.extensions["vdoc_accounts"].close()
    connect(cluster.url).indices.delete(index=f"{alias}*")


@pytest.fixture(params=["whoosh", "opensearch"])
def restricted_app(request, restricted_apps):
    """The app over the restricted archive on one engine (the test runs once per engine)."""
    return restricted_apps[request.param]
