"""Write indexer/extract/data/charsets.json: the single-byte legacy Vietnamese charsets.

Sources, checked against each other before anything is written:
- VISCII (RFC 1456): glibc's iconv ``VISCII``, compared with viparse's table
  (viparse/normalize/viscii.py, MIT), all 134 letters agree.
- TCVN3 (ABC, ".VnTime" fonts): the bytes viparse observed in real TCVN3
  documents (viparse/normalize/tcvn3.py), each compared with glibc's
  ``TCVN5712-1``.  ABC has no upper-case toned letters (a ".VnTimeH" font
  draws the lower-case bytes in capitals), so the VN1 capitals iconv knows
  at 0x80-0x9F, in C0 and at a few high bytes are left out: in an ABC file
  those bytes are Windows punctuation (0x93/0x94 are curly quotes).
- VPS: viparse's table (glibc has none); it is checked by round trips only.

VNI-Windows (base letter + mark bytes) and Windows-1258 (Python's cp1258 +
combining tones) are rules, not tables: see indexer/extract/loaders/charsets.py.

    python scripts/make_charset_tables.py VIPARSE_DIR   # the unpacked viparse wheel
"""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "indexer" / "extract" / "data" / "charsets.json"


def iconv_table(name: str) -> dict[int, str]:
    out = {}
    for b in range(256):
        r = subprocess.run(["iconv", "-f", name, "-t", "UTF-8"], input=bytes([b]), capture_output=True)
        if r.returncode == 0 and r.stdout:
            out[b] = unicodedata.normalize("NFC", r.stdout.decode())
    return out


def viparse_table(name: str) -> dict[int, str]:
    module = __import__(f"viparse.normalize.{name}", fromlist=["x"])
    charmap = getattr(module, name.upper())
    return {ord(src): dst for src, dst in charmap.pairs if len(src) == 1}


def letters_only(table: dict[int, str]) -> dict[int, str]:
    """Bytes whose character differs from what Latin-1 would read (the letters)."""
    return {b: c for b, c in table.items() if c != bytes([b]).decode("latin-1")}


def main(viparse_dir: str) -> None:
    sys.path.insert(0, viparse_dir)
    viscii, viscii_vp = letters_only(iconv_table("VISCII")), viparse_table("viscii")
    assert viscii == letters_only(viscii_vp), "VISCII: iconv and viparse disagree"
    tcvn_iconv, tcvn3 = iconv_table("TCVN5712-1"), letters_only(viparse_table("tcvn3"))
    assert all(tcvn_iconv[b] == c for b, c in tcvn3.items()), "TCVN3: a byte differs from TCVN5712-1"
    vps = letters_only(viparse_table("vps"))
    tables = {name: {f"{b:02x}": c for b, c in sorted(t.items())}
              for name, t in (("tcvn3", tcvn3), ("viscii", viscii), ("vps", vps))}
    OUT.write_text(json.dumps(tables, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: " + ", ".join(f"{k} {len(v)} letters" for k, v in tables.items()))


if __name__ == "__main__":
    main(sys.argv[1])
