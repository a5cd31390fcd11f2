"""Administrative units, on the map valid at a document's date.

Restores the diacritics of a unit name read from folded or OCR'd text
("THI XA PHUOC LONG" -> thị xã Phước Long) and finds its province.  Two
maps (``unitmaps``): the 63-province, three-level one of documents dated
before 1 July 2025 and the 34-province, two-level one from then on.  A
dated lookup reads the map valid on that day, and the other only for a
name the valid one does not know (a misread date, a late document); an
undated one reads both, and a name they place differently is ambiguous.
Many communes share a name, so a lookup returns every candidate and
callers take one only when the candidates agree or another mention
decides it.  Nothing is read before the first lookup.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from indexer.analysis import confusions
from indexer.legal import levels
from indexer.legal.unitmaps import NEW, OLD, Unit, key_of, maps_on, now_in, units

__all__ = ["NEW", "OLD", "Unit", "key_of", "lookup", "now_in", "province", "provinces_mentioned", "resolve", "restore_name"]

# Đ as OCR reads it at a name's start (analysis.confusions): two letters, or "b"/"p".
_DOUBLE_D = re.compile(r"\b(?:" + "|".join(confusions.d_doubled()) + r")(?=[aeiouy])")
_VOWEL_AFTER_PB = re.compile(r"\b" + confusions.class_of("".join(confusions.d_lookalikes())) + r"(?=[aeiouy])")


@lru_cache(maxsize=2)
def _index(map_name: str) -> dict[str, tuple[Unit, ...]]:
    """Folded bare name -> units of a map with that name (all tiers)."""
    index: dict[str, list[Unit]] = {}
    for u in units(map_name):
        index.setdefault(key_of(u.name), []).append(u)
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=2)
def _glued_index(map_name: str) -> dict[str, tuple[Unit, ...]]:
    """Names with their spaces dropped ("hanoi", "kontum"): OCR glues short syllables."""
    glued: dict[str, list[Unit]] = {}
    for k, found in _index(map_name).items():
        if " " in k:
            glued.setdefault(k.replace(" ", ""), []).extend(found)
    return {k: tuple(v) for k, v in glued.items()}


def _ocr_keys(key: str) -> list[str]:
    """The key itself, then readings with an OCR'd Đ ("pong thap" -> "dong thap")."""
    key = _DOUBLE_D.sub("d", key)  # "Pdong" -> "dong": Đ read as two letters
    spots = [m.start() for m in _VOWEL_AFTER_PB.finditer(key)]
    keys = [key]
    for choice in itertools.product((False, True), repeat=min(len(spots), 4)):
        chars = list(key)
        for pos, swap in zip(spots, choice):
            if swap:
                chars[pos] = "d"
        keys.append("".join(chars))
    return list(dict.fromkeys(keys))


def _candidates(map_name: str, key: str, level: str | None, province: str | None) -> list[Unit]:
    # "si macai", "long tria": OCR glued some syllables, not all
    found = _index(map_name).get(key, ()) or _glued_index(map_name).get(key.replace(" ", ""), ())
    return [u for u in found if (level is None or u.level == level) and (province is None or key_of(u.province) == province)]


def lookup(name: str, level: str | None = None, province: str | None = None, on: str | None = None) -> list[Unit]:
    """Units whose name reads as ``name`` (folded or OCR'd), optionally filtered, on the
    map valid on day ``on`` (ISO), else the other; on both when ``on`` is None.

    ``level`` is a folded or accented level word ("thi xa", "thị xã"); a
    province-level "thành phố" and a district-level one are both kept.
    """
    want_level = levels.word(key_of(level)) if level else None
    want_prov = key_of(province) if province else None
    keys = _ocr_keys(key_of(name))
    groups = [maps_on(on)] if on is None else [(m,) for m in maps_on(on)]
    for maps in groups:
        for key in keys:
            found = [u for m in maps for u in _candidates(m, key, want_level, want_prov)]
            if found:
                return found
    return []


def province(name: str, on: str | None = None) -> str | None:
    """The province called ``name`` ("Pong Thap" -> "Đồng Tháp"), if exactly one."""
    found = {u.name for u in lookup(name, on=on) if u.tier == 1}
    return found.pop() if len(found) == 1 else None


def resolve(level: str, name: str, hint_provinces: set[str] = frozenset(), parent: Unit | None = None,
            on: str | None = None) -> Unit | None:
    """The one unit a header names, or None when the name is unknown or ambiguous.

    Candidates are narrowed by the unit the header names above it
    (``parent``: "UBND HUYỆN PHÚ QUÝ" over "UBND XÃ TAM THANH"), then by the
    provinces mentioned elsewhere in the document (``hint_provinces``); we
    never pick among the rest.
    """
    found = lookup(name, level, on=on)
    if len(found) > 1 and parent is not None:
        inside = [u for u in found if u.province == parent.province and (parent.tier == 1 or u.district == parent.district)]
        found = inside or found
    if len(found) > 1 and hint_provinces:
        hinted = [u for u in found if u.province in hint_provinces]
        found = hinted or found
    if len({(u.level, u.name, u.province) for u in found}) == 1:
        return found[0]
    return None


def restore_name(level: str, name: str, on: str | None = None) -> str | None:
    """The accented name when every candidate spells it the same way."""
    spellings = {u.name for u in lookup(name, level, on=on)}
    return spellings.pop() if len(spellings) == 1 else None


@lru_cache(maxsize=1)
def _province_mention() -> re.Pattern:
    # A lookahead so "tỉnh A và tỉnh B" yields both mentions.
    return re.compile(r"(?=\b" + levels.alternation(tiers=(1,)) + r"\s+([a-z]+(?: [a-z]+){0,3}))")


def provinces_mentioned(folded: str, on: str | None = None) -> set[str]:
    """Provinces named as "tỉnh X"/"thành phố X" in folded text."""
    found: set[str] = set()
    for m in _province_mention().finditer(folded):
        words = m.group(1).split()
        for n in range(len(words), 0, -1):  # longest name first: "ba ria vung tau"
            p = province(" ".join(words[:n]), on)
            if p:
                found.add(p)
                break
    return found
