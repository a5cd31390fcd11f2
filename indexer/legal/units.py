"""Administrative units (pre-2025 list of vietnam_provinces 0.6.0).

Restores the diacritics of a unit name read from folded or OCR'd text
("THI XA PHUOC LONG" -> thị xã Phước Long) and finds its province.  Many
communes share a name, so a lookup returns every candidate and callers take
a province only when the candidates agree or another mention decides it.
The list is read lazily, on the first lookup, never at import.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from functools import lru_cache

from indexer.analysis import confusions
from indexer.analysis.text import fold, normalize
from indexer.legal import levels

_NON_WORD = re.compile(r"[^a-z0-9]+")
# Đ as OCR reads it at a name's start (analysis.confusions): two letters, or "b"/"p".
_DOUBLE_D = re.compile(r"\b(?:" + "|".join(confusions.d_doubled()) + r")(?=[aeiouy])")
_VOWEL_AFTER_PB = re.compile(r"\b" + confusions.class_of("".join(confusions.d_lookalikes())) + r"(?=[aeiouy])")


@dataclass(frozen=True)
class Unit:
    level: str  # "thị xã"
    name: str  # "Phước Long"
    province: str  # "Bình Phước"
    tier: int  # 1 province, 2 district, 3 commune
    district: str = ""  # folded name of the district a commune lies in, or a district's own

    @property
    def label(self) -> str:
        """"thị xã Phước Long", as it stands after "UBND"."""
        return f"{self.level} {self.name}"

    @property
    def slug(self) -> str:
        """URL-safe ASCII: "thi-xa-phuoc-long"."""
        return key_of(self.label).replace(" ", "-")


_I_FOR_Y = re.compile(r"\b(qu|[hklmst])i\b")


def key_of(name: str) -> str:
    """Folded name with punctuation dropped: "Bà Rịa - Vũng Tàu" -> "ba ria vung tau".

    The old and new spellings of a final i/y are one ("Phú Quí" = "Phú Quý").
    """
    return _I_FOR_Y.sub(r"\1y", _NON_WORD.sub(" ", fold(name)).strip())


def _split(full: str) -> tuple[str, str]:
    """"Thị xã Phước Long" -> ("thị xã", "Phước Long")."""
    folded = fold(full)
    for lv in sorted(levels.words(), key=len, reverse=True):
        if folded.startswith(lv + " "):
            return levels.words()[lv], full[len(lv) + 1 :]
    return "", full


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[Unit, ...]]:
    """Folded bare name -> units with that name (all tiers)."""
    from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

    data = json.loads(NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    index: dict[str, list[Unit]] = {}
    for p in data:
        plevel, pname = _split(normalize(p["name"]))
        units = [Unit(plevel, pname, pname, 1)]
        for d in p["districts"]:
            dlevel, dname = _split(normalize(d["name"]))
            units.append(Unit(dlevel, dname, pname, 2, key_of(dname)))
            units.extend(Unit(*_split(normalize(w["name"])), pname, 3, key_of(dname)) for w in d["wards"])
        for u in units:
            index.setdefault(key_of(u.name), []).append(u)
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=1)
def _glued_index() -> dict[str, tuple[Unit, ...]]:
    """Names with their spaces dropped ("hanoi", "kontum"): OCR glues short syllables."""
    glued: dict[str, list[Unit]] = {}
    for k, found in _index().items():
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


def lookup(name: str, level: str | None = None, province: str | None = None) -> list[Unit]:
    """Units whose name reads as ``name`` (folded or OCR'd), optionally filtered.

    ``level`` is a folded or accented level word ("thi xa", "thị xã"); a
    province-level "thành phố" and a district-level one are both kept.
    """
    want_level = levels.word(key_of(level)) if level else None
    want_prov = key_of(province) if province else None
    index, glued = _index(), _glued_index()
    for key in _ocr_keys(key_of(name)):
        found = [
            u
            # "si macai", "long tria": OCR glued some syllables, not all
            for u in index.get(key, ()) or glued.get(key.replace(" ", ""), ())
            if (want_level is None or u.level == want_level)
            and (want_prov is None or key_of(u.province) == want_prov)
        ]
        if found:
            return found
    return []


def province(name: str) -> str | None:
    """The province called ``name`` ("Pong Thap" -> "Đồng Tháp"), if exactly one."""
    found = {u.name for u in lookup(name) if u.tier == 1}
    return found.pop() if len(found) == 1 else None


def resolve(level: str, name: str, hint_provinces: set[str] = frozenset(), parent: Unit | None = None) -> Unit | None:
    """The one unit a header names, or None when the name is unknown or ambiguous.

    Candidates are narrowed by the unit the header names above it
    (``parent``: "UBND HUYỆN PHÚ QUÝ" over "UBND XÃ TAM THANH"), then by the
    provinces mentioned elsewhere in the document (``hint_provinces``); we
    never pick among the rest.
    """
    found = lookup(name, level)
    if len(found) > 1 and parent is not None:
        inside = [u for u in found if u.province == parent.province and (parent.tier == 1 or u.district == parent.district)]
        found = inside or found
    if len(found) > 1 and hint_provinces:
        hinted = [u for u in found if u.province in hint_provinces]
        found = hinted or found
    if len({(u.level, u.name, u.province) for u in found}) == 1:
        return found[0]
    return None


def restore_name(level: str, name: str) -> str | None:
    """The accented name when every candidate spells it the same way."""
    spellings = {u.name for u in lookup(name, level)}
    return spellings.pop() if len(spellings) == 1 else None


@lru_cache(maxsize=1)
def _province_mention() -> re.Pattern:
    # A lookahead so "tỉnh A và tỉnh B" yields both mentions.
    return re.compile(r"(?=\b" + levels.alternation(tiers=(1,)) + r"\s+([a-z]+(?: [a-z]+){0,3}))")


def provinces_mentioned(folded: str) -> set[str]:
    """Provinces named as "tỉnh X"/"thành phố X" in folded text."""
    found: set[str] = set()
    for m in _province_mention().finditer(folded):
        words = m.group(1).split()
        for n in range(len(words), 0, -1):  # longest name first: "ba ria vung tau"
            p = province(" ".join(words[:n]))
            if p:
                found.add(p)
                break
    return found
