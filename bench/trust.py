"""Trust under change and attack (issue 15): the goals, measured and printed in one run.

    .venv/bin/python bench/trust.py --long /work/benchdata/long500 --long-index /work/benchdata/long500.index \\
        --archive-index /work/benchdata/c10k.index [--seconds 60] [--only load,hostile,crafted,serving]

- load:    wrk (4 threads, 32 connections, ``--seconds``) over a mix of 12 everyday queries
           (the search page, facets and snippets) against gunicorn with 2 workers: once on the
           long archive (bench/make_long_corpus.py: 500 files of ~110 KB and a 19 MB one),
           once on the 10k archive of bench/make_corpus.py.  Goal: long archive >= 60 req/s,
           p99 <= 1 s, 0 errors; the 10k archive no slower than before.
- hostile: the requests that once ran away (per_page=100, a 32-word query, the 19 MB
           document's page and API, parameters in other digits or impossible dates), each
           timed through gunicorn.  Goal: every one under 2 s, the 19 MB page under 1 s.
- crafted: 20 crafted files (decompression bombs, one-word files, broken and encrypted
           PDFs, binary junk) built into a fresh index.  Goal: the build completes, each
           file skipped with its reason, in under 2 minutes.
- serving: 6 client threads search for 2 minutes while builds add 200 documents, update
           50 and remove 100; after each commit the API's total equals `indexer status`.
           Goal: 0 errors.
Needs Debian's wrk for the load part.  The machine may be shared: the numbers say
what this run saw, nothing more.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zlib
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from load import LUA  # noqa: E402  (the wrk script that prints p50/p90/p99)
from query_speed import Server  # noqa: E402

MIX = ["quy định", "kế hoạch", "cải cách hành chính", "ủy ban nhân dân tỉnh", "xử phạt vi phạm hành chính",
       "ngân sách nhà nước", "bao hiem xa hoi", "đất đai", "thuế thu nhập cá nhân", "giáo dục và đào tạo",
       "phòng chống dịch", "Nghị định"]
LONG_QUERY = ("quy định về việc thực hiện kế hoạch cải cách hành chính của ủy ban nhân dân tỉnh trong năm "
              "hai nghìn hai mươi ba đối với các cơ quan đơn vị trực thuộc và địa phương cấp huyện xã")


def get(url: str, timeout: float = 60) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read()


def serve(index: Path, source: Path | None = None) -> Server:
    env = {"INDEX_DIR": str(index)}
    if source:
        env["SOURCE_DIR"] = str(source)
    # As `make serve` runs it: each worker warms up (index, models, vocabulary) before its first request.
    return Server("wsgi:app", env, "/search?q=", 2, ("-c", "python:searchapp.gunicorn_conf"))


def load(index: Path, label: str, seconds: int) -> None:
    paths = ["/search?q=" + quote(q) for q in MIX]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(LUA % ", ".join(json.dumps(p) for p in paths))
        script = f.name
    server = serve(index)
    try:
        for _ in range(2):
            for path in paths:  # both workers see each query once before timing
                get(server.base + path)
        out = subprocess.run(["wrk", "-t", "4", "-c", "32", "-d", f"{seconds}s", "--timeout", "30s", "--latency",
                              "-s", script, server.base], capture_output=True, text=True, check=True).stdout
        rss = server.worker_rss_mb()
    finally:
        server.stop()
        Path(script).unlink()
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
    tail = re.search(r"p50 .*", out).group(0)
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    print(f"load {label}: {rate} req/s, {tail}; errors {errors}, non-2xx {non2xx}; "
          f"worker RSS MB (current/peak) {', '.join(f'{c:.0f}/{p:.0f}' for c, p in rss)}")


def hostile(index: Path, source: Path) -> None:
    urls = [
        "/search?q=" + quote("quy định") + "&per_page=100",
        "/search?q=" + quote(LONG_QUERY),
        "/documents/huge.txt",
        "/documents/huge.txt?q=" + quote("quy định"),
        "/documents/huge.txt?q=" + quote("quy định") + "&part=300",
        "/api/documents/huge.txt?q=" + quote("quy định"),
        "/search?q=" + quote("quy định") + "&page=%D9%A1%D9%A2",
        "/search?q=x&date_from=2023-13-45",
        "/export.csv?q=" + quote("quy định"),
        "/search?q=" + quote('"của" "các" "và" "theo" "quy định"') + "&per_page=100",
        "/search?q=" + quote("a OR " * 40),
        "/api/suggest?q=" + quote("k" * 200),
    ]
    server = serve(index, source)
    try:
        get(server.base + "/search?q=x")
        for url in urls:
            started = time.perf_counter()
            status, body = get(server.base + url)
            ms = (time.perf_counter() - started) * 1000
            print(f"hostile {status} {ms:7.0f} ms {len(body) / 1e6:6.2f} MB  {url[:90]}")
    finally:
        server.stop()


def crafted_files(folder: Path) -> None:
    """Twenty files made to hurt a build."""
    folder.mkdir(parents=True, exist_ok=True)
    bomb = zlib.compress(b" " * 200_000_000, 9)

    def pdf(stream: bytes, encrypt: bool = False) -> bytes:
        """A well-formed one-page PDF (with its xref table) around one content stream."""
        objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                   b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                   b"<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n" + stream + b"\nendstream"]
        if encrypt:
            objects.append(b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O (0123456789abcdef0123456789abcdef) "
                           b"/U (0123456789abcdef0123456789abcdef) >>")
        out, offsets = bytearray(b"%PDF-1.4\n"), []
        for n, body in enumerate(objects, 1):
            offsets.append(len(out))
            out += str(n).encode() + b" 0 obj\n" + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 " + str(len(objects) + 1).encode() + b"\n0000000000 65535 f \n"
        out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
        trailer = b"<< /Size " + str(len(objects) + 1).encode() + b" /Root 1 0 R"
        trailer += b" /Encrypt 5 0 R /ID [(abc) (abc)] >>" if encrypt else b" >>"
        out += b"trailer\n" + trailer + b"\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n"
        return bytes(out)

    files = {
        "bomb1.pdf": pdf(bomb),
        "bomb2.pdf": pdf(zlib.compress(b"0 0 m " * 30_000_000, 9)),
        "encrypted.pdf": pdf(zlib.compress(b"BT /F1 12 Tf (Ke hoach) Tj ET"), encrypt=True),
        "broken.pdf": b"%PDF-1.7\n" + os.urandom(20000),
        "truncated.pdf": pdf(zlib.compress(b"BT /F1 12 Tf (Ke hoach) Tj ET"))[:300],
        "oneword.txt": b"x" * 19_000_000,
        "oneword-accented.txt": ("ệ" * 6_000_000).encode(),
        "digits.txt": b"1" * 19_000_000,
        "slashes.txt": b"12/" * 6_000_000,
        "newlines.txt": b"\n" * 19_000_000,
        "junk.bin.txt": os.urandom(5_000_000),
        "nul.txt": b"\x00" * 1_000_000,
        "utf16.txt": "Kế hoạch cải cách".encode("utf-16") * 1000,
        "html-bomb.html": b"<div>" * 500_000 + "Kế hoạch".encode(),
        "deep.html": b"<b>" * 200_000 + "Kế hoạch".encode() + b"</b>" * 200_000,
        "controls.txt": bytes(range(1, 32)) * 100_000,
        "long-line.txt": ("Kết luận của Chủ tịch " * 800_000).encode(),
        "many-numbers.txt": ("Quyết định số 173/QĐ-UBND ngày 08/02/2023 của UBND tỉnh; " * 200_000).encode(),
        "empty.txt": b"",
        "good.txt": "ỦY BAN NHÂN DÂN\nXÃ HƯƠNG LONG\nSố: 12/BC-UBND Hương Long, ngày 11 tháng 12 năm 2023\nBÁO CÁO\nKết quả\n".encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)


def crafted(tmp: Path) -> None:
    src, index = tmp / "crafted", tmp / "crafted.index"
    crafted_files(src)
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "indexer", "build", str(src), "--index", str(index), "--json"],
                         cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    report = json.loads(out.stdout) if out.returncode == 0 else {}
    print(f"crafted: exit {out.returncode} in {seconds:.1f} s; indexed {report.get('indexed')}, "
          f"skipped {len(report.get('skipped', []))}, traceback in stderr: {'Traceback' in out.stderr}")
    for s in report.get("skipped", []):
        print(f"  skipped {s['path']}: {s['reason']}")


def serving(tmp: Path, long_src: Path) -> None:
    """Clients search while builds add, update and remove; totals checked after each commit."""
    src, index = tmp / "serving", tmp / "serving.index"
    pool = sorted(long_src.glob("long*.txt"))
    src.mkdir()
    for p in pool[:300]:
        shutil.copy(p, src / p.name)
    subprocess.run([sys.executable, "-m", "indexer", "build", str(src), "--index", str(index)], cwd=ROOT, check=True,
                   capture_output=True)
    server = serve(index, src)
    errors, requests, stop = [], [0], threading.Event()

    def client(n: int) -> None:
        qs = [quote(q) for q in MIX]
        i = n
        while not stop.is_set():
            i += 1
            url = f"{server.base}/search?q={qs[i % len(qs)]}" if i % 3 else f"{server.base}/api/search?q={qs[i % len(qs)]}&page=2"
            try:
                status, _ = get(url, timeout=30)
                if status != 200:
                    errors.append(f"{status} {url}")
            except OSError as exc:
                errors.append(f"{exc} {url}")
            requests[0] += 1

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(6)]
    for t in threads:
        t.start()
    started, rounds, checks = time.monotonic(), 0, []
    added = iter(pool[300:500])
    removed = iter(sorted(src.glob("long*.txt"))[:100])
    updated = iter(sorted(src.glob("long*.txt"))[100:150])
    try:
        while time.monotonic() - started < 120 or rounds < 4:
            if rounds < 4:
                for p in [next(added) for _ in range(50)]:
                    shutil.copy(p, src / p.name)
                for p in [next(updated) for _ in range(12 + (rounds == 0) * 2)]:
                    with p.open("a", encoding="utf-8") as fh:
                        fh.write(f"\nPhụ lục bổ sung lần {rounds}.\n")
                for p in [next(removed) for _ in range(25)]:
                    p.unlink()
                rounds += 1
            else:
                time.sleep(5)  # nothing left to change: builds that find nothing to do
            out = subprocess.run([sys.executable, "-m", "indexer", "build", str(src), "--index", str(index)],
                                 cwd=ROOT, capture_output=True, text=True)
            status = subprocess.run([sys.executable, "-m", "indexer", "status", "--index", str(index)],
                                    cwd=ROOT, capture_output=True, text=True).stdout
            expected = int(status.split()[0])
            time.sleep(1.0)  # each worker looks for a commit every 0.5 s
            seen = {json.loads(get(f"{server.base}/api/search?q=")[1])["total"] for _ in range(8)}
            checks.append((out.stdout.splitlines()[-1] if out.stdout else out.stderr[-200:], expected, seen))
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
        server.stop()
    for summary, expected, seen in checks:
        print(f"serving: build '{summary}' -> status {expected}, API totals {sorted(seen)} "
              f"{'OK' if seen == {expected} else 'MISMATCH'}")
    print(f"serving: {requests[0]} requests by 6 clients in {time.monotonic() - started:.0f} s, {len(errors)} errors"
          + (f" (first: {errors[0]})" if errors else ""))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--long", type=Path, required=True, help="folder of bench/make_long_corpus.py")
    ap.add_argument("--long-index", type=Path, required=True)
    ap.add_argument("--archive-index", type=Path, help="index of bench/make_corpus.py 10000")
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--only", default="load,hostile,crafted,serving")
    args = ap.parse_args(argv)
    parts = set(args.only.split(","))
    print(f"$ {' '.join([Path(sys.executable).name] + sys.argv)}")
    if "load" in parts:
        if not shutil.which("wrk"):
            sys.exit("wrk not found: apt-get install -y wrk")
        load(args.long_index, "long archive (500 x 110 KB + 19 MB)", args.seconds)
        if args.archive_index:
            load(args.archive_index, "10k archive", args.seconds)
    if "hostile" in parts:
        hostile(args.long_index, args.long)
    with tempfile.TemporaryDirectory(dir="/work/benchdata" if Path("/work/benchdata").is_dir() else None) as tmp:
        if "crafted" in parts:
            crafted(Path(tmp))
        if "serving" in parts:
            serving(Path(tmp), args.long)


if __name__ == "__main__":
    main()
