"""Header fields of a document: number, type, date, unit, title, signer, recipients.

``extract_metadata`` reads the header region only (plus the tail for the
signature), so it costs well under a millisecond on long documents.  Every
field that was not read stays None: precision matters more than recall.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from indexer.analysis import confusions
from indexer.analysis.text import fold
from indexer.extract import central
from indexer.extract.headers import (
    HEADER_CHARS, find_header_date, find_heading, find_number, find_title, find_vv, header_end, header_limit,
)
from indexer.extract.marks import read_marks
from indexer.extract.records import Metadata
from indexer.extract.signature import find_recipients, find_signer
from indexer.legal import bodies as agencies
from indexer.legal import doctypes, levels, units
from indexer.legal.codes import known_issuer
from indexer.legal.keys import citation_key
from indexer.legal.numbers import Number

_MOTTO = re.compile(r"\b[a-z]{0,2}[oe0]c\s*[1l]\s*[a-z1]?p\b[.,]?\s*[-—–].*|\bt\S{0,2}\s+do\s*[-—–].*|h\S{0,2}nh\s+ph\S{0,2}c.*")
# Marks may stand between the words ("CONG-HOA XA.HOI", "HOIL.CHU").
_REPUBLIC = re.compile(r"c\S{0,2}ng\W*h\S{0,2}a\W*x\S{0,2}\W*h\S{0,3}\W*ch\S{0,2}\W*ngh\S{0,3}(?:\W*vi\S{0,2}t\W*nam)?")
# The motto's first words where the rest went to the next line: "BỘ Y TẾ CỘNG HÒA XÃ HỘI"
# (read as a commune "Hội" otherwise).  A commune named Cộng Hòa is followed by no "xã hội".
_REPUBLIC_START = re.compile(r"\bc\S{0,2}ng\W*h\S{0,2}a\W*x\S{0,2}\W*h\S{0,3}\b.*")
_SO_GLUED = re.compile(r"^so[a-z]")
_MARK_FOR_I = re.compile("(?<=[a-z])" + confusions.class_of(confusions.marks_for("i")))
HEAD_LINES = 12  # where a header without number or date may still name its body
_CHILD = re.compile(r"^\s*(van phong|so [a-z ,-]+?)\s*$")


@lru_cache(maxsize=1)
def _level_name() -> re.Pattern:
    """A unit at a header line's end; a stray letter may stick to the level word ("TTINH HA TINH")."""
    return re.compile(r"\b[a-z]?(" + levels.alternation() + r")\s+([a-z0-9][a-z0-9' -]{0,40}?)\s*$")


@lru_cache(maxsize=1)
def _people() -> re.Pattern:
    """The People's Committee or Council named, in full or by its code."""
    return re.compile(r"\b(" + "|".join(agencies.people_names()) + r")\b")


def _top_lines(folded_top: str) -> list[str]:
    """Header lines above "Số:", with the national motto cut away."""
    out = []
    for line in _REPUBLIC.sub(" ", folded_top).split("\n"):
        line = _REPUBLIC_START.sub(" ", line)
        # Column separators read as "|", "_" or "." stay behind the unit name.
        line = _MARK_FOR_I.sub("i", line)  # "XA THO! BINH": an i read as "!"
        line = " ".join(re.sub(r"[^a-z0-9' ]+", " ", _MOTTO.sub(" ", line)).split())
        if line:
            out.append(line)
    return out


def _people_body(lines: list[str], issuer: str) -> str:
    """HĐND when the header or the issuer code says so, else UBND."""
    for line in lines:
        m = _people().search(line)
        if m and m.group(1) in agencies.council_names():
            return agencies.council_code()
    council = agencies.council_code()
    return council if issuer.startswith(council) else agencies.committee_code()


def _unit(lines: list[str], issuer: str, place: str | None, hints: set[str],
          on: str | None = None) -> tuple[str | None, str | None, str | None]:
    """(unit label, province, body slug for the key) from the header lines, on the map of
    units valid on the document's date ``on`` (units.lookup)."""
    body = _people_body(lines, issuer)
    child, used = _child(lines)
    # "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" names no commune "Hội"
    named = [(i, m.group(1), m.group(2)) for i, line in enumerate(lines) if i not in used and (m := _level_name().search(line))]
    found = named[-1] if named else None
    if found is None:
        central_name = _central(lines, issuer)  # "VĂN PHÒNG" / "CHÍNH PHỦ" is no UBND's office
        if central_name:
            return central_name, None, None
        # "VĂN PHÒNG" alone (first line cut off): the place names the province.
        prov = units.province(place, on) if place else None
        if child == "van phong" and issuer.startswith("VP") and prov:
            unit = units.lookup(prov, "tinh", on=on) or units.lookup(prov, "thanh pho", on=on)
            if unit:
                return f"Văn phòng {body} {unit[0].label}", prov, unit[0].slug
        return None, None, None
    at, level, name = found
    branch = _branch(lines[at][: lines[at].rfind(f"{level} {name}")])
    # "UBND HUYỆN PHÚ QUÝ" above "UBND XÃ TAM THANH" tells which Tam Thanh.
    parent = _resolve(*named[-2][1:], hints, on=on)[0] if len(named) > 1 else None
    if parent is not None and parent.tier >= levels.tier(levels.word(level)):
        parent = None
    unit, name = _resolve(level, name, hints, parent, on)
    if unit is None and place and _near(place, name):
        # "HUYEN HOANG SAT" but "Hoàng Sa, ngày ...": the place line, read apart, may be cleaner
        unit = _resolve(level, place, hints, parent, on)[0]
    if unit is None and at + 1 < len(lines) and at + 1 not in used:
        # The name wrapped in its column: "UBND THÀNH PHỐ HÀ" / "NỘI Độc lập ..."
        unit = _resolve(level, f"{name} {lines[at + 1]}", hints, parent, on)[0]
    if unit is None:
        # "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ" / "XÃ HỘI" is no commune Hội.
        central_name = _central(lines, issuer)
        if central_name:
            return central_name, None, None
        name = units.restore_name(level, name, on)
        return (f"{body} {levels.word(level)} {name}" if name else None), None, None
    if branch is not None:
        # "CÔNG AN HUYỆN X" is not UBND huyện X; a body we cannot name stays unknown.  A body
        # whose code central ones share ("BAN CHỈ ĐẠO ... TỈNH X": BCĐ) is keyed by its unit.
        slug = unit.slug if branch and agencies.placed_body(branch) else None
        return (f"{branch} {unit.label}" if branch else None), unit.province, slug
    if child == "van phong":
        return f"Văn phòng {body} {unit.label}", unit.province, unit.slug
    if child is not None:
        return (f"{child} {unit.label}" if child else None), unit.province, unit.slug
    return f"{body} {unit.label}", unit.province, unit.slug


def _branch(prefix: str) -> str | None:
    """What the words before "TỈNH X" on the unit's line name: None for the People's
    Committee or Council (or OCR debris), a listed body ("Công an"), or "" for
    words that name some other body.
    """
    words = [w for w in re.sub(r"[^a-z ]+", " ", prefix).split() if len(w) > 1]
    joined = " ".join(words)
    if not words or _people().search(joined):
        return None
    listed = agencies.local_branch(joined) or agencies.placed_body(joined)
    if listed:
        return listed
    if any(SequenceMatcher(None, joined, p).ratio() >= 0.7 for p in agencies.people_names()):
        return None  # "uy ban nhdn dan": the People's Committee, misread
    return "" if len(words) >= 2 and sum(len(w) for w in words) >= 6 else None


def _central(lines: list[str], issuer: str) -> str | None:
    """A central body: named by the header, else by the number's issuer code alone
    ("…/2025/UBTVQH15" under a header OCR cut to "ỦY BAN THƯỜNG VỤ").  A joint
    document's codes ("BTC-BCT") name more than one body, so none."""
    name = central.central_unit(lines)
    if name or not issuer:
        return name
    bodies = [agencies.central_by_code(part) for part in issuer.split("-")]
    return bodies[0] if bodies[0] and not any(bodies[1:]) else None


def _resolve(level: str, name: str, hints: set[str], parent: units.Unit | None = None,
             on: str | None = None) -> tuple[units.Unit | None, str]:
    """(the one unit of a header line or None, the name as found).

    OCR debris of the motto may trail the name ("HUYEN YEN PHONG mo, Doc lap
    ..."): trailing words are cut while two words at least remain.
    """
    words = name.split()
    for n in range(len(words), min(len(words), 2) - 1, -1):
        part = " ".join(words[:n])
        unit = units.resolve(level, part, hints, parent, on)
        if unit is not None or units.lookup(part, level, on=on):
            return unit, part  # a known but ambiguous name is not cut further
    return None, name


def _near(a: str, b: str) -> bool:
    return SequenceMatcher(None, a, b).ratio() >= 0.75


def _child(lines: list[str]) -> tuple[str | None, range]:
    """("van phong" or the listed Sở a header line names, "" for an unlisted one;
    the lines it takes).

    A Sở's name may run over the next lines ("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN" /
    "NÔNG THÔN") and carry the motto's debris.
    """
    for i, line in enumerate(lines):
        m = _CHILD.match(line)
        if not m:
            glued = _SO_GLUED.match(line) and agencies.restore(line)  # "SONOI VU", "SOY TE"
            if glued:
                return glued, range(i, i + 1)
            continue
        if m.group(1) == "van phong":
            return "van phong", range(i, i + 1)
        for j in range(min(len(lines), i + 3), i, -1):
            words = " ".join(lines[i:j]).split()
            for n in range(len(words), 2, -1):
                sở = agencies.restore(" ".join(words[:n]))
                if sở:
                    return sở, range(i, j)
        return "", range(i, i + 1)  # a Sở we cannot name: the unit stays unknown
    return None, range(0)


def extract_metadata(text: str) -> Metadata:
    """Read the header fields of a normalised document; unread fields stay None."""
    head = text[:HEADER_CHARS]
    folded = fold(head)
    lines, flines = head.split("\n"), folded.split("\n")
    meta = Metadata()
    number, span = find_number(head, folded)
    top_end = folded.rfind("\n", 0, span[0]) + 1 if span else 0
    after = span[1] if span else 0
    # The place-date lies in the header block: around the number, never in the body.
    iso, place, date_end = find_header_date(folded, top_end, header_end(folded, after), after)
    if span is None and iso:
        top_end = folded.rfind("\n", 0, date_end) + 1  # no number read: the body is above the date line
    first = folded.count("\n", 0, max(date_end, span[1] if span else 0)) + 1
    heading, at = find_heading(lines, flines, first if (span or iso) else 0)
    num_line = folded.count("\n", 0, span[0]) if span else max(first - 3, 0)
    vv = None if heading else find_vv(lines, flines, min(num_line, max(first - 3, 0)), first + 6)
    if vv and number and number.type_code not in ("", "CV"):
        # Only a Công văn has a "V/v" line: "5608/CT-CS" of Cục Thuế is not a Chỉ thị.
        number = Number(number.serial, "CV", "-".join(p for p in (number.type_code, number.issuer) if p), number.year)
    number = _misread_type(number, heading)
    _set_type(meta, number, heading)
    meta.date, meta.year = iso, int(iso[:4]) if iso else None
    if heading is None:
        meta.title = vv
    elif at is not None:
        meta.title = _named_title(lines[at], heading) or find_title(lines, flines, at + 1)
    # Marks stand above the type heading (above the body when there is none).
    stop = at if at is not None else folded.count("\n", 0, header_limit(folded)) + 1
    meta.secrecy, meta.urgency, meta.circulation = read_marks(lines, flines, stop)
    hints = units.provinces_mentioned(fold(text[:4000]), meta.date)
    if place and units.province(place, meta.date):
        hints.add(units.province(place, meta.date))
    issuer = number.issuer if number else ""
    if span is None and iso is None:
        # Nothing anchors the header: only a central body named alone on a line is trusted.
        meta.unit, meta.province, body = central.central_line(flines[:HEAD_LINES]), None, None
    else:
        meta.unit, meta.province, body = _unit(_top_lines(folded[:top_end]), issuer, place, hints, meta.date)
    tail = text[-1500:]
    meta.signer = find_signer(tail)
    meta.recipients = find_recipients(text, meta.signer)
    if number and number.issuer:
        meta.number = number.text
        # The key's type is the document's: "12/UBND-VX" under "THÔNG BÁO" is a tb- key.
        typed = Number(number.serial, meta.type_code or number.type_code, number.issuer, number.year, number.party)
        meta.key = citation_key(typed, meta.year, body)
    return meta


def _named_title(line: str, heading: doctypes.DocType) -> str | None:
    """"LUẬT CÔNG ĐOÀN": the name after the type word on the heading's own line."""
    if heading.code not in doctypes.NAMED_HEADINGS:
        return None
    rest = line.split()[len(heading.name.split()) :]
    return " ".join(rest) or None


def _misread_type(number: Number | None, heading: doctypes.DocType | None) -> Number | None:
    """"12/BG-VPUBND" under "BÁO CÁO": the type code misread by one letter.

    A first code part that is neither a type nor a known issuer code, of the
    heading's code length and one letter away from it, is that code.
    """
    if number is None or heading is None or number.type_code != "CV" or heading.code == "CV":
        return number
    first, _, rest = number.issuer.partition("-")
    if rest and not known_issuer(first) and doctypes.misread(first, heading.code):
        return Number(number.serial, heading.code, rest, number.year, number.party)
    return number


def _set_type(meta: Metadata, number, heading: doctypes.DocType | None) -> None:
    """Type from the number's code; the heading decides when the number has none."""
    t = doctypes.by_code(number.type_code) if number and number.type_code else None
    if t is not None and t.code == "CV" and heading is not None:
        t = heading  # "12/UBND-VX" under a "THÔNG BÁO" heading is a Thông báo
    elif t is None:
        t = heading
    if t is not None:
        meta.type_code, meta.type_name = t.code, t.name
