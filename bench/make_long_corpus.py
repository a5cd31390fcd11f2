"""An archive of long documents, for request bounds: N files of about 110 KB each.

    .venv/bin/python bench/make_long_corpus.py 500 /work/benchdata/long500 [--huge-mb 19]

Each file is clean documents of ../shared/data/legal-clean-dev.jsonl run
together (starting at document i, cycling) and cut at the first paragraph end
past 110,000 bytes, so every file keeps a real header at its top.  With
``--huge-mb`` one more file, ``huge.txt``, holds that many MB the same way (the
document page of a 19 MB file must stay bounded).  The same N gives the same
files.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "legal-clean-dev.jsonl"
if not DATA.exists():  # a worktree of its own under /work/wt
    DATA = Path("/work/shared/data/legal-clean-dev.jsonl")
SIZE = 110_000


def texts() -> list[str]:
    with DATA.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def long_text(pool: list[str], start: int, size: int) -> str:
    parts, total, i = [], 0, start
    while total < size:
        t = pool[i % len(pool)]
        parts.append(t)
        total += len(t.encode("utf-8")) + 2
        i += 1
    text = "\n\n".join(parts)
    cut = text.find("\n", len(text.encode("utf-8")[:size].decode("utf-8", "ignore")))
    return text if cut < 0 else text[:cut]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("count", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--huge-mb", type=float, default=0)
    args = ap.parse_args(argv)
    pool = texts()
    args.out.mkdir(parents=True, exist_ok=True)
    for i in range(args.count):
        (args.out / f"long{i:04d}.txt").write_text(long_text(pool, i * 7, SIZE), encoding="utf-8")
    if args.huge_mb:
        (args.out / "huge.txt").write_text(long_text(pool, 3, int(args.huge_mb * 1_000_000)), encoding="utf-8")
    print(f"wrote {args.count} files{' and huge.txt' if args.huge_mb else ''} to {args.out}")


if __name__ == "__main__":
    main()
