"""Relation kinds of citations: the phrases that say them, read from data/relations.json.

A citing sentence says what the citing document does to the cited one:
"Căn cứ ..." (can_cu), "Thực hiện ..." (thuc_hien), "... quy định chi tiết /
hướng dẫn thi hành ..." (huong_dan), "sửa đổi, bổ sung ..." (sua_doi), "thay
thế ..." (thay_the), "bãi bỏ ..." (bai_bo), "đính chính ..." (dinh_chinh);
anything else is a mention (dan_chieu).  This module holds those phrases and
the small grammar around them, as patterns over folded text
(``analysis.text.fold``); ``extract.relations`` applies them to a document.
Read lazily, on first use.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from indexer.analysis.text import fold
from indexer.legal import doctypes
from indexer.legal.codes import is_central
from indexer.legal.numbers import parse

DATA = Path(__file__).parent / "data" / "relations.json"
DEFAULT = "dan_chieu"


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def kinds() -> tuple[str, ...]:
    return tuple(_data()["kinds"])


def acts() -> frozenset[str]:
    """The kinds by which the citing document changes the cited one."""
    return frozenset(_data()["acts"])


def spaced(rx: str, gap: str = r"\s+") -> str:
    """A pattern written with single spaces, matching any run of spaces and line
    breaks there (or ``gap``): a scanned or wrapped text breaks "Quyết định\nnày" anywhere."""
    return rx.replace(" ", gap)


# Between a verb's words a scan may also leave a mark standing alone ("Bai .\n\nbé toàn bộ",
# "Căn ;\n\ncứ"); a mark attached to a word is punctuation and still parts them.
_VERB_GAP = r"\s+(?:[^\w\s]{1,2}\s+)?"
# Between the words of a type's name or a set phrase, the same, and OCR may also join them with
# a period or a hyphen ("Quyét . dinh này", "Nghi.quyét", "Quyét-dinh", "kể từ.ngày").
SCAN_GAP = r"(?:" + _VERB_GAP + r"|[.-]\s*)"
# "số" before a document's number, folded, and as OCR reads it there ("s6", "sé", "s0", "sd").
NUMBER_WORD = r"(?:so|s[6e0d])"
# Marks OCR strews between letters ("Căn cứ?", "kể từ’ ngày", "có “hiệu lực", "|"): a sentence
# is read with them as spaces, one for one, so that offsets stay the text's.
STREWN_MARKS = str.maketrans({c: " " for c in "?’'`|“”‘«»"})


def _names(names, gap: str = r"\s+") -> str:
    """An alternation (no group) of folded phrases, longest first, ``gap`` between words."""
    return "(?:" + "|".join(gap.join(map(re.escape, n.split())) for n in sorted(names, key=len, reverse=True)) + ")"


@lru_cache(maxsize=1)
def type_alternation() -> str:
    """The full type names, folded, longest first ("thong tu lien tich" before "thong tu"),
    their words apart as a scan may leave them (``SCAN_GAP``)."""
    return _names({fold(t.name) for t in doctypes.TYPES} | {"luat", "bo luat", "phap lenh", "van ban"}, SCAN_GAP)


@dataclass(frozen=True)
class Verb:
    start: int
    end: int
    kind: str


@lru_cache(maxsize=1)
def _verbs() -> tuple[re.Pattern, re.Pattern, tuple[str, ...]]:
    rows = _data()["verbs"]
    alts = [f"(?P<v{i}>{spaced(rx, _VERB_GAP).replace('{type}', type_alternation())})" for i, (_, rx) in enumerate(rows)]
    heads = re.compile(r"(?<![a-z])(?:" + "|".join(_data()["verb_heads"]) + r")(?![a-z])")
    return heads, re.compile(r"(?:" + "|".join(alts) + r")(?![a-z])"), tuple(k for k, _ in rows)


def find_verbs(folded: str) -> list[Verb]:
    """Every relation verb of a folded text, in order, none inside another."""
    heads, rx, names = _verbs()
    out: list[Verb] = []
    for h in heads.finditer(folded):
        if out and h.start() < out[-1].end:
            continue  # "bổ sung" inside "sửa đổi, bổ sung"
        m = rx.match(folded, h.start())
        if m:
            out.append(Verb(m.start(), m.end(), names[int(m.lastgroup[1:])]))
    return out


def _compiled(name: str, **fill: str) -> re.Pattern:
    rx = spaced(_data()[name])
    for key, value in fill.items():
        rx = rx.replace("{" + key + "}", value)
    return re.compile(rx)


@lru_cache(maxsize=None)
def pattern(name: str) -> re.Pattern:
    """One of the small patterns of the data file: ended, passive_before,
    passive_done, proposal_starts, item_marker, article_head, coordinators,
    enact, part_links."""
    return _compiled(name, type=type_alternation(), self=self_alternation(None))


@lru_cache(maxsize=64)
def self_alternation(type_code: str | None) -> str:
    """The type words by which a document of ``type_code`` names itself ("Quyết định
    này", and "Quy định này" for the regulation a decision issues); every type for a
    consolidated text or a document whose type was not read."""
    t = doctypes.by_code(type_code) if type_code else None
    if t is None or t.code == "VBHN":
        return type_alternation()
    return _names({fold(t.name)} | set(_data()["self_attached"]), SCAN_GAP)


def force(type_code: str | None) -> str:
    """"force" for the types whose documents stay in force until something ends them,
    "period" for plans and programmes (in force for a period they name), "none" for
    records and correspondence (reports, notices, letters ...), "unknown" for no type."""
    if not type_code:
        return "unknown"
    t = doctypes.by_code(type_code)
    code = t.code if t else type_code
    if code in _data()["types_with_force"]:
        return "force"
    if code in _data()["types_for_a_period"]:
        return "period"
    return "none"


@lru_cache(maxsize=64)
def _self_types(type_code: str | None) -> re.Pattern:
    # OCR strews marks between the words ("Quyết .\n\nđịnh này"): any run of them parts words here.
    code = None if force(type_code) in ("force", "unknown") else type_code
    t = doctypes.by_code(code) if code else None
    names = ({fold(x.name) for x in doctypes.TYPES} | {"luat", "bo luat", "phap lenh", "van ban"}
             if t is None or t.code == "VBHN" else {fold(t.name)} | set(_data()["self_attached"]))
    return re.compile(r"(?<![a-z])" + _names(names, r"[\s\W_]+") + r"[\s\W_]+nay(?![a-z])")


def self_reference(type_code: str | None, number: str | None = None) -> tuple[re.Pattern, ...]:
    """How a document names itself in folded text: "Quyết định này" (and "Quy định này"
    for what it issues), or its own number ("Nghị quyết số 66/2025/NQ-HĐND về việc sửa
    đổi ...", the heading of its appendix).  A document with force may call itself by any
    type ("Thông tư này" in a consolidated text read as a decision); a letter or a report
    only by its own ("Luật này thay thế ..." in a Công văn is the law's act)."""
    if not number:
        return (_self_types(type_code),)
    own = re.compile(r"(?<![\w/])" + r"\s*".join(map(re.escape, fold(number))) + r"(?![\w/])")
    return (_self_types(type_code), own)


def may_act(citing_number: str | None, cited_number: str) -> bool:
    """Whether a document may amend, replace or repeal the one it cites: not a local
    document a central one (``note_acts`` of the data); unknown issuers may."""
    citing = parse(citing_number) if citing_number else None
    cited = parse(cited_number)
    local = bool(citing and citing.issuer) and not is_central(citing.issuer)
    return not (local and cited is not None and cited.issuer and is_central(cited.issuer))


def kind_label(kind: str, incoming: bool = False) -> str:
    """A kind's name on a relation list: as the citing document does it ("Thay thế"),
    or, ``incoming``, as the cited one undergoes it ("Bị thay thế bởi")."""
    pair = _data()["kind_labels"].get(kind)
    return pair[1 if incoming else 0] if pair else kind


def validity_label(value: str) -> str:
    """A validity value (legal.validity.VALUES) as a reader reads it: "Bị thay thế"."""
    return _data()["validity_labels"].get(value, value)


def validity_banner(value: str) -> str:
    """The words before the deciding document on a replaced, repealed or amended
    document's page ("Đã bị thay thế bởi"); "" for the other values."""
    return _data()["validity_banners"].get(value, "")


def ended_values() -> tuple[str, ...]:
    """The validity values of documents no longer in force."""
    return tuple(_data()["ended_values"])
