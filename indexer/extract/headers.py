"""The header block of an administrative document, read line by line.

Layout (Nghị định 30/2020/NĐ-CP): issuing body | national motto, then
"Số: 64/BC-UBND" | "Phước Long, ngày 21 tháng 03 năm 2023", then the type
heading ("BÁO CÁO") and the trích yếu.  OCR merges the two columns into one
line and garbles the words ("S6:", "ngay 21thang 03 nam 2023"), so every
pattern here runs over folded text (same offsets as the original) and
tolerates the confusions seen in the seeds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from indexer.analysis import confusions
from indexer.analysis.text import fold, one_edit
from indexer.legal import bodies, dates, doctypes, levels, numbers
from indexer.legal.codes import code_parts, known_issuer
from indexer.legal.numbers import Number, from_parts

HEADER_CHARS = 1800  # the header never runs past this in our archives

# The document's own number: after "Số:" (numbers.header_number), else at a header line's start
# before the body, its code typed or listed (numbers.line_number: "Số:" read past recognition).
LINE_NUMBER_CHARS = 900
# Where the body begins: no date after this belongs to the header.
_BODY = re.compile(
    r"\n\W{0,3}(?:c\S{0,2}n\s+c\S{0,2}\W|k[i1]nh\s*g\S{1,2}|th\S{1,2}c\s+h\S{1,3}n\s|x\S{1,2}t\s+(?:d|b|t)|theo\s+d|d\S{1,2}u\s+1\b|ch\S{1,3}ng\s+i\b)"
)
HEADER_DATE_SPAN = 700  # the place-date never lies further than this after "Số:"
_VV = re.compile(r"^\W{0,2}v\s*[/i1l|]\s*v\b\s*[:.]?\s*")
_BODY_START = re.compile(r"^\W{0,2}(?:can c|thuc hi|kinh g|ngay \d|xet |theo |[ivx]+\s*[.,]\s|\d+\s*[.,]\s)")


@dataclass
class Header:
    number: Number | None = None
    number_span: tuple[int, int] | None = None
    date: str | None = None
    place: str | None = None  # folded place name before ", ngày"
    heading: doctypes.DocType | None = None
    heading_line: int | None = None  # index into lines
    title: str | None = None
    top: str = ""  # the text above the number line (issuing body, motto)


def find_number(text: str, folded: str) -> tuple[Number | None, tuple[int, int] | None]:
    """The document's own số ký hiệu from the "Số:" line of the header."""
    m = numbers.header_number.search(folded, 0, HEADER_CHARS)
    fallback = m is None
    if fallback:
        m = numbers.line_number.search(folded, 0, header_limit(folded))
        if not m:
            return None, None
    raw = text[m.start(3) : m.end(3)]
    parts = code_parts(raw, numbers.code_separator.split(raw))
    if fallback and not _typed_or_known(parts):
        return None, None
    if fallback and numbers.cited_kind.search(folded, max(0, m.start(1) - 40), m.start(1)):
        return None, None  # "... và Nghị định\nsố 320/2025/NĐ-CP quy định ...": a title's wrapped line cites it
    if len(parts) > 1 and fold(parts[-1]) == "v" and re.match(r"\s*/", folded[m.end(3) :]):
        parts = parts[:-1]  # "37563/CHQ-GSQL -\n\nV/v ...": the "V" of "V/v" is no code part
    end = m.start(3) + len("-".join(parts)) if len(parts) == 1 else m.end(3)
    serial = m.group(1).replace(" ", "")
    serial = confusions.as_digits(serial[0]) + serial[1:]  # "S0/UBND-TH" is 50
    if len(serial) > 5:
        return None, None
    year = m.group(2).replace(" ", "") if m.group(2) else None
    return from_parts(serial, year, parts), (m.start(1), end)


_FIRST_BODY_LINE = re.compile(r"\n\W{0,3}(?:c\S{0,2}n\s*c|k\S{0,2}nh\s*g|\S{0,2}i\S{0,2}u\s*1\b)")


def header_limit(folded: str) -> int:
    """Where the header surely ends: the first "Căn cứ" / "Kính gửi" / "Điều 1" line, or
    LINE_NUMBER_CHARS.  A number past it is cited, not the document's own."""
    m = _FIRST_BODY_LINE.search(folded, 0, LINE_NUMBER_CHARS)
    return m.start() if m else LINE_NUMBER_CHARS


def own_number_line(folded: str, start: int, limit: int) -> bool:
    """Whether a number at ``start`` stands where the header fallback reads the document's
    own number: at a line's start after a little debris, before ``limit`` (header_limit)."""
    if start > limit:
        return False
    return bool(numbers.line_start.fullmatch(folded, folded.rfind("\n", 0, start) + 1, start))


def _typed_or_known(parts: list[str]) -> bool:
    t = doctypes.by_code(parts[0])
    return len(parts) > 1 and ((t is not None and t.code != "CV") or known_issuer(parts[0]))


def header_end(folded: str, start: int) -> int:
    """Where the body starts ("Căn cứ", "Kính gửi", "Điều 1" ...), or a bound."""
    stop = min(len(folded), start + HEADER_DATE_SPAN)
    m = _BODY.search(folded, start, stop)
    return m.start() if m else stop


_CITED_BEFORE = re.compile(r"\d\s*[/-]\s*[a-z]")


def find_header_date(folded: str, start: int, stop: int, own_end: int = 0) -> tuple[str | None, str | None, int]:
    """The place-date of the header block [start, stop): a date after "Place," first.

    A date with no place comma before it is taken only when no other
    document's number stands just before it: "... Kế hoạch số 119-KH/TU ngày
    18 tháng 12 năm 2019" in a trích yếu is a citation, not the date.
    """
    found = []
    for m in dates.header_date.finditer(folded, start, stop):
        before = folded[max(start, m.start() - 4) : m.start()]
        if "," in before:
            found.append((0, m.start()))
        elif not _CITED_BEFORE.search(folded, max(start, own_end, m.start() - 40), m.start()):
            found.append((1, m.start()))
    for _, at in sorted(found):
        got = find_date(folded, at, stop, place_from=own_end if at >= own_end else start)
        if got[0]:
            return got
    return None, None, start


def find_date(folded: str, start: int, stop: int, place_from: int | None = None) -> tuple[str | None, str | None, int]:
    """ISO date and folded place of the place-date line; end offset of the match."""
    m = dates.header_date.search(folded, start, stop)
    if not m:
        return None, None, start
    iso = dates.iso(m)
    if iso is None:
        return None, None, m.end()
    line_start = folded.rfind("\n", 0, m.start()) + 1
    before = folded[max(line_start, start if place_from is None else place_from) : m.start()]
    place = before.rsplit(",", 1)[0] if "," in before else None
    if place is not None:
        place = re.sub(r"[^a-z ]+", " ", place).split("  ")[-1].strip() or None
    return iso, place, m.end()


_D_AS_ONE = str.maketrans({c: "d" for c in confusions.d_lookalikes()})


def _d_as_one(words: str) -> str:
    """Đ's single-letter readings made "d": "quyet binh" and "quyet dinh" compare equal."""
    return words.translate(_D_AS_ONE)


def _letters(line: str) -> str:
    return " ".join(re.sub(r"[^a-z]+", " ", line).split())


def find_heading(lines: list[str], folded_lines: list[str], first: int) -> tuple[doctypes.DocType | None, int | None]:
    """The type heading ("BÁO CÁO", OCR "o BAO CAO"): a short all-capitals line, and
    the line it stands on (None when the title's place is unknown)."""
    # OCR reads the Đ of "QUYẾT ĐỊNH" as B ("QUYET BINH"): compare with b and d as one.
    names = {_d_as_one(name): t for name, t in doctypes.type_names().items()}
    candidates = []
    for i in range(first, min(first + 8, len(lines))):
        words = _d_as_one(_letters(folded_lines[i]))
        caps = [c for c in lines[i] if c.isalpha()]
        if words and len(words) <= 22 and sum(c.isupper() for c in caps) >= 0.8 * len(caps):
            candidates.append((i, words))
    for i, words in candidates:
        for name, t in names.items():
            if words.endswith(name) and len(words) - len(name) <= 2:
                return t, i
    for i, words in candidates:
        for name, t in names.items():
            if t.code in doctypes.NAMED_HEADINGS and words.startswith(name + " "):
                return t, i
    for i, words in candidates:
        # No name read right: a line that is a long name but for one letter ("GIAY MOT." for
        # GIẤY MỜI).  Not Công văn, which has no heading: "CÔNG DÂN" ends many a title line.
        for name, t in names.items():
            if len(name) >= 7 and len(words) == len(name) and t.code != "CV" and one_edit(words, name):
                return t, i
    for i in range(first, min(first + 8, len(lines))):
        # The heading run into the body's first line by OCR: "NGHI QUYET Can ctr Hién phap ...":
        # the line's leading capitals words are a type's name, and a sentence-case word
        # follows.  Where the trích yếu went is unknown: no line is given for it.
        t = _run_in_heading(lines[i], names)
        if t is not None:
            return t, None
    return None, None


def _run_in_heading(line: str, names: dict) -> doctypes.DocType | None:
    words = line.split()
    caps = 0
    while caps < min(3, len(words) - 1) and len(words[caps]) > 1 and words[caps].isalpha() and words[caps].isupper():
        caps += 1
    after = words[caps] if caps < len(words) else ""
    if not caps or not (after[:1].isupper() and after[1:2].islower()):
        return None
    t = names.get(_d_as_one(_letters(fold(" ".join(words[:caps])))))
    return t if t is not None and t.code != "CV" else None


@lru_cache(maxsize=1)
def _authority() -> re.Pattern:
    """The issuing authority's line under the trích yếu ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
    NGHỆ AN", "HỘI ĐỒNG NHÂN DÂN ... KHÓA XVI") or the motto of the other column:
    capitals, yet no part of the title.  "ỦY BAN NHÂN DÂN CẤP XÃ, CƠ QUAN ..." inside a
    title has a comma or "cấp"."""
    return re.compile(
        r"^(?:(?:pho )?chu tich )?(?:" + "|".join(bodies.people_names()) + ")"
        r"(?: " + levels.alternation() + r"\b[^,]*)?$"
        r"|^(?:thu tuong|bo truong|giam doc|chinh phu$|khoa [xvil]+\b|cong hoa xa hoi)"
    )
# The body as it starts on a capitals line; "THỰC HIỆN ..." there is still the title.
_CAPS_BODY = re.compile(r"^\W{0,2}(?:can c|kinh g|ngay \d|[ivx]+\s*[.,]\s|\d+\s*[.,]\s)")
_PLACE_DATE = re.compile(r"^[^,\d]{2,30},\s*" + dates.NGAY + r"\W{0,3}\d")
TITLE_LINES = 15  # text lines of a trích yếu broken by blank lines, at most
TITLE_SPAN = 32  # lines, blank ones included, it may run over


def _caps(line: str) -> bool:
    """Mostly capitals; a line of digits alone ("2025-2026") carries on a capitals title too."""
    letters = [c for c in line if c.isalpha()]
    if not letters:
        return bool(re.fullmatch(r"[\d\s./-]*\d[\d\s./-]*", line))
    return sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _noise(line: str) -> bool:
    """A stamp or margin fragment read between title lines: "lai,", "va", "~"."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) <= 4 and not any(c.isupper() or c.isdigit() for c in line)


def _body_start(line: str, folded: str) -> bool:
    """"Căn cứ", "Thực hiện" ... open the body with a capital; "thực hiện dự án ..."
    in lower case is a title line wrapped there."""
    return bool(_BODY_START.match(folded)) and not line.lstrip(" -.'‘’|_~")[:1].islower()


def _continues(line: str, folded: str, caps: bool) -> bool:
    """A line after a blank line that carries on the title: a capitals line under a
    capitals title, one going on in lower case under a sentence-case one."""
    if not caps:
        first = next((c for c in line if c.isalpha()), "")
        return first.islower() and not _body_start(line, folded)
    words = _letters(folded)
    # "PHƯƠNG ÁN" may be a title line; "QUYẾT ĐỊNH:" (a type name and a colon) is the body.
    heading = words in doctypes.type_names() and line.rstrip().endswith(":")
    return _caps(line) and not heading and not _CAPS_BODY.match(folded) and not _authority().match(words)


def find_title(lines: list[str], folded_lines: list[str], first: int) -> str | None:
    """The trích yếu: the lines from ``first`` up to a blank line or the body.

    OCR of two-column scans puts blank lines (and stamp fragments) inside a
    trích yếu ("QUY\n\nĐỊNH CHI ..."), so it goes on past a blank line while
    the next line is capitals and not the authority (a capitals title) or goes
    on in lower case ("Về việc ...\n\nthuộc lĩnh vực ...").
    """
    i = first
    while i < len(lines) and not lines[i].strip():
        i += 1
    out: list[str] = []
    while i < len(lines) and lines[i].strip() and len(out) < 5:
        if out and (_body_start(lines[i], folded_lines[i]) or _PLACE_DATE.match(folded_lines[i])):
            break  # the body, or the place-date line read after a subject set beside it
        out.append(lines[i].strip())
        i += 1
    if not out:
        return None
    caps = _caps(" ".join(out))
    while i < min(len(lines), first + TITLE_SPAN) and len(out) < TITLE_LINES:
        line = lines[i].strip()
        if not line or _noise(line):
            i += 1
        elif _continues(line, folded_lines[i], caps):
            out.append(line)
            i += 1
        else:
            break
    title = " ".join(out)
    m = _VV.match(fold(title))
    title = title[m.end() :] if m else title
    return title.strip(" .;:") or None


def find_vv(lines: list[str], folded_lines: list[str], first: int, stop: int) -> str | None:
    """A Công văn's trích yếu: the "V/v ..." lines (OCR "VIV", "V/V")."""
    for i in range(first, min(stop, len(lines))):
        m = _VV.match(folded_lines[i])
        if m:
            if folded_lines[i][m.end() :].strip():
                return find_title(lines, folded_lines, i)
            # "Viv" alone, the subject on the next text line ("Viv" / "" / "Chinh sach thué TNCN")
            return find_title(lines, folded_lines, i + 1)
    return None
