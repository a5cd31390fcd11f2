"""The restoration model: a trigram language model of accented syllables and
the OCR channel, read lazily from ``data/restore_model.bin.gz``.

The file (written by scripts/build_restore_model.py) is gzip'd: one line of
JSON (vocabulary, parameters, channel tables, array layout), then the
language model as little-endian arrays: n-grams as rows (entries per row
and column deltas), log-probabilities as uint8 eighths of a nat, backoff
weights and unigrams as int16 hundredths.  Loading lays the n-grams out as rows for the
compiled decoder (``kernel``).
"""

from __future__ import annotations

import gzip
import json
import math
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

from indexer.analysis.text import fold
from indexer.extract.restore.tokens import NUM, SENT, UNK

DEFAULT_MODEL = Path(__file__).parent / "data" / "restore_model.bin.gz"
SCALE = 100.0  # int16 log values are hundredths of a nat
STEP8 = 8.0  # uint8 n-gram log-probabilities are eighths of a nat below 0


class RestoreModel:
    """Language model tables (for the compiled decoder) and the lattice's tables."""

    def __init__(self, header: dict, arrays: dict[str, np.ndarray]):
        from indexer.extract.restore import kernel  # numba: compiled on first use

        self.version: str = header["version"]
        self.params: dict = header["params"]
        self.vocab: list[str] = header["vocab"]
        self.ids = {w: i for i, w in enumerate(self.vocab)}
        self.size = size = len(self.vocab)
        self.sent, self.num, self.unk = self.ids[SENT], self.ids[NUM], self.ids[UNK]
        bow2 = np.zeros(size)
        bow2[arrays["bow2_b"]] = arrays["bow2_w"] / SCALE
        bi_b, bi_c = _unrow(arrays["bi_n"], arrays["bi_dc"])
        ctx_a, ctx_b = _unrow(arrays["ctx_n"], arrays["ctx_db"])
        tri_ctx, tri_c = _unrow(arrays["tri_n"], arrays["tri_dc"])
        ctx_keys = ctx_a * size + ctx_b
        bits = kernel.table_bits(len(ctx_keys))
        pair_bits = kernel.table_bits(len(bi_b))
        pairs = kernel.build_pairs(bi_b * size + bi_c, (arrays["bi_p"] / -STEP8).astype(np.float32), pair_bits)
        # What kernel.lm_score unpacks: one tuple, so compiled code takes it whole.
        self.tables = (
            size, kernel.build_contexts(ctx_keys, bits), bits,
            kernel.rows(tri_ctx, len(ctx_keys)), tri_c.astype(np.int32), (arrays["tri_p"] / -STEP8).astype(np.float32),
            (arrays["ctx_w"] / SCALE).astype(np.float32),
            *pairs, pair_bits,
            bow2.astype(np.float32), (arrays["uni"] / SCALE).astype(np.float32),
        )
        self.accents = _accent_table(self.vocab, arrays["count"].tolist(), self.params["min_accent_share"])
        self.marks: dict[str, dict[str, float]] = header["marks"]
        self.ranks: dict[str, list[float]] = header["ranks"]
        self.forms: dict[str, dict[str, float]] = header["forms"]

    def score(self, a: int, b: int, c: int) -> float:
        """log P(c | a b) with backoff."""
        from indexer.extract.restore.kernel import lm_score

        return float(lm_score(self.tables, a, b, c))

    def word_id(self, word: str) -> int:
        """The id of a lower-case word, UNK when the model does not know it."""
        return self.ids.get(word, self.unk)


def _unrow(counts: np.ndarray, deltas: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of every entry stored as entries per row and column
    deltas within rows (scripts/restoremodel/write.py)."""
    rows = np.repeat(np.arange(len(counts), dtype=np.int64), counts.astype(np.int64))
    total = np.cumsum(deltas, dtype=np.int64)
    first = np.concatenate(([0], np.cumsum(counts.astype(np.int64))[:-1]))
    first = np.repeat(first, counts.astype(np.int64))
    return rows, total - total[first] + deltas[first]


def _accent_table(vocab: list[str], counts: list[int], min_share: float) -> dict[str, tuple]:
    """Folded word -> ((id, log P(word | folded)), ...), likeliest first;
    spellings below ``min_share`` of their folded form are left out."""
    groups: dict[str, list[tuple[int, int]]] = {}
    for i, (word, n) in enumerate(zip(vocab, counts)):
        if n and word.isalpha():
            groups.setdefault(fold(word), []).append((n, i))
    out = {}
    for folded, members in groups.items():
        total = sum(n for n, _ in members)
        members.sort(key=lambda m: (-m[0], m[1]))
        out[folded] = tuple((i, math.log(n / total)) for n, i in members if n / total >= min_share)
    return out


def read_model(path: str | os.PathLike) -> RestoreModel:
    with gzip.open(path, "rb") as fh:
        header = json.loads(fh.readline())
        arrays = {}
        for name, dtype, length in header["arrays"]:
            dt = np.dtype(dtype).newbyteorder("<")
            arrays[name] = np.frombuffer(fh.read(dt.itemsize * length), dtype=dt)
    return RestoreModel(header, arrays)


@lru_cache(maxsize=4)
def load(path: str | None = None) -> RestoreModel:
    """The model at ``path`` (the shipped one by default), read once per process."""
    return read_model(path or DEFAULT_MODEL)
