"""What tests share besides fixtures: the checkout's paths and gunicorn serving the app.

Test modules import these from here, never from a conftest.py: the conftest.py
files of the test folders all have the module name "conftest", and which one
``import conftest`` finds depends on the order pytest loaded them.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def wait_for(url: str, timeout: float = 300.0, proc: subprocess.Popen | None = None) -> None:
    """Poll ``url`` until the server answers it (a server starting: its workers load
    models first, seconds on a busy machine); an HTTP error is an answer too (a
    server over a damaged index answers 503: the test then reads it); fail when
    ``proc`` ends or at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=60) as resp:
                if resp.status == 200:
                    return
        except urllib.error.HTTPError as exc:
            exc.close()
            return
        except OSError:
            if proc is not None and proc.poll() is not None:
                raise RuntimeError(f"the server exited ({proc.returncode}) before it answered {url}") from None
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def script(relpath: str, name: str):
    """A script of the repository (``scripts/...``) loaded as a module: they are run
    by path, not installed, and the tests and benchmarks drive them too."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / relpath)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    """A loopback port free now (for a server that must be told its port: PostgreSQL)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(env: dict, workers: int = 2, conf: bool = True, log: Path | None = None, timeout: float = 300.0):
    """gunicorn serving wsgi:app on loopback with ``env`` added to ours (``conf``: with
    the product's gunicorn conf, as `make serve` runs it); yields the base URL once it
    answers (``timeout``: how long its first page may take), stops it afterwards.  It
    binds port 0 and says which port it got (a port picked here and bound there could
    be taken in between)."""
    args = ["-c", "python:searchapp.gunicorn_conf"] if conf else []
    with tempfile.TemporaryDirectory(prefix="vdoc-gunicorn-") as tmp:
        log = log or Path(tmp) / "gunicorn.log"
        with open(log, "wb") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", *args, "--bind", "127.0.0.1:0", "--workers", str(workers), "wsgi:app"],
                cwd=ROOT, env=dict(os.environ, **env), stdout=out, stderr=subprocess.STDOUT,
            )
        try:
            base = _listening(log, proc)
            wait_for(base + "/", timeout, proc=proc)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:  # a loaded machine: workers still finishing requests
                proc.kill()
                proc.wait(timeout=30)


def _listening(log: Path, proc: subprocess.Popen, timeout: float = 300.0) -> str:
    """The URL gunicorn's log says it listens at."""
    deadline = time.monotonic() + timeout
    while not (found := re.search(r"Listening at: (http://\S+)", log.read_text(errors="replace"))):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"gunicorn did not start: {log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.1)
    return found.group(1)


# -- a restricted archive's documents (issue 20; tests/engines/conftest.py restricted_archive) --------

ACCOUNT_PW = "correct horse battery"


@dataclass(frozen=True)
class Restricted:
    file: str  # its path in the archive (the document's id)
    text: str
    word: str  # a word only this document holds
    number: str  # its own số ký hiệu
    cited: str  # the số ký hiệu of a decision only this document cites


SECRET = Restricted("mat.txt", """ỦY BAN NHÂN DÂN
TỈNH BÌNH PHƯỚC
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 77/QĐ-BMX
Bình Phước, ngày 14 tháng 3 năm 2022
MẬT

QUYẾT ĐỊNH
Về việc bảo vệ khuỷu đê sông Bé

Căn cứ Quyết định số 4321/QĐ-UBND ngày 05/06/2019 của UBND tỉnh Bình Phước;
Xét đề nghị về khuỷu đê, khuỷu sông và việc gia cố khuỷu đê trong mùa lũ.

QUYẾT ĐỊNH:
Điều 1. Gia cố khuỷu đê sông Bé trước mùa lũ năm 2022.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Nơi nhận:	CHỦ TỊCH
- Như Điều 2;
- Lưu: VT.	Trần Văn Mật
""", "khuỷu", "77/QĐ-BMX", "4321/QĐ-UBND")

GROUPED = Restricted("noi-vu/ke-hoach.txt", """ỦY BAN NHÂN DÂN
HUYỆN ĐỒNG PHÚ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 88/KH-NVX
Đồng Phú, ngày 02 tháng 8 năm 2021

KẾ HOẠCH
Về việc sắp xếp ngoẵng cán bộ phòng Nội vụ

Căn cứ Quyết định số 6543/QĐ-UBND ngày 07/07/2020 của UBND huyện Đồng Phú;
Phòng Nội vụ lập kế hoạch ngoẵng như sau: rà soát ngoẵng, báo cáo ngoẵng.
Nơi nhận:	CHỦ TỊCH
- Phòng Nội vụ;
- Lưu: VT.	Lê Văn Nội
""", "ngoẵng", "88/KH-NVX", "6543/QĐ-UBND")
