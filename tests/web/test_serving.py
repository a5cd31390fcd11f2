"""Entry points: gunicorn with wsgi.py, and every CLI command."""

import subprocess
import sys
import urllib.request

import pytest

from support import CORPUS, ROOT


def test_gunicorn_serves_the_search_page(gunicorn_server):
    with urllib.request.urlopen(gunicorn_server + "/search?q=ket+luan+chu+tich", timeout=120) as resp:
        body = resp.read().decode("utf-8")
        assert resp.status == 200
        assert resp.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert "001_f88072d734faeb23.txt" in body


@pytest.mark.parametrize("args", [[], ["build"], ["search"], ["status"]])
def test_every_command_has_help(args):
    out = subprocess.run([sys.executable, "-m", "indexer", *args, "--help"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0 and "Usage:" in out.stdout


def test_cli_build_search_status(tmp_path):
    index = tmp_path / "ix"
    run = lambda *a: subprocess.run([sys.executable, "-m", "indexer", *a], cwd=ROOT, capture_output=True, text=True)  # noqa: E731
    built = run("build", str(CORPUS), "--index", str(index))
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("indexed 5, updated 0, removed 0, unchanged 0, skipped 0")
    found = run("search", "Đồng Tháp", "--index", str(index))
    assert found.returncode == 0 and "004_07f2e8074de5ea75.txt" in found.stdout.splitlines()[1]
    status = run("status", "--index", str(index))
    assert status.stdout.startswith("5 documents")


def test_cli_reports_a_missing_index_clearly(tmp_path):
    out = subprocess.run([sys.executable, "-m", "indexer", "status", "--index", str(tmp_path / "none")], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 1 and "run `python -m indexer build" in out.stderr


def test_wsgi_exposes_app():
    import wsgi

    assert wsgi.app.name == "searchapp"


def test_warm_up_runs_searches_on_the_real_index(app):
    from searchapp.warmup import warm_up

    warm_up(app)  # raises if the index or a model cannot be loaded
    searcher, table = app.extensions["vdoc_service"].engine.handle.current()
    assert len(table.live) == 5 and table.size == searcher.doc_count_all()
