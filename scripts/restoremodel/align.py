"""Align the words of an OCR text to the words of its true text, by index.

The same method as scripts/ocrmodel/align.py (difflib on folded words, then
an edit-distance DP inside each differing block, where one OCR word may
stand for two true ones, "cachhanh" = "cach hanh"), but returning indices,
so the true word keeps its accents and case.  Used by the build (channel
statistics) and by bench/restore_accuracy.py (scoring).
"""

from __future__ import annotations

import difflib

from indexer.analysis.text import fold
from ocrmodel.align import ned

# A replace block larger than this (words x words) is left unaligned.
MAX_BLOCK = 4000


def align_block(true: list[str], ocr: list[str]) -> list[tuple[int, tuple[int, ...]]]:
    """(ocr index, true indices) inside one differing block of folded words."""
    n, m = len(true), len(ocr)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            steps = []
            if i < n:
                steps.append((i + 1, j, 1.0, 1))
            if j < m:
                steps.append((i, j + 1, 1.0, 0))
            if i < n and j < m:
                steps.append((i + 1, j + 1, ned(true[i], ocr[j]), 2))
            if i + 1 < n and j < m:
                steps.append((i + 2, j + 1, ned(true[i] + true[i + 1], ocr[j]) + 0.15, 3))
            for ni, nj, c, op in steps:
                if here + c < cost[ni][nj]:
                    cost[ni][nj], back[ni][nj] = here + c, (i, j, op)
    out, i, j = [], n, m
    while (i, j) != (0, 0):
        pi, pj, op = back[i][j]
        if op == 2 and (ned(true[pi], ocr[pj]) < 0.75 or len(ocr[pj]) <= 2):
            out.append((pj, (pi,)))
        elif op == 3 and ned(true[pi] + true[pi + 1], ocr[pj]) <= 0.4:
            out.append((pj, (pi, pi + 1)))
        i, j = pi, pj
    return out[::-1]


def align(true_words: list[str], ocr_words: list[str]) -> list[tuple[int, tuple[int, ...]]]:
    """(ocr index, indices of the true words it reads) for every OCR word that aligns."""
    tf = [fold(w) for w in true_words]
    of = [fold(w) for w in ocr_words]
    out: list[tuple[int, tuple[int, ...]]] = []
    sm = difflib.SequenceMatcher(None, tf, of, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out.extend((j1 + k, (i1 + k,)) for k in range(j2 - j1))
        elif tag == "replace" and (i2 - i1) * (j2 - j1) <= MAX_BLOCK:
            out.extend((j1 + j, tuple(i1 + i for i in ii)) for j, ii in align_block(tf[i1:i2], of[j1:j2]))
    return out
