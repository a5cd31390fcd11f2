"""User query text -> ParsedQuery: words, phrases, exclusions, OR, fields.

The parser never fails: anything malformed (an unclosed quote, a lone "-",
"field:" with nothing after it, an unknown field) is read as plain words and a
note says so, so the page can tell the user how the query was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.analysis.text import fold, normalize
from indexer.legal.dates import parse_date
from indexer.legal.numbers import canonical_number, parse_alone

# Vietnamese field names users type, and the filter each one sets.
FIELD_NAMES = {
    "so": "number",
    "loai": "type",
    "nam": "year",
    "donvi": "unit",
    "trich": "cites",
    "ngay": "date",
}
# How each filter is named where the page says how a query was read.
FIELD_LABELS = {
    "number": "số ký hiệu",
    "type": "loại",
    "year": "năm",
    "unit": "đơn vị",
    "cites": "trích dẫn",
}
# What a field's value looks like, for the note when one cannot be read.
FIELD_EXAMPLES = {
    "number": "ví dụ so:173/QĐ-UBND",
    "type": "ví dụ loai:KH",
    "year": "năm có bốn chữ số, ví dụ nam:2023",
    "unit": 'ví dụ donvi:"Phước Long"',
    "cites": "ví dụ trich:173/QĐ-UBND",
    "date": "ngày dạng ngay:08/02/2023 hoặc khoảng ngay:01/01/2023..30/06/2023",
}
MAX_QUERY_CHARS = 1000
MAX_CLAUSES = 32
MAX_PHRASES = 4

_TOKEN = re.compile(
    r'(?P<neg>-)?(?:(?P<field>[^\W\d_]+):)?(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+))?'
)
# "năm: 2023", "loại: KH": people put a space after the colon, as in a sentence.
_SPACED_FIELD = re.compile(r'(?<![^\s-])([^\W\d_]+):\s+(?=[^\s:-])')


@dataclass
class Clause:
    kind: str  # "word", "phrase" or "number"
    text: str  # normalised text; for "number", the canonical số ký hiệu
    original: str = ""  # for a number: the words as typed ("Nghị định số 58")

    def words(self) -> list[str]:
        return re.findall(r"[^\W_]+", self.text)


@dataclass
class ParsedQuery:
    groups: list[list[Clause]] = field(default_factory=list)  # AND of OR-groups
    excluded: list[Clause] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: str | None = None
    date_to: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def clauses(self) -> list[Clause]:
        return [c for g in self.groups for c in g]

    def is_empty(self) -> bool:
        return not self.groups

    def only_number(self) -> str | None:
        """The số ký hiệu when the whole query is one, else None."""
        cs = self.clauses
        if len(cs) == 1 and cs[0].kind == "number" and not self.excluded and not self.filters:
            return cs[0].text
        return None

    def describe(self) -> str:
        """How the query was read, in the user's terms."""
        parts = []
        for group in self.groups:
            shown = [f'"{c.text}"' if c.kind == "phrase" else c.text for c in group]
            parts.append(" HOẶC ".join(shown))
        parts += [f"không có {c.text}" for c in self.excluded]
        parts += [f"{FIELD_LABELS.get(name, name)}: {', '.join(vals)}" for name, vals in self.filters.items()]
        if self.date_from or self.date_to:
            parts.append(f"ngày: {_shown_date(self.date_from)} – {_shown_date(self.date_to)}")
        return "; ".join(parts)


def _shown_date(iso: str | None) -> str:
    """2023-02-08 as a Vietnamese reader writes it (08/02/2023); an open end as "…"."""
    if not iso:
        return "…"
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def whole_number(text: str) -> str | None:
    """The số ký hiệu when the whole query is one, in any common spelling (the domain's
    grammar, ``numbers.parse_alone``): "173/QD-UBND", "173 qđ ubnd", "qd 173" (-> "173/QĐ"),
    "quyết định 173" (-> "173/QĐ").  Free text that merely contains a number ("kế hoạch
    27 cải cách") is not one; neither is field syntax nor a phrase."""
    text = text.strip()
    if not text or len(text) > 40 or re.search(r'[":]', text):
        return None
    found = parse_alone(text)
    return found.text if found else None


def _looks_like_number(word: str) -> bool:
    return bool(re.match(r"^\d+[/\\]", word)) or bool(re.match(r"^\d+/\d{4}/", word))


def parse(text: str) -> ParsedQuery:
    """Parse what the user typed; see the module docstring."""
    pq = ParsedQuery()
    text = normalize(text or "")[:MAX_QUERY_CHARS]
    whole = whole_number(text)
    if whole:
        pq.groups.append([Clause("number", whole, text.strip())])
        return pq
    text = _SPACED_FIELD.sub(lambda m: m.group(0) if fold(m.group(1)) not in FIELD_NAMES else m.group(1) + ":", text)
    if text.count('"') % 2:
        pq.notes.append("Dấu ngoặc kép không đóng: đã đọc như từ thường.")
        text = text.replace('"', " ")
    pending_or = False
    for m in _TOKEN.finditer(text):
        if not m.group(0).strip():
            continue
        clause, negate, pending = _read_token(m, pq)
        if clause is None:
            pending_or = pending or pending_or
            continue
        if negate:
            if clause not in pq.excluded:
                pq.excluded.append(clause)
        elif pending_or and pq.groups:
            if clause not in pq.groups[-1]:
                pq.groups[-1].append(clause)
        elif clause.kind == "word" or [clause] not in pq.groups:
            # A phrase typed twice is asked once (repeated phrases cost seconds);
            # words stay as typed: their order feeds the proximity bonus.
            pq.groups.append([clause])
        pending_or = False
    _bound(pq)
    return pq


def _bound(pq: ParsedQuery) -> None:
    """Keep a query's cost bounded: so many words, so many phrases, at most."""
    if len(pq.groups) > MAX_CLAUSES:
        pq.notes.append(f"Truy vấn quá dài: chỉ dùng {MAX_CLAUSES} từ đầu tiên.")
        pq.groups = pq.groups[:MAX_CLAUSES]
    pq.excluded = pq.excluded[:MAX_CLAUSES]
    for group in pq.groups:
        del group[MAX_CLAUSES:]
    phrases, groups = 0, []
    for group in pq.groups:
        if len(group) == 1 and group[0].kind == "phrase":
            phrases += 1
            if phrases > MAX_PHRASES:  # further phrases are read as their words
                groups += [[Clause("word", w)] for w in group[0].words() if [Clause("word", w)] not in groups]
                continue
        groups.append(group)
    if phrases > MAX_PHRASES:
        pq.notes.append(f"Chỉ {MAX_PHRASES} cụm từ đầu tiên được tìm nguyên cụm; các cụm sau được đọc như từ.")
    pq.groups = groups[:MAX_CLAUSES]


def _read_token(m, pq: ParsedQuery):
    """Return (clause or None, negated, whether it was an OR operator)."""
    neg, fname, phrase, word = m.group("neg"), m.group("field"), m.group("phrase"), m.group("word")
    if word == "OR" and not neg and not fname:
        return None, False, True
    if fname is not None:
        key = FIELD_NAMES.get(fold(fname))
        value = phrase if phrase is not None else word
        if key and value and value.strip():
            if _apply_field(pq, key, value.strip()):
                return None, False, False
        word = f"{fname} {value or ''}".strip()
        phrase = None
        if key:
            pq.notes.append(_field_note(fname, key, value, word))
    if phrase is not None:
        clause = Clause("phrase", phrase.strip()) if phrase.strip() else None
    elif word and re.search(r"[^\W_]", word):
        clause = _word_clause(word)
    else:
        if neg and not word and not phrase:
            pq.notes.append("Dấu trừ đứng một mình: đã bỏ qua.")
        clause = None
    return clause, bool(neg) and clause is not None, False


def _field_note(fname: str, key: str, value: str | None, read: str) -> str:
    """What could not be read as a field, the form that works, and what was searched instead."""
    words = re.findall(r"[^\W_]+", read)
    searched = f'cụm từ "{" ".join(words)}"' if len(words) > 1 else f'từ "{words[0]}"'
    example = FIELD_EXAMPLES.get(key)
    if len(searched) > 80:
        searched = searched[:79] + "…\""
    shown = value.strip() if value else ""
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    told = f"Không hiểu {fname}:{shown}" if shown else f"{fname}: không có giá trị"
    return f"{told} ({example}) — đã tìm {searched}."


def _word_clause(word: str) -> Clause:
    if _looks_like_number(word):
        number = canonical_number(word)
        if number:
            return Clause("number", number)
    words = re.findall(r"[^\W_]+", word)
    if len(words) > 1:
        return Clause("phrase", " ".join(words))
    return Clause("word", words[0] if words else word)


def _apply_field(pq: ParsedQuery, key: str, value: str) -> bool:
    """Record a field filter; False when the value cannot be read for it."""
    if key == "date":
        # "2023-01-01..2023-06-30", "..2023-06-30", "8/2/2023": each end in the domain's date grammar
        ends = value.split("..")
        if len(ends) > 2:
            return False
        found = [parse_date(e) if e else None for e in ends]
        if any(e and d is None for e, d in zip(ends, found)):
            return False
        first, last = (found[0], found[0]) if len(ends) == 1 else found
        pq.date_from = first or pq.date_from
        pq.date_to = last or pq.date_to
        return True
    if key == "year" and not re.fullmatch(r"\d{4}", value):
        return False
    if key in ("number", "cites") and re.match(r"^\d", value):
        value = canonical_number(value) or value
    pq.filters.setdefault(key, []).append(value)
    return True
