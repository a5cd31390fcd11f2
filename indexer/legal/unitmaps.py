"""The two maps of administrative units, and the merge of provinces between them.

* ``OLD``: 63 provinces of districts of communes, valid until 30 June 2025;
  read from ``vietnam-provinces`` 0.6.0, the project's dependency.
* ``NEW``: 34 provinces of communes, wards and special zones, no districts,
  valid from 1 July 2025; read from data/units-2025.tsv, which
  scripts/make_unit_map_2025.py writes from ``vietnam-provinces`` 2025.10.1
  (one package name, so the two releases cannot be installed together).
* data/provinces-2025.json: the provinces of ``OLD`` each of the 34 was
  formed from (Nghị quyết 202/2025/QH15) and the day the new map took effect.

Everything is read lazily, on first use, never at import.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from indexer.analysis.text import fold, normalize
from indexer.legal import levels

OLD, NEW = "63", "34"  # the maps, by their number of provinces
DATA = Path(__file__).parent / "data"
NEW_MAP = DATA / "units-2025.tsv"
MERGERS = DATA / "provinces-2025.json"

_NON_WORD = re.compile(r"[^a-z0-9]+")
_I_FOR_Y = re.compile(r"\b(qu|[hklmst])i\b")


def key_of(name: str) -> str:
    """Folded name with punctuation dropped: "Bà Rịa - Vũng Tàu" -> "ba ria vung tau".

    The old and new spellings of a final i/y are one ("Phú Quí" = "Phú Quý").
    """
    return _I_FOR_Y.sub(r"\1y", _NON_WORD.sub(" ", fold(name)).strip())


@dataclass(frozen=True)
class Unit:
    level: str  # "thị xã"
    name: str  # "Phước Long"
    province: str  # "Bình Phước"
    tier: int  # 1 province, 2 district, 3 commune
    district: str = ""  # folded name of the district a commune lies in, or a district's own
    map: str = OLD  # the map it belongs to

    @property
    def label(self) -> str:
        """"thị xã Phước Long", as it stands after "UBND"."""
        return f"{self.level} {self.name}"

    @property
    def slug(self) -> str:
        """URL-safe ASCII: "thi-xa-phuoc-long"."""
        return key_of(self.label).replace(" ", "-")


def _split(full: str) -> tuple[str, str]:
    """"Thị xã Phước Long" -> ("thị xã", "Phước Long")."""
    folded = fold(full)
    for lv in sorted(levels.words(), key=len, reverse=True):
        if folded.startswith(lv + " "):
            return levels.words()[lv], full[len(lv) + 1 :]
    return "", full


@lru_cache(maxsize=2)
def units(map_name: str) -> tuple[Unit, ...]:
    """Every unit of a map, provinces first within each province."""
    return _old() if map_name == OLD else _new()


def _old() -> tuple[Unit, ...]:
    from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

    out: list[Unit] = []
    for p in json.loads(NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8")):
        plevel, pname = _split(normalize(p["name"]))
        out.append(Unit(plevel, pname, pname, 1))
        for d in p["districts"]:
            dlevel, dname = _split(normalize(d["name"]))
            out.append(Unit(dlevel, dname, pname, 2, key_of(dname)))
            out.extend(Unit(*_split(normalize(w["name"])), pname, 3, key_of(dname)) for w in d["wards"])
    return tuple(out)


def _new() -> tuple[Unit, ...]:
    out: list[Unit] = []
    province = ""
    for line in NEW_MAP.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("\t"):
            level, name = line[1:].split("\t")
            out.append(Unit(level, name, province, 3, map=NEW))
        else:
            level, province = line.split("\t")
            out.append(Unit(level, province, province, 1, map=NEW))
    return tuple(out)


@lru_cache(maxsize=1)
def _mergers() -> dict:
    return json.loads(MERGERS.read_text(encoding="utf-8"))


def in_force() -> str:
    """The first day (ISO) of the 2025 map."""
    return _mergers()["in_force"]


def maps_on(day: str | None) -> tuple[str, ...]:
    """The maps to read a document of ``day`` (ISO) with, the valid one first; both for None."""
    if day is None:
        return (OLD, NEW)
    return (NEW, OLD) if day >= in_force() else (OLD, NEW)


@lru_cache(maxsize=1)
def _now_in() -> dict[str, str]:
    """Folded old province -> the province of the 34 it is part of."""
    return {key_of(old): new for new, olds in _mergers()["provinces"].items() for old in olds}


def now_in(province: str) -> str | None:
    """The province of the 2025 map an old one is part of ("Bình Phước" -> "Đồng Nai",
    "Đồng Nai" -> "Đồng Nai"); None for a name that is no province."""
    return _now_in().get(key_of(province))


def formed_from(province: str) -> list[str]:
    """The old provinces one of the 34 was formed from ("Đồng Nai" -> [Đồng Nai, Bình Phước])."""
    return next((olds for new, olds in _mergers()["provinces"].items() if key_of(new) == key_of(province)), [])
