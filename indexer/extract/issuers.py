"""Resolve the issuer phrase of a citation ("của UBND tỉnh") to a body.

"UBND tỉnh" in a document of UBND thị xã Phước Long (Bình Phước) means UBND
tỉnh Bình Phước; "UBND thị xã" there means its own unit.  A phrase that names
another unit is resolved through the unit list; anything else is returned as
written, with no body, so it never merges with a resolved key.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from indexer.analysis.text import fold
from indexer.extract.records import Metadata
from indexer.legal import bodies as agencies
from indexer.legal import levels, units


@lru_cache(maxsize=1)
def _people() -> re.Pattern:
    """"UBND tỉnh ...", "Chủ tịch Hội đồng nhân dân huyện ...", folded, the level as OCR reads it."""
    names = "|".join(re.escape(n) for n in agencies.people_names())
    return re.compile(r"^(chu tich\s+)?(" + names + r")\s+(" + levels.ocr_alternation() + r")\b\s*(.*)$")


@lru_cache(maxsize=1)
def _level_label() -> re.Pattern:
    return re.compile("(" + levels.alternation(accented=True) + ") (.+)$")


def _own_unit(meta: Metadata | None) -> units.Unit | None:
    """The citing document's unit, parsed back from its label."""
    if not meta or not meta.unit or not meta.province:
        return None
    m = _level_label().search(meta.unit)
    if not m:
        return None
    found = units.lookup(m.group(2), m.group(1), meta.province, meta.date)
    return found[0] if len(found) == 1 else None


def _near(a: str, b: str) -> bool:
    return SequenceMatcher(None, units.key_of(a), units.key_of(b)).ratio() >= 0.8


def _named_unit(level: str, rest: str, meta: Metadata | None) -> units.Unit | None:
    """The unit named after the level word, or the citing document's own one."""
    words = units.key_of(rest).split()[:5]
    hints = {meta.province} if meta and meta.province else set()
    for n in range(len(words), 0, -1):
        unit = units.resolve(level, " ".join(words[:n]), hints, on=meta.date if meta else None)
        if unit:
            return unit
    own = _own_unit(meta)
    if levels.tier(levels.word(level)) == 1 and meta and meta.province:
        if not words or _near(" ".join(words[:4]), meta.province) or _near(" ".join(words[:2]), meta.province):
            found = units.lookup(meta.province, level, on=meta.date)
            return next((u for u in found if u.tier == 1), None)
    if own and levels.word(level) == own.level and (not words or _near(" ".join(words[:len(own.name.split())]), own.name)):
        return own
    return None


@lru_cache(maxsize=1)
def _level_word() -> re.Pattern:
    return re.compile(r"\b(" + levels.alternation() + r")\b")


def _placed(phrase: str, body: str, meta: Metadata | None) -> tuple[str, str] | None:
    """A local body placed by the unit named with it ("Ban Chỉ đạo ... tỉnh Nghệ An",
    "Ban Chỉ đạo tỉnh" = the citing document's province).  Its name may hold a level
    word ("... xây dựng xã hội học tập tỉnh"): the last one that names a unit counts."""
    raw = " ".join(phrase.split())
    folded = fold(raw)  # one character per character: offsets are raw's
    for m in reversed(list(_level_word().finditer(folded, len(body)))):
        unit = _named_unit(m.group(1), folded[m.end() :], meta)
        if unit:
            head = raw[: m.start()].strip()
            if fold(head[: len(body)]) == fold(body):
                head = body + head[len(body) :]  # the body's name with its accents
            return f"{head} {unit.label}", unit.slug
    return None


def resolve_issuer(phrase: str, meta: Metadata | None = None) -> tuple[str, str | None]:
    """(issuer as displayed, body slug for the key or None when unresolved)."""
    folded = " ".join(re.sub(r"[^a-z0-9& ]+", " ", fold(phrase)).split())
    placed = agencies.placed_body(folded)
    found = _placed(phrase, placed, meta) if placed else None
    if found:
        return found
    m = _people().match(folded)
    if m:
        level = levels.read_ocr(m.group(3))
        unit = _named_unit(level, m.group(4), meta)
        if unit:
            body = agencies.council_code() if m.group(2) in agencies.council_names() else agencies.committee_code()
            lead = "Chủ tịch " if m.group(1) else ""
            return f"{lead}{body} {unit.label}", unit.slug
        return phrase, None
    known = agencies.longest_prefix(folded)
    if known:
        if any(b.kind == "sở" for b in agencies.named(known)) and meta and meta.province:
            prov = next((u for u in units.lookup(meta.province, on=meta.date) if u.tier == 1), None)
            if prov:
                return f"{known} {prov.label}", prov.slug
        return known, None
    return phrase, None
