"""The words that name a level of administrative unit, read from data/levels.json.

"tỉnh", "thành phố" (tier 1), "huyện", "quận", "thị xã" (tier 2, until 1 July
2025), "xã", "phường", "thị trấn", "đặc khu" (tier 3).  Every pattern of level
words in extraction (the header's unit line, the issuer phrase of a citation,
the authority line under a title) is built from here.  Read lazily, on first
use.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from indexer.analysis.text import fold

DATA = Path(__file__).parent / "data" / "levels.json"


@dataclass(frozen=True)
class Level:
    word: str  # "thị xã"
    folded: str  # "thi xa"
    tier: int  # 1 province, 2 district, 3 commune
    ocr: str  # regex over folded text for the word as OCR reads it
    valid_from: str = ""  # ISO; "" before our archives
    valid_to: str = ""

    def valid_on(self, day: str | None) -> bool:
        """Whether units of this level existed on ``day`` (ISO); always for None."""
        return day is None or ((not self.valid_from or day >= self.valid_from) and (not self.valid_to or day <= self.valid_to))


@lru_cache(maxsize=1)
def all_levels() -> tuple[Level, ...]:
    rows = json.loads(DATA.read_text(encoding="utf-8"))["levels"]
    return tuple(Level(r["word"], fold(r["word"]), r["tier"], r["ocr"], r.get("from", ""), r.get("to", "")) for r in rows)


@lru_cache(maxsize=1)
def words() -> dict[str, str]:
    """Folded level word -> how it is written in running text: "thi xa" -> "thị xã"."""
    return {lv.folded: lv.word for lv in all_levels()}


def word(folded_or_accented: str) -> str | None:
    """The accented level word for a folded or accented one, or None."""
    return words().get(fold(folded_or_accented))


@lru_cache(maxsize=1)
def _tiers() -> dict[str, int]:
    return {lv.word: lv.tier for lv in all_levels()}


def tier(level_word: str) -> int:
    """1, 2 or 3 for an accented level word ("thị xã" -> 2)."""
    return _tiers()[level_word]


def level(level_word: str) -> Level:
    return next(lv for lv in all_levels() if lv.word == level_word or lv.folded == level_word)


def alternation(accented: bool = False, tiers: tuple[int, ...] = (1, 2, 3)) -> str:
    """A regex alternation (no group) of the level words, longest first so that
    "thị xã" is tried before "xã"."""
    found = [lv.word if accented else lv.folded for lv in all_levels() if lv.tier in tiers]
    return "(?:" + "|".join(re.escape(w) for w in sorted(found, key=len, reverse=True)) + ")"


def ocr_alternation() -> str:
    """A regex alternation (no group) of the level words as OCR reads them, in file order."""
    return "(?:" + "|".join(lv.ocr for lv in all_levels()) + ")"


@lru_cache(maxsize=64)
def read_ocr(token: str) -> str | None:
    """The folded level word an OCR'd one stands for ("t1nh" -> "tinh"), or None."""
    return next((lv.folded for lv in all_levels() if re.fullmatch(lv.ocr, token)), None)
