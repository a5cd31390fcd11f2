"""Damage inside a Whoosh index (issue 23, part 1), through gunicorn and the command line.

Each case damages a copy of a built index the way the black-box run did, then
asks, through gunicorn (a worker that served the index before the damage and a
worker started after it) and the command line:
- every page that reads the damaged part answers 503 naming the command to run,
  never a 500 and never a wrong 404;
- `indexer check` exits 1, `indexer status` prints no traceback;
- `indexer build` repairs it: `check` then exits 0 and the pages answer 200.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from support import ROOT, gunicorn

PAGES = ["/search?q=qu%C3%A1", "/search?q=ke+hoach", "/api/search?q=ke+hoach", "/"]


def _one(index: Path, suffix: str) -> Path:
    found = sorted(p for p in index.iterdir() if p.name.endswith(suffix))
    assert found, f"no *{suffix} in {index}"
    return found[0]


def truncate_half(index: Path, suffix: str) -> None:
    f = _one(index, suffix)
    with open(f, "r+b") as h:
        h.truncate(f.stat().st_size // 2)


def truncate_zero(index: Path, suffix: str) -> None:
    with open(_one(index, suffix), "r+b") as h:
        h.truncate(0)


def random_over(index: Path, suffix: str) -> None:
    f = _one(index, suffix)
    f.write_bytes(random.Random(23).randbytes(f.stat().st_size))


def random_middle(index: Path, suffix: str, size: int = 4096) -> None:
    f = _one(index, suffix)
    with open(f, "r+b") as h:
        h.seek(max(0, f.stat().st_size // 2 - size // 2))
        h.write(random.Random(23).randbytes(size))


def delete_manifest(index: Path, suffix: str) -> None:
    (index / "manifest.json").unlink()


DAMAGE = {
    "pst truncated to half": (truncate_half, ".pst"),
    "_stored.col truncated to 0 bytes": (truncate_zero, "._stored.col"),
    "random bytes over the trm": (random_over, ".trm"),
    "4 KB of random bytes in the middle of the pst": (random_middle, ".pst"),
    "manifest deleted": (delete_manifest, ""),
}


def _get(base: str, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(base + path, timeout=120) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "indexer", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=900, env={k: v for k, v in os.environ.items() if k != "VDOC_TRACEBACKS"})


@pytest.mark.parametrize("case", DAMAGE)
def test_damage_is_a_503_that_names_the_command_and_build_repairs_it(case, tmp_path):
    src = ROOT / "corpus"
    index = tmp_path / "index"
    assert _cli("build", str(src), "--index", str(index)).returncode == 0
    damage, suffix = DAMAGE[case]
    env = {"INDEX_DIR": str(index), "SOURCE_DIR": str(src)}
    with gunicorn(env, workers=1, timeout=180) as running:
        assert [_get(running, p)[0] for p in PAGES] == [200] * len(PAGES)
        damage(index, suffix)
        seen_running = {p: _get(running, p) for p in PAGES}
    with gunicorn(env, workers=1, timeout=180) as restarted:
        seen_restarted = {p: _get(restarted, p) for p in PAGES}
    for seen in (seen_running, seen_restarted):
        for path, (code, body) in seen.items():
            assert code in (200, 503), (case, path, code, body[:300])  # never a 500, never a 404
            if code == 503:
                assert "python -m indexer build" in body and "Traceback" not in body, body[:300]
        assert any(code == 503 for code, _ in seen.values()), (case, seen)
    check = _cli("check", "--index", str(index))
    status = _cli("status", "--index", str(index))
    assert check.returncode == 1 and "Traceback" not in check.stderr, check.stderr
    assert "Traceback" not in status.stdout + status.stderr, status.stderr
    if case == "manifest deleted":
        assert "incomplete or damaged" in status.stdout + status.stderr
        assert "older version" not in status.stdout + status.stderr
    build = _cli("build", str(src), "--index", str(index))
    assert build.returncode == 0 and "Traceback" not in build.stderr, build.stderr
    assert _cli("check", "--index", str(index)).returncode == 0
    with gunicorn(env, workers=1, timeout=180) as repaired:
        assert [_get(repaired, p)[0] for p in PAGES] == [200] * len(PAGES)


def test_a_killed_first_build_is_incomplete_or_damaged_not_an_older_version(tmp_path):
    """A first build killed before its manifest: segments and no manifest."""
    index = tmp_path / "index"
    assert _cli("build", str(ROOT / "corpus"), "--index", str(index)).returncode == 0
    (index / "manifest.json").unlink()
    status = _cli("status", "--index", str(index))
    said = status.stdout + status.stderr
    assert "incomplete or damaged" in said and "older version" not in said, said
