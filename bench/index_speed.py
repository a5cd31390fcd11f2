"""Indexing speed: full build, update of 1 % of the files, peak RSS; FTS5 baseline.

    .venv/bin/python bench/index_speed.py /work/benchdata/c10k /work/benchdata/c10k.index

Each build runs as ``python -m indexer build`` in a child process, so the
peak RSS is that of a real indexer run.  "MB/s" is source bytes read per
second of wall time.  The 1 % update appends a paragraph to every 100th file,
rebuilds, then restores the files and rebuilds again (so the index matches the
corpus for bench/query_speed.py).  The FTS5 baseline copies the same stored
texts into SQLite (bench/fts5.py) and times only the SQLite inserts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run_build(src: Path, index: Path) -> tuple[float, int, str]:
    """(seconds, peak RSS in MB, last line of the summary) of one CLI build."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "indexer", "build", str(src), "--index", str(index)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if proc.returncode:
        sys.exit(f"build failed ({proc.returncode}):\n{out}")
    return elapsed, usage.ru_maxrss // 1024, out.splitlines()[0]


def source_files(src: Path) -> list[Path]:
    return sorted(p for p in src.rglob("*") if p.is_file())


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src", type=Path)
    ap.add_argument("index", type=Path, help="index folder (replaced)")
    ap.add_argument("--skip-full", action="store_true", help="reuse an existing index (update only)")
    args = ap.parse_args(argv)
    print(f"$ {' '.join([Path(sys.executable).name] + sys.argv)}")
    files = source_files(args.src)
    mb = sum(p.stat().st_size for p in files) / 1e6
    print(f"corpus: {len(files)} files, {mb:.1f} MB")

    if not args.skip_full:
        shutil.rmtree(args.index, ignore_errors=True)
        secs, rss, summary = run_build(args.src, args.index)
        print(f"full build: {secs:.1f} s, {mb / secs:.2f} MB/s, {len(files) / secs:.1f} docs/s, "
              f"peak RSS {rss} MB  [{summary}]")
        full_secs = secs

    changed = files[::100]
    originals = {p: p.read_bytes() for p in changed}
    for p in changed:
        with open(p, "ab") as f:
            f.write("\n\nBổ sung: cập nhật số liệu cải cách hành chính quý IV.\n".encode())
    upd_mb = sum(p.stat().st_size for p in changed) / 1e6
    secs, rss, summary = run_build(args.src, args.index)
    print(f"update 1 % ({len(changed)} files, {upd_mb:.2f} MB): {secs:.1f} s, {upd_mb / secs:.2f} MB/s of changed text, "
          f"{len(changed) / secs:.1f} changed docs/s, peak RSS {rss} MB  [{summary}]")
    for p, data in originals.items():
        p.write_bytes(data)
    secs, rss, summary = run_build(args.src, args.index)
    print(f"restore 1 %: {secs:.1f} s, peak RSS {rss} MB  [{summary}]")

    from fts5 import build_from_whoosh

    db = args.index.with_suffix(".fts5")
    count, fts_secs = build_from_whoosh(args.index, db)
    line = f"FTS5 baseline build of the same {count} stored texts: {fts_secs:.1f} s, {mb / fts_secs:.2f} MB/s"
    if not args.skip_full:
        line += f"; Whoosh full build / FTS5 = {full_secs / fts_secs:.1f}x slower"
    print(line)
    print(f"index size: {sum(p.stat().st_size for p in args.index.rglob('*')) / 1e6:.1f} MB, "
          f"FTS5 db: {db.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
