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

from indexer.extract.restore.model import SCALE, STEP8
from restoremodel.lm import Backoff


def _q(values, high: float = 0.0) -> np.ndarray:
    """Log values as int16 hundredths of a nat (probabilities floored at -327)."""
    scaled = np.round(np.asarray(values, dtype=np.float64) * SCALE)
    return np.clip(scaled, -32700, high * SCALE).astype("<i2")


def _q8(values) -> np.ndarray:
    """Log-probabilities as uint8 steps of 1/STEP8 nat below 0 (floored at -31.9)."""
    return np.clip(np.round(-np.asarray(values, dtype=np.float64) * STEP8), 0, 255).astype("u1")


def _rows(keys: list[tuple], size: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted (row, column) keys as entries per row (dense over ``size`` rows,
    uint32) and column deltas within each row (the first is absolute)."""
    rows = np.array([k[0] for k in keys], dtype=np.int64)
    cols = np.array([k[1] for k in keys], dtype=np.int64)
    deltas = np.diff(cols, prepend=0)
    starts = np.ones(len(keys), bool)
    starts[1:] = rows[1:] != rows[:-1]
    deltas[starts] = cols[starts]
    return np.bincount(rows, minlength=size).astype("<u4"), deltas.astype("<u2")


def lm_arrays(lm: Backoff, counts: list[int]) -> list[tuple[str, np.ndarray]]:
    """The named arrays of the language model, in file order.

    Bigrams are rows per first word, trigram contexts rows per first word,
    trigrams rows per context, each row as a count and column deltas (sorted
    ids compress well that way)."""
    size = len(counts)
    bow2 = sorted(lm.bow2)
    bi = sorted(lm.bi)
    ctx = sorted(lm.bow3)
    tri = sorted(lm.tri)
    ctx_index = {k: i for i, k in enumerate(ctx)}
    bi_n, bi_dc = _rows(bi, size)
    ctx_n, ctx_db = _rows(ctx, size)
    tri_n, tri_dc = _rows([(ctx_index[k[:2]], k[2]) for k in tri], len(ctx))
    # A backoff weight may exceed 1 after pruning (log > 0): allow up to e^300.
    return [
        ("count", np.asarray(counts, dtype="<u4")),
        ("uni", _q(lm.uni)),
        ("bow2_b", np.array(bow2, dtype="<u2")), ("bow2_w", _q([lm.bow2[k] for k in bow2], high=300.0)),
        ("bi_n", bi_n), ("bi_dc", bi_dc), ("bi_p", _q8([lm.bi[k] for k in bi])),
        ("ctx_n", ctx_n), ("ctx_db", ctx_db), ("ctx_w", _q([lm.bow3[k] for k in ctx], high=300.0)),
        ("tri_n", tri_n), ("tri_dc", tri_dc), ("tri_p", _q8([lm.tri[k] for k in tri])),
    ]


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
