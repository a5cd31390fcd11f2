"""Write the restoration model file byte-for-byte reproducibly.

Layout (read by indexer/extract/restore/model.py): gzip (mtime 0, no name)
of one JSON line, then little-endian arrays in the order the JSON lists
them.  Entries are sorted by their ids, so equal input gives equal bytes and
the sorted id columns compress well.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import numpy as np

from indexer.extract.restore.model import SCALE
from restoremodel.lm import Backoff


def _q(values, high: float = 0.0) -> np.ndarray:
    """Log values as int16 hundredths of a nat (probabilities floored at -327)."""
    scaled = np.round(np.asarray(values, dtype=np.float64) * SCALE)
    return np.clip(scaled, -32700, high * SCALE).astype("<i2")


def _columns(table: dict, width: int, high: float = 0.0) -> list[np.ndarray]:
    """Id columns (uint16) and the quantised values of a table, sorted by key."""
    keys = sorted(table)
    if width == 1:
        cols = [np.array(keys, dtype="<u2")]
    else:
        cols = [np.array([k[i] for k in keys], dtype="<u2") for i in range(width)]
    return cols + [_q([table[k] for k in keys], high)]


def lm_arrays(lm: Backoff, counts: list[int]) -> list[tuple[str, np.ndarray]]:
    """The named arrays of the language model, in file order."""
    # A backoff weight may exceed 1 after pruning (log > 0): allow up to e^300.
    named = [("count", np.asarray(counts, dtype="<u4")), ("uni", _q(lm.uni))]
    named += zip(("bow2_b", "bow2_w"), _columns(lm.bow2, 1, high=300.0))
    named += zip(("bi_b", "bi_c", "bi_p"), _columns(lm.bi, 2))
    named += zip(("bow3_a", "bow3_b", "bow3_w"), _columns(lm.bow3, 2, high=300.0))
    named += zip(("tri_a", "tri_b", "tri_c", "tri_p"), _columns(lm.tri, 3))
    return named


def write_model(header: dict, arrays: list[tuple[str, np.ndarray]], out: Path) -> str:
    """Write the file; the version is a hash of everything in it."""
    h = hashlib.sha256(json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    for name, arr in arrays:
        h.update(name.encode())
        h.update(arr.tobytes())
    version = h.hexdigest()[:16]
    layout = [[name, arr.dtype.str, int(arr.size)] for name, arr in arrays]
    line = json.dumps(dict(header, version=version, arrays=layout), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="", compresslevel=9) as gz:
        gz.write(line.encode("utf-8") + b"\n")
        for _, arr in arrays:
            gz.write(arr.tobytes())
    return version
