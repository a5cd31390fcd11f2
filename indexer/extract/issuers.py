"""Resolve the issuer phrase of a citation ("của UBND tỉnh") to a body.

"UBND tỉnh" in a document of UBND thị xã Phước Long (Bình Phước) means UBND
tỉnh Bình Phước; "UBND thị xã" there means its own unit.  A phrase that names
another unit is resolved through the unit list; anything else is returned as
written, with no body, so it never merges with a resolved key.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from indexer.legal import bodies as agencies

from indexer.legal import units
from indexer.extract.records import Metadata
from indexer.analysis.text import fold

_LEVEL_RX = (
    (r"t[i1]nh", "tinh"), (r"th\S{0,2}nh\s*ph\S{1,2}", "thanh pho"), (r"th[ij1]\s*x\S{1,2}", "thi xa"),
    (r"th[ij1]\s*tr\S{1,2}n", "thi tran"), (r"huy\S{1,2}n", "huyen"), (r"qu\S{1,2}n", "quan"),
    (r"ph\S{1,3}ng", "phuong"), (r"x\S", "xa"),
)
_PEOPLE = re.compile(
    r"^(chu tich\s+)?(ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan)\s+(" + "|".join(r for r, _ in _LEVEL_RX) + r")\b\s*(.*)$"
)


def _level(word: str) -> str:
    return next(lv for rx, lv in _LEVEL_RX if re.fullmatch(rx, word))


def _own_unit(meta: Metadata | None) -> units.Unit | None:
    """The citing document's unit, parsed back from its label."""
    if not meta or not meta.unit or not meta.province:
        return None
    m = re.search(r"(thành phố|tỉnh|huyện|quận|thị xã|thị trấn|xã|phường) (.+)$", meta.unit)
    if not m:
        return None
    found = units.lookup(m.group(2), m.group(1), meta.province)
    return found[0] if len(found) == 1 else None


def _near(a: str, b: str) -> bool:
    return SequenceMatcher(None, units.key_of(a), units.key_of(b)).ratio() >= 0.8


def _named_unit(level: str, rest: str, meta: Metadata | None) -> units.Unit | None:
    """The unit named after the level word, or the citing document's own one."""
    words = units.key_of(rest).split()[:5]
    hints = {meta.province} if meta and meta.province else set()
    for n in range(len(words), 0, -1):
        unit = units.resolve(level, " ".join(words[:n]), hints)
        if unit:
            return unit
    own = _own_unit(meta)
    if level in ("tinh", "thanh pho") and meta and meta.province:
        if not words or _near(" ".join(words[:4]), meta.province) or _near(" ".join(words[:2]), meta.province):
            found = units.lookup(meta.province, level)
            return next((u for u in found if u.tier == 1), None)
    if own and units.LEVELS[level] == own.level and (not words or _near(" ".join(words[:len(own.name.split())]), own.name)):
        return own
    return None


def resolve_issuer(phrase: str, meta: Metadata | None = None) -> tuple[str, str | None]:
    """(issuer as displayed, body slug for the key or None when unresolved)."""
    folded = " ".join(re.sub(r"[^a-z0-9& ]+", " ", fold(phrase)).split())
    m = _PEOPLE.match(folded)
    if m:
        level = _level(m.group(3))
        unit = _named_unit(level, m.group(4), meta)
        if unit:
            body = "HĐND" if m.group(2) in ("hdnd", "hoi dong nhan dan") else "UBND"
            lead = "Chủ tịch " if m.group(1) else ""
            return f"{lead}{body} {unit.label}", unit.slug
        return phrase, None
    known = agencies.longest_prefix(folded)
    if known:
        if known.startswith("Sở ") and meta and meta.province:
            prov = next((u for u in units.lookup(meta.province) if u.tier == 1), None)
            if prov:
                return f"{known} {prov.label}", prov.slug
        return known, None
    return phrase, None
