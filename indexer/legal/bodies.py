"""Issuing bodies, read from one dated table (data/bodies.json).

Every list of bodies the extractors use is a selection of its rows: issuer
codes (central and local, ``codes``), the central bodies a header names
(``extract.central``), the names whose accents are restored from OCR ("SO NOI
VU" -> Sở Nội vụ), local bodies other than the People's Committee ("CÔNG AN
HUYỆN X") and the People's Committee and Council themselves.  Only listed
names are restored.  The table is read lazily, on first use.

A code used by a central and a local body (BCĐ: Ban Chỉ đạo Trung ương and
a province's Ban Chỉ đạo) must name on both rows the rule that tells them
apart (``apart``); ``load`` refuses the table otherwise.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from indexer.analysis.text import fold

DATA = Path(__file__).parent / "data" / "bodies.json"
# The rules that tell a central body from a local one of the same code (the table's "apart_rules").
APART_RULES = ("unit named",)
_PEOPLE_KINDS = ("people's committee", "council")
_BRANCH_KINDS = ("branch", "party committee")


@dataclass(frozen=True)
class Body:
    name: str
    kind: str
    level: tuple[str, ...]  # ("central",) or tiers ("province", "district", "commune")
    codes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    parent: str = ""
    valid_from: str = ""  # ISO; "" before our archives
    valid_to: str = ""
    successor: str = ""
    apart: str = ""
    note: str = ""

    @property
    def central(self) -> bool:
        return self.level == ("central",)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def valid_on(self, day: str | None) -> bool:
        """Whether the body existed so on ``day`` (ISO); always for None."""
        return day is None or ((not self.valid_from or day >= self.valid_from) and (not self.valid_to or day <= self.valid_to))


class BodyTableError(ValueError):
    """The bodies table breaks one of its rules."""


def load(path: Path = DATA) -> tuple[Body, ...]:
    """The rows of a bodies table, checked (see the module docstring)."""
    rows = json.loads(path.read_text(encoding="utf-8"))["bodies"]
    bodies = tuple(
        Body(r["name"], r["kind"], tuple(r["level"]), tuple(r.get("codes", ())), tuple(r.get("aliases", ())),
             r.get("parent", ""), r.get("from", ""), r.get("to", ""), r.get("successor", ""), r.get("apart", ""),
             r.get("note", ""))
        for r in rows
    )
    for code, rows_of in _group(bodies, lambda b: b.codes).items():
        rules = {b.apart for b in rows_of}
        if len({b.central for b in rows_of}) > 1 and (len(rules) != 1 or not rules <= set(APART_RULES)):
            raise BodyTableError(f"{code} is central and local with no one rule that tells them apart: {sorted(rules)}")
    return bodies


def _group(bodies, keys) -> dict[str, list[Body]]:
    """Rows by each of their ``keys(row)`` (codes, names)."""
    out: dict[str, list[Body]] = {}
    for b in bodies:
        for k in keys(b):
            out.setdefault(k, []).append(b)
    return out


@lru_cache(maxsize=1)
def all_bodies() -> tuple[Body, ...]:
    return load()


@lru_cache(maxsize=1)
def _rows_by_code() -> dict[str, list[Body]]:
    return _group(all_bodies(), lambda b: b.codes)



@lru_cache(maxsize=1)
def central_codes() -> tuple[str, ...]:
    """Issuer codes of central bodies, in table order (a shared code included)."""
    return tuple(dict.fromkeys(c for b in all_bodies() if b.central for c in b.codes))


@lru_cache(maxsize=1)
def head_codes() -> tuple[str, ...]:
    """Codes of central bodies that are no department: the codes a misread one is checked
    against ("BNY" for BNV).  Departments' codes are many and mostly unlisted ("TCTS" of
    Tổng cục Thủy sản is no misread TCTK)."""
    return tuple(dict.fromkeys(c for b in all_bodies() if b.central and b.kind != "department" for c in b.codes))


@lru_cache(maxsize=1)
def local_codes() -> tuple[str, ...]:
    return tuple(dict.fromkeys(c for b in all_bodies() if not b.central for c in b.codes))


_TERM = re.compile(r"(?<=QH)\d{1,2}$")  # "QH15", "UBTVQH14": the legislature's term


@lru_cache(maxsize=512)
def scope(code: str) -> frozenset[str]:
    """{"central"}, {"local"}, both, or nothing for an unlisted code ("QH15" is QH's)."""
    return frozenset(("central" if b.central else "local") for b in _rows_by_code().get(_TERM.sub("", code), ()))


def central_only(code: str) -> bool:
    """A code no local body uses: unique nationwide, so its key needs no body."""
    return scope(code) == {"central"}



def key(name: str) -> str:
    return " ".join(re.sub(r"[^a-z ]+", " ", fold(name)).split())


def compact(name: str) -> str:
    """The key with its spaces removed, for names OCR glued ("PHATTRIEN", "BOYTE")."""
    return key(name).replace(" ", "")


@lru_cache(maxsize=1)
def central_bodies() -> tuple[tuple[str, str, bool], ...]:
    """(spelling, name, is a department) of every central body a header may name, under
    its name and aliases; a body that moved under a ministry counts as its department."""
    child: dict[str, bool] = {}
    for b in all_bodies():
        if b.central:
            child[b.name] = child.get(b.name, False) or b.kind == "department"
    return tuple((n, b.name, child[b.name]) for b in all_bodies() if b.central for n in b.names)


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Key -> name of the bodies whose accents are restored: Sở, and central bodies
    other than departments (and their ministers)."""
    names = [n for b in all_bodies() if b.kind == "sở" for n in b.names]
    names += [b.name for b in all_bodies() if b.central and b.kind != "department"]
    names += [f"Bộ trưởng {b.name}" for b in all_bodies() if b.kind == "ministry"]
    return {key(n): n for n in names}


@lru_cache(maxsize=1)
def _glued() -> dict[str, str]:
    return {compact(n): n for n in _table().values()}


def restore(name: str) -> str | None:
    """The accented name of a known body, or None; OCR may glue words ("PHATTRIEN")."""
    return _table().get(key(name)) or _glued().get(compact(name))


@lru_cache(maxsize=4096)
def longest_prefix(words: str) -> str | None:
    """The known body that ``words`` (folded) starts with, longest first."""
    parts = key(words).split()
    table = _table()
    for n in range(min(len(parts), 9), 0, -1):
        hit = table.get(" ".join(parts[:n]))
        if hit:
            return hit
    # OCR'd names ("thu tueng chinh phu", "s noi vu"): a close name of the same length.
    for n in range(min(len(parts), 9), 1, -1):
        words = " ".join(parts[:n])
        for k, name in table.items():
            if len(k.split()) != n or abs(len(k) - len(words)) > 0.3 * len(k):
                continue
            sm = SequenceMatcher(None, words, k)  # cheap upper bounds first: this runs per citation
            if sm.real_quick_ratio() >= 0.85 and sm.quick_ratio() >= 0.85 and sm.ratio() >= 0.85:
                return name
    return None


@lru_cache(maxsize=1)
def _codes_by_name() -> dict[str, str]:
    out: dict[str, str] = {}
    for b in all_bodies():
        if b.codes and (b.central or b.kind == "sở"):
            for n in b.names:
                out.setdefault(n, b.codes[0])
                if b.kind == "ministry":
                    out.setdefault(f"Bộ trưởng {n}", b.codes[0])
    return out


def code_of(name: str) -> str | None:
    """The issuer code of a listed body: "Bộ Nội vụ" -> "BNV", "Sở Giáo dục và Đào tạo"
    -> "SGDĐT", "Thủ tướng Chính phủ" -> "TTg"; None for anything else."""
    return _codes_by_name().get(name)


@lru_cache(maxsize=1)
def _central_by_code() -> dict[str, str]:
    names: dict[str, set[str]] = {}
    for b in all_bodies():
        if b.central and b.kind != "department":
            for code in b.codes:
                if central_only(code):
                    names.setdefault(fold(code), set()).add(b.name)
    # A code of several bodies (TW: the Central Committee, the Politburo, the Secretariat) names none.
    return {code: found.pop() for code, found in names.items() if len(found) == 1}


def central_by_code(code: str) -> str | None:
    """The central body an issuer code stands for: "BTC" -> Bộ Tài chính, "QH14" -> Quốc hội,
    "BLDTBXH" (Đ read as D) -> Bộ Lao động - Thương binh và Xã hội; None for any other code."""
    return _central_by_code().get(re.sub(r"(?<=qh)\d{1,2}$", "", fold(code)))


@lru_cache(maxsize=1)
def _branches() -> dict[str, str]:
    return {compact(n): b.name for b in all_bodies() if not b.central and b.kind in _BRANCH_KINDS for n in b.names}


def local_branch(words: str) -> str | None:
    """The listed local body these folded words name ("cong an", "chi cuc thue"), or None."""
    return _branches().get(compact(words))


@lru_cache(maxsize=1)
def people_names() -> tuple[str, ...]:
    """Folded names and codes of the People's Committee and Council:
    ("uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd")."""
    return tuple(x for b in all_bodies() if b.kind in _PEOPLE_KINDS for x in (key(b.name), fold(b.codes[0])))


@lru_cache(maxsize=1)
def council_names() -> tuple[str, ...]:
    """Folded name and code of the People's Council: ("hoi dong nhan dan", "hdnd")."""
    return tuple(x for b in all_bodies() if b.kind == "council" for x in (key(b.name), fold(b.codes[0])))


def council_code() -> str:  # "HĐND"
    return next(b.codes[0] for b in all_bodies() if b.kind == "council")


def committee_code() -> str:  # "UBND"
    return next(b.codes[0] for b in all_bodies() if b.kind == "people's committee")


@lru_cache(maxsize=1)
def placed_bodies() -> tuple[tuple[str, str], ...]:
    """(folded name, name) of the local bodies whose key carries the unit named with
    them (rule "unit named"), longest first: "ban chi dao" -> Ban Chỉ đạo."""
    found = {key(n): b.name for b in all_bodies() if not b.central and b.apart == "unit named" for n in b.names}
    return tuple(sorted(found.items(), key=lambda kv: -len(kv[0])))


def placed_body(words: str) -> str | None:
    """The local body of rule "unit named" that folded ``words`` start with, or None."""
    k = key(words)
    return next((name for folded, name in placed_bodies() if k == folded or k.startswith(folded + " ")), None)


@lru_cache(maxsize=1)
def _rows_by_name() -> dict[str, list[Body]]:
    return _group(all_bodies(), lambda b: b.names)


def named(name: str) -> list[Body]:
    """Every row of a body, by name or alias (a body that moved has one per period)."""
    return list(_rows_by_name().get(name, ()))


def valid_on(name: str, day: str) -> bool:
    """Whether a body of that name existed on ``day`` (ISO)."""
    return any(b.valid_on(day) for b in named(name))


def successor(name: str, day: str) -> str | None:
    """Who did the work of ``name`` on ``day``: the body itself while it existed, else
    its successor's successor ...: ("Bộ Kế hoạch và Đầu tư", "2025-06-01") -> Bộ Tài chính."""
    seen: set[str] = set()
    while name and name not in seen:
        seen.add(name)
        rows = named(name)
        if not rows or any(b.valid_on(day) for b in rows):
            return name if rows else None
        name = next((b.successor for b in rows if b.successor and b.valid_to and b.valid_to < day), "")
    return None
