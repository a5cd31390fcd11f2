"""What tests share besides fixtures: the checkout's paths and gunicorn serving the app.

Test modules import these from here, never from a conftest.py: the conftest.py
files of the test folders all have the module name "conftest", and which one
``import conftest`` finds depends on the order pytest loaded them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def gunicorn(env: dict, workers: int = 2, conf: bool = True, log: Path | None = None):
    """gunicorn serving wsgi:app on a free loopback port with ``env`` added to ours
    (``conf``: with the product's gunicorn conf, as `make serve` runs it); yields
    the base URL once it answers, stops it afterwards."""
    port = free_port()
    args = ["-c", "python:searchapp.gunicorn_conf"] if conf else []
    out = open(log, "wb") if log else subprocess.DEVNULL
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", *args, "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "wsgi:app"],
            cwd=ROOT, env=dict(os.environ, **env), stdout=out, stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
        )
    finally:
        if log:
            out.close()
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
