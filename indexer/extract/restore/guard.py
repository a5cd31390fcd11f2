"""Words the restorer must not guess: document numbers, and unit names the
gazetteer spells.

- A word glued to "/" or "-" that is digits or a code belongs to a số ký
  hiệu ("173/QD-UBND", "27/KH-\\nUBND"): a listed code takes its canonical
  spelling (legal.doctypes, legal.numbers: "QĐ", "HĐND", "BLĐTBXH"), the
  rest is kept as read, never guessed by the language model.
- A unit name after its level word ("huyện", "thị xã", "xã" ...) is spelled
  as the gazetteer spells it when every unit of that name does
  ("PHUOC LONG" -> "PHƯỚC LONG", "Phong Thé" -> "Phong Thổ"), never
  left to the language model.
"""

from __future__ import annotations

from functools import lru_cache

from indexer.analysis.text import fold
from indexer.legal import doctypes, numbers
from indexer.legal.units import LEVELS, restore_name

# Level words by their folded syllables, longest first ("thi xa" before "xa").
_LEVELS = sorted((tuple(k.split()) for k in LEVELS), key=len, reverse=True)
_FIRST = frozenset(level[0] for level in _LEVELS)
_NAME_WORDS = (3, 2, 1)  # unit names of up to three syllables (most are two)
_JOINERS = "/-"


def number_part(text: str, start: int, end: int, word: str, is_syllable) -> str | None:
    """How a word glued to "/" or "-" is read when it belongs to a số ký hiệu:
    a listed code in its canonical spelling ("QD" -> "QĐ", "HDND" -> "HĐND",
    "Qb" -> "QĐ"), digits and other codes as they stand; None for a word that
    is not part of a number (restored like any other: "CÔNG BÁO/Số")."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before not in _JOINERS and after not in _JOINERS:
        return None
    if word.isdigit():
        return word
    letters = [c for c in word if c.isalpha()]
    if any(c.isdigit() for c in word):
        return numbers.canonical_issuer_part(word) if numbers.known_issuer(word) else word
    if not all(c.isupper() for c in letters[:1]) or sum(c.islower() for c in letters) > 1:
        return None
    if numbers.known_issuer(word):
        return numbers.canonical_issuer_part(word)
    found = doctypes.by_code(word)
    if found is not None:
        return found.code
    return None if is_syllable(fold(word)) else word


def unit_names(folded: list[str], words: list[str], alts: list[list[str]]) -> dict[int, str]:
    """{word index: gazetteer spelling} for unit names after a level word."""
    out: dict[int, str] = {}
    n = len(folded)
    i = 0
    while i < n:
        first = alts[i][0] if alts[i] else ""
        width = _level_at(folded, alts, i) if folded[i] in _FIRST or first in _FIRST else 0
        if not width:
            i += 1
            continue
        level = " ".join(folded[i : i + width])
        start = i + width
        for size in _NAME_WORDS:
            names = words[start : start + size]
            if len(names) < size or not all(w[:1].isupper() for w in names):
                continue
            spelled = _spelling(level, " ".join(folded[start : start + size]))
            if spelled and len(spelled.split()) == size:
                out.update(zip(range(start, start + size), spelled.split()))
                start += size
                break
        i = start
    return out


def _level_at(folded: list[str], alts: list[list[str]], i: int) -> int:
    """How many words the level word at ``i`` spans (0 when none is there);
    the repairer's first reading counts ("x4" is "xa")."""
    for level in _LEVELS:
        width = len(level)
        if i + width > len(folded):
            continue
        if all(folded[i + k] == syl or alts[i + k][:1] == [syl] for k, syl in enumerate(level)):
            return width
    return 0


@lru_cache(maxsize=8192)
def _spelling(level: str, name: str) -> str | None:
    return restore_name(level, name)
