"""Align OCR tokens to the true tokens of the same document.

difflib first, then an edit-distance DP inside each differing block that
also lets one OCR token stand for two true syllables ("cachhanh" = "cach hanh").
"""

from __future__ import annotations

import difflib

from .corpus import tokens


def levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def ned(a: str, b: str) -> float:
    """Normalised edit distance, 0 (same) to 1 (nothing in common)."""
    return levenshtein(a, b) / max(len(a), len(b), 1)


def align_block(clean: list[str], ocr: list[str]) -> list[tuple[int, str]]:
    """Align a differing block: (ocr index, true token or "a b" for a merge).

    DP over substitutions (cost = normalised edit distance), merges of two
    true tokens into one OCR token, and skips (cost 1, e.g. OCR junk).
    """
    n, m = len(clean), len(ocr)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            steps = []
            if i < n:
                steps.append((i + 1, j, 1.0, "del"))
            if j < m:
                steps.append((i, j + 1, 1.0, "ins"))
            if i < n and j < m:
                steps.append((i + 1, j + 1, ned(clean[i], ocr[j]), "sub"))
            if i + 1 < n and j < m:
                # 0.15 extra: prefer two substitutions when the OCR split the words.
                steps.append((i + 2, j + 1, ned(clean[i] + clean[i + 1], ocr[j]) + 0.15, "merge"))
            for ni, nj, c, op in steps:
                if here + c < cost[ni][nj]:
                    cost[ni][nj], back[ni][nj] = here + c, (i, j, op)
    out, i, j = [], n, m
    while (i, j) != (0, 0):
        pi, pj, op = back[i][j]
        if op == "sub" and ned(clean[pi], ocr[pj]) < 0.75 or op == "sub" and len(ocr[pj]) <= 2:
            out.append((pj, clean[pi]))
        elif op == "merge" and ned(clean[pi] + clean[pi + 1], ocr[pj]) <= 0.4:
            out.append((pj, f"{clean[pi]} {clean[pi + 1]}"))
        i, j = pi, pj
    return out[::-1]


def align_positions(clean: list[str], ocr: list[str]) -> list[tuple[int, str]]:
    """(index into ocr, true token or "a b") for every OCR token that aligns."""
    pairs: list[tuple[int, str]] = []
    sm = difflib.SequenceMatcher(None, clean, ocr, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            pairs.extend((j, ocr[j]) for j in range(j1, j2))
        elif tag == "replace" and (i2 - i1) * (j2 - j1) <= 4000:
            pairs.extend((j1 + j, t) for j, t in align_block(clean[i1:i2], ocr[j1:j2]))
    return pairs


def align_doc(clean: list[str], ocr: list[str]) -> list[tuple[str, str, str, str]]:
    """(ocr token, true, previous ocr token, next ocr token) for aligned tokens."""
    n = len(ocr)
    return [
        (ocr[j], t, ocr[j - 1] if j else "", ocr[j + 1] if j + 1 < n else "")
        for j, t in align_positions(clean, ocr)
    ]


def align_corpus(pairs: list[tuple[str, str, str]]) -> list[tuple[str, str, str, str]]:
    out = []
    for _, clean, ocr in pairs:
        out.extend(align_doc(tokens(clean), tokens(ocr)))
    return out

