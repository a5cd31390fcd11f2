"""Decode a text's lattice: each word's candidates in, the best reading out.

Candidates live in a ``Pool``: every distinct word (with its repairs) gets
its block of candidates once per process, written into flat arrays (ids of
the first and second syllable, channel scores).  A text is then a list of
blocks, one per word, handed to the compiled Viterbi pass (``kernel``) in
one call; nothing is copied per word.
"""

from __future__ import annotations

import numpy as np

from indexer.extract.restore.model import RestoreModel

_START = 1 << 16


class Pool:
    """Candidate blocks, added once and read by the decoder for every text."""

    def __init__(self):
        # What each candidate makes of its block's word (None: no change); the
        # candidates themselves are not kept (fewer objects for the collector).
        self.readings: list[str | None] = []
        self.c1 = np.empty(_START, np.int64)
        self.c2 = np.empty(_START, np.int64)
        self.emit = np.empty(_START, np.float64)

    def __len__(self) -> int:
        return len(self.readings)

    def add(self, cands: tuple, word: str) -> tuple[int, int]:
        """Store the candidates of ``word``; return (offset, count) of its block."""
        from indexer.extract.restore.restorer import reading_of

        offset = len(self.readings)
        end = offset + len(cands)
        if end > len(self.c1):
            self._grow(end)
        for i, cand in enumerate(cands, offset):
            self.c1[i] = cand.ids[0]
            self.c2[i] = cand.ids[1] if len(cand.ids) > 1 else -1
            self.emit[i] = cand.emit
        self.readings.extend(reading_of(c, word) for c in cands)
        return offset, len(cands)

    def _grow(self, needed: int) -> None:
        size = max(needed, 2 * len(self.c1))
        for name in ("c1", "c2", "emit"):
            old = getattr(self, name)
            new = np.empty(size, old.dtype)
            new[: len(old)] = old
            setattr(self, name, new)


def decode(model: RestoreModel, pool: Pool, blocks: list[tuple[int, int]], fresh: list[bool],
           beam: float, share: float = 0.1, slots: int = 3) -> tuple[list[int], list[float], list[list[int]]]:
    """The chosen candidate (its index in ``pool``) of every word, how sure the
    model is of it (its posterior with the neighbours as chosen), and the
    candidates holding at least ``share`` of the word's posterior (at most
    ``slots``, likeliest first); ``blocks`` are the words' (offset, count) in
    ``pool``, ``fresh[i]`` True where word i starts a stretch."""
    if not blocks:
        return [], [], []
    from indexer.extract.restore import kernel

    where = np.array(blocks, np.int64)
    starts, counts = where[:, 0], where[:, 1]
    stretches = np.array(fresh, np.bool_)
    chosen = np.zeros(len(blocks), np.int64)
    sure = np.ones(len(blocks), np.float64)
    plausible = np.full((len(blocks), slots), -1, np.int64)
    kernel.viterbi(model.tables, model.sent, starts, counts, stretches, pool.c1, pool.c2, pool.emit, float(beam),
                   chosen, sure, plausible, float(share))
    return chosen.tolist(), sure.tolist(), [[k for k in row if k >= 0] for row in plausible.tolist()]
