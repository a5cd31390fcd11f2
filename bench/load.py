"""Load test: wrk with 32 connections for 60 s against gunicorn on loopback.

    .venv/bin/python bench/load.py /work/benchdata/c10k.index /work/benchdata/c10k.json

Requests cycle through the query mix of bench/query_speed.py (the HTML search
page with facets and snippets).  wrk (Debian package ``wrk``) runs with a 30 s
request timeout, so a slow answer counts as latency, not as an error; any
socket error, timeout or non-2xx/3xx answer is an error.  Needs ``wrk``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from query_speed import Server, query_mix, url_for

LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("p50 %%.1f ms, p90 %%.1f ms, p99 %%.1f ms, max %%.1f ms\\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("manifest", type=Path)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    if not shutil.which("wrk"):
        sys.exit("wrk not found: apt-get install -y wrk")
    print(f"$ {' '.join([Path(sys.executable).name] + sys.argv)}")
    mix = query_mix(json.loads(args.manifest.read_text(encoding="utf-8")))
    paths = [url_for("", q, f, True) for _, q, f in mix]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(LUA % ", ".join(json.dumps(p) for p in paths))
        script = f.name
    server = Server("wsgi:app", {"INDEX_DIR": str(args.index)}, paths[0], args.workers)
    try:
        for path in paths:  # warm both workers' caches a little
            subprocess.run(["curl", "-s", "-o", "/dev/null", server.base + path], check=False)
        out = subprocess.run(
            ["wrk", "-t", "4", "-c", str(args.connections), "-d", f"{args.seconds}s", "--timeout", "30s",
             "--latency", "-s", script, server.base],
            capture_output=True, text=True, check=True,
        ).stdout
        rss = server.worker_rss_mb()
    finally:
        server.stop()
        Path(script).unlink()
    print(out.rstrip())
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    print(f"errors: {errors} socket errors/timeouts, {non2xx} non-2xx/3xx responses")
    print("worker RSS MB (current/peak): " + ", ".join(f"{c:.0f}/{p:.0f}" for c, p in rss))


if __name__ == "__main__":
    main()
