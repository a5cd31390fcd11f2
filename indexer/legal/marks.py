"""The marks of a document's header, read from data/marks.json: secrecy (ô 10a),
urgency (ô 10b) and circulation (ô 11) of Nghị định 30/2020.

Extraction finds them (``extract.marks``); search and the accounts rank a
reader's clearance against a document's secrecy mark with ``secrecy_rank``.
Read lazily, on first use.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "marks.json"
KINDS = ("secrecy", "urgency", "circulation")


@dataclass(frozen=True)
class Mark:
    kind: str  # "secrecy", "urgency" or "circulation"
    code: str  # "toi-mat": what the index, the accounts and the URLs carry
    label: str  # "Tối mật": what a page shows
    rank: int  # secrecy: 1 mật, 2 tối mật, 3 tuyệt mật
    ocr: str  # regex over folded text


@lru_cache(maxsize=1)
def all_marks() -> tuple[Mark, ...]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return tuple(Mark(kind, m["code"], m["label"], m["rank"], m["ocr"]) for kind in KINDS for m in data[kind])


def marks_of(kind: str) -> tuple[Mark, ...]:
    return tuple(m for m in all_marks() if m.kind == kind)


def by_code(code: str) -> Mark | None:
    return next((m for m in all_marks() if m.code == code), None)


def secrecy_codes() -> tuple[str, ...]:
    """The secrecy levels, lowest first: ("mat", "toi-mat", "tuyet-mat")."""
    return tuple(m.code for m in sorted(marks_of("secrecy"), key=lambda m: m.rank))


def secrecy_rank(code: str | None) -> int:
    """0 for no mark (or no clearance); ValueError for a code that is no secrecy level."""
    if not code:
        return 0
    mark = by_code(code)
    if mark is None or mark.kind != "secrecy":
        raise ValueError(f"unknown secrecy level {code!r} (known: {', '.join(secrecy_codes())})")
    return mark.rank


@lru_cache(maxsize=None)
def pattern(kind: str) -> re.Pattern:
    """One alternation of a kind's marks, longest first, each its own named group."""
    return re.compile("|".join(f"(?P<{m.code.replace('-', '_')}>{m.ocr})" for m in marks_of(kind)))


def code_of(match: re.Match) -> str:
    return next(name for name, value in match.groupdict().items() if value is not None).replace("_", "-")
