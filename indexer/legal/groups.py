"""The names of reader groups ("phong-noi-vu", "lanh-dao"): one spelling everywhere.

A folder's policy file, an account's groups and the index's field all carry
a group as ``group_name`` writes it: NFC, lower case, letters (Vietnamese
ones too), digits and "-", "_", "." only, at most 64 characters.
"""

from __future__ import annotations

import re
import unicodedata

_NAME = re.compile(r"[^\W_][\w.-]{0,63}")


def group_name(raw: str) -> str:
    """The group's canonical spelling; ValueError says what is wrong with it."""
    name = unicodedata.normalize("NFC", raw.strip()).casefold()
    if not _NAME.fullmatch(name):
        raise ValueError(f"{raw.strip()!r} is no group name (letters, digits, '-', '_' and '.', "
                         "starting with a letter or digit, at most 64 characters)")
    return name


def group_names(raw: str | list[str]) -> tuple[str, ...]:
    """"G1, G2" (or a list) -> the sorted distinct names; ValueError on a bad one."""
    items = raw.split(",") if isinstance(raw, str) else raw
    return tuple(sorted({group_name(item) for item in items if item.strip()}))
