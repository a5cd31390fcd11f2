"""Shared fixtures: a real index on disk, the real app, gunicorn, a real browser.

The corpus index is built once per session from corpus/ (the five real seeds)
with the real indexer, and every layer above it is the real one.
"""

from __future__ import annotations

import itertools
import os
import re
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import CORPUS, ROOT, free_port, gunicorn, script

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"
STAND_IN = """#!/bin/sh
# A stand-in for Tesseract (OcrOptions.tesseract): the real one answers what a
# build asks first (its version, its models); reading a page is the test's script.
case "$1" in
    --version|--list-langs) exec tesseract "$@" ;;
esac
{page}
"""


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory) -> Path:
    """A real Whoosh index of corpus/, built once for the session."""
    from indexer.index.whoosh.writer import build

    index_dir = tmp_path_factory.mktemp("index")
    report = build(CORPUS, index_dir)
    assert not report.skipped, report.summary()
    return index_dir


@pytest.fixture(scope="session")
def app(corpus_index, tmp_path_factory):
    from searchapp import create_app

    db = tmp_path_factory.mktemp("accounts") / "app.sqlite"
    return create_app({"INDEX_DIR": str(corpus_index), "TESTING": True, "DATABASE_URL": f"sqlite:///{db}"})


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def service(corpus_index):
    from indexer.search import open_service

    return open_service("whoosh", index_dir=corpus_index)


@pytest.fixture(scope="session")
def gunicorn_server(corpus_index, tmp_path_factory):
    """gunicorn serving wsgi:app on a free loopback port; yields the base URL."""
    logs = tmp_path_factory.mktemp("gunicorn")
    with gunicorn({"INDEX_DIR": str(corpus_index), "DATABASE_URL": f"sqlite:///{logs / 'app.sqlite'}"},
                  log=logs / "gunicorn.log") as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM}: run `make system-deps` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    pg = context.new_page()
    yield pg
    context.close()


# The two screens every page is tried on: a desktop, and a phone (touch, no mouse:
# what media queries for hover and pointer see on a real one).
SCREENS = {
    "desktop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2},
}


@pytest.fixture(params=list(SCREENS))
def screen(request, browser):
    """A page on each of SCREENS (the test runs once per screen); ``screen.name`` says which."""
    context = browser.new_context(locale="vi-VN", **SCREENS[request.param])
    pg = context.new_page()
    pg.name = request.param
    yield pg
    context.close()


AXE_VERSION = "4.14.1"


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script (the accessibility rules Lighthouse runs), from npm into a cache
    outside the repository (~/.cache/vdoc-npm, or VDOC_NPM_CACHE), installed on first use."""
    cache = Path(os.environ.get("VDOC_NPM_CACHE", Path.home() / ".cache" / "vdoc-npm"))
    package = cache / "node_modules" / "axe-core"
    installed = package / "package.json"
    if not installed.exists() or f'"version": "{AXE_VERSION}"' not in installed.read_text(encoding="utf-8"):
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm not found: run `make system-deps` (apt-get install npm)")
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--prefix", str(cache), "--no-save", "--no-package-lock", "--no-audit",
                        "--no-fund", "--loglevel=error", f"axe-core@{AXE_VERSION}"], check=True, timeout=600)
    return (package / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module")
def module_archive(request, tmp_path_factory):
    """The test module's own small archive, indexed once per module: its ``FILES``
    ({relpath: text or bytes}, or a function returning them) written to a folder and
    built with the real indexer, skipping nothing; (source folder, index folder)."""
    from indexer.index.whoosh.writer import build

    files = request.module.FILES
    src = _write_files(tmp_path_factory.mktemp("module-src"), files() if callable(files) else files)
    index_dir = tmp_path_factory.mktemp("module-index")
    report = build(src, index_dir)
    assert not report.skipped, report.summary()
    return src, index_dir


@pytest.fixture(scope="module")
def module_client(module_archive):
    """The real app over the test module's archive (module_archive)."""
    from searchapp import create_app

    src, index_dir = module_archive
    return create_app({"INDEX_DIR": str(index_dir), "SOURCE_DIR": str(src), "TESTING": True}).test_client()


def _write_files(folder: Path, files: dict) -> Path:
    for rel, content in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return folder


@pytest.fixture()
def make_corpus(tmp_path):
    """Write {relpath: bytes|str} into a fresh source folder and return it."""

    def _make(files: dict) -> Path:
        src = tmp_path / "src"
        src.mkdir(exist_ok=True)
        return _write_files(src, files)

    return _make


@pytest.fixture(scope="session")
def formats_archive(tmp_path_factory):
    """A small archive of every format (real scans through real Tesseract), indexed once:
    (source folder, index folder, build report)."""
    from indexer.index.whoosh.writer import build
    from samples_archive import write_archive

    root = tmp_path_factory.mktemp("formats")
    src = write_archive(root / "src")
    report = build(src, root / "index", workers=1)
    return src, root / "index", report


@pytest.fixture(scope="session")
def formats_client(formats_archive):
    from searchapp import create_app

    src, index_dir, _ = formats_archive
    return create_app({"INDEX_DIR": str(index_dir), "SOURCE_DIR": str(src), "TESTING": True}).test_client()


@pytest.fixture()
def stand_in_tesseract(tmp_path):
    """A factory: ``make(page)`` writes a Tesseract stand-in whose reading of a page
    is the shell script ``page`` (its arguments are Tesseract's; $PPID is the
    process reading the file) and returns its path, for OcrOptions(tesseract=...).
    It makes what no real file makes on demand: a page that kills its reader,
    takes a known time, or waits for the test."""
    counter = itertools.count()

    def make(page: str) -> str:
        path = tmp_path / f"tesseract-{next(counter)}"
        path.write_text(STAND_IN.format(page=page), encoding="utf-8")
        path.chmod(0o755)
        return str(path)

    return make


@pytest.fixture(scope="session")
def relation_chain() -> dict:
    """tests/data/relations/chain read by the whole extraction: a decision (d1), one
    amending its Article 3 (d2), one replacing it (d3), one repealing another (d4), a
    plan implementing d3 (d5) and an OCR'd decision amending d3 (d6, as ocrsim read
    it); short name -> Document."""
    from indexer.extract.document import document_from_text

    chain = ROOT / "tests" / "data" / "relations" / "chain"
    names = ["d1_qd_12_2020.txt", "d2_qd_30_2022.txt", "d3_qd_45_2023.txt", "d4_qd_05_2024.txt",
             "d5_kh_27_2024.txt", "d6_qd_60_2025.ocr.txt"]
    return {n.split("_")[0]: document_from_text(n, n, (chain / n).read_text(encoding="utf-8")) for n in names}


# -- the accounts database: SQLite and a real PostgreSQL ------------------------------------------
@pytest.fixture(scope="session")
def postgres_url():
    """The URL of a real PostgreSQL on loopback: the one `make test` started
    (VDOC_TEST_DATABASE_URL), else one this session starts and stops.  Never skipped:
    no server is a failure."""
    import sqlalchemy

    given = os.environ.get("VDOC_TEST_DATABASE_URL")
    if given:
        engine = sqlalchemy.create_engine(given)
        try:
            with engine.connect():
                pass
        except sqlalchemy.exc.OperationalError as exc:
            pytest.fail(f"no PostgreSQL at VDOC_TEST_DATABASE_URL ({exc.__class__.__name__}); `make test` starts it")
        finally:
            engine.dispose()
        yield given
        return
    module = script("scripts/postgres/cluster.py", "vdoc_postgres")
    port = free_port()
    os.environ.setdefault("POSTGRES_RUN_DIR", f"/var/tmp/vdoc-postgres-pytest-{os.getpid()}")
    try:
        url = module.up(port)
    except SystemExit as exc:
        pytest.fail(f"could not start PostgreSQL for the tests: {exc}")
    try:
        yield url
    finally:
        module.down(port)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A fresh, empty accounts database on each engine: an SQLite file, or a new
    schema of the test PostgreSQL (its URL names the schema, so a gunicorn worker
    given the URL finds the same tables)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'app.sqlite'}"
        return
    import uuid

    import sqlalchemy

    base = request.getfixturevalue("postgres_url")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = sqlalchemy.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sqlalchemy.text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    yield f"{base}?options=-csearch_path%3D{schema}"
    engine = sqlalchemy.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sqlalchemy.text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


class Clock:
    """A UTC clock the tests move by hand (idle sessions, throttling windows)."""

    def __init__(self):
        from datetime import datetime, timezone

        self.now = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)

    def __call__(self):
        return self.now

    def advance(self, **delta):
        from datetime import timedelta

        self.now += timedelta(**delta)


@pytest.fixture()
def clock():
    return Clock()


@pytest.fixture()
def store(database_url, clock):
    """An AccountStore on a fresh database (both engines), on a clock the test moves."""
    from indexer.accounts import open_store

    st = open_store(database_url, clock=clock)
    yield st
    st.close()


# -- the app with accounts (tests/web/test_accounts_pages.py, test_hostile_accounts.py) -------------

ACCOUNT_PW = "correct horse battery"
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


@dataclass
class Site:
    app: object
    store: object
    clock: object
    database_url: str

    def client(self):
        return self.app.test_client()


@pytest.fixture()
def site(database_url, corpus_index, clock, tmp_path):
    """The real app over the corpus index, its accounts in ``database_url`` (SQLite or PostgreSQL):
    quantri (admin), lan (staff, clearance mật, group noi-vu), hung (staff)."""
    from indexer.accounts import open_store
    from searchapp import create_app

    store = open_store(database_url, clock=clock)
    store.add_user("quantri", "admin", ACCOUNT_PW, actor="cli:root", address="local")
    store.add_user("lan", "staff", ACCOUNT_PW, clearance="mat", groups="noi-vu")
    store.add_user("hung", "staff", ACCOUNT_PW)
    app = create_app({"INDEX_DIR": str(corpus_index), "SOURCE_DIR": "corpus", "TESTING": True,
                      "DATABASE_URL": database_url, "SECRET_KEY": secrets.token_hex(32), "ACCOUNTS_CLOCK": clock})
    yield Site(app, store, clock, database_url)
    app.extensions.get("vdoc_accounts") and app.extensions["vdoc_accounts"].close()
    store.close()


def _csrf_of(html: str) -> str:
    m = CSRF_FIELD.search(html)
    assert m, "no csrf_token in the page"
    return m.group(1) or m.group(2)


@pytest.fixture()
def csrf_of():
    """csrf_of(html) -> the csrf_token of the page's form."""
    return _csrf_of


@pytest.fixture()
def sign_in():
    """sign_in(client, name, password) -> the login's response (through the real form and its CSRF token)."""

    def _sign_in(client, name: str, password: str = ACCOUNT_PW, follow: bool = False):
        token = _csrf_of(client.get("/login").get_data(as_text=True))
        return client.post("/login", data={"username": name, "password": password, "csrf_token": token},
                           follow_redirects=follow)

    return _sign_in
