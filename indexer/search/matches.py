"""What of a query a text shows, as a reader reads it: the rule of precise matching
applied to the words on the page, and the matches grouped as they are read.

A word of the text matches a query word as the index matched it
(``query.word_slot``): a word typed with marks matches that word where the
text's marks are known, and, where they are not (the words the restorer was
unsure of, passed as ``unsure`` with the readings it found plausible), where
it is one of those readings, or by its letters when nothing is known of its
marks; a word typed without marks matches every accented form, and the OCR
spellings the repair model maps to it ("s6" for "so").  Then, as a reader reads them:

- a quoted phrase is one match, and its words are marked nowhere else;
- query words standing together ("kết luận của Chủ tịch") are one match;
- a word standing alone is a match, unless it is a function word ("của",
  "và") or, in a query of several words, one half of another compound word
  of the text ("tịch" of "phân tích" for "chu tich", "chủ" of "chủ trì").

So a document's "N chỗ khớp", its hit navigation and its snippets count and
show the same matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from indexer.analysis.analyzer import WORD, Analyzer
from indexer.analysis.text import fold, has_diacritics, lower
from indexer.analysis.words import in_compound, is_function_word
from indexer.legal.numbers import serial_term
from indexer.search.parse import ParsedQuery

# Words separated by nothing but spaces stand together (a comma or a line
# break between them does not part them either: "kế hoạch,\ncải cách").
_TOGETHER = re.compile(r"[\s,]*")
MAX_MATCHES = 100_000


@dataclass(frozen=True)
class Wanted:
    """A query, as what to look for in a text."""

    exact: dict[str, frozenset[int]]  # lower-case accented form -> query words (where marks are known)
    letters: dict[str, frozenset[int]]  # folded form -> accented query words (where nothing is known of the marks)
    folded: dict[str, frozenset[int]]  # folded form -> unaccented query words (anywhere)
    count: int  # query words
    phrases: tuple[tuple[int, ...], ...] = ()  # quoted phrases, as query words in order
    loose: frozenset[int] = frozenset()  # query words asked for on their own (outside quotes)
    function: frozenset[int] = frozenset()  # function words, never marked alone
    numbers: frozenset[int] = frozenset()  # the digits of a số ký hiệu
    several: bool = False  # more than one distinct word asked for


@dataclass
class Match:
    start: int
    end: int
    words: frozenset[int] = field(default_factory=frozenset)  # the query words it holds


def wanted(pq: ParsedQuery | None, analyzer: Analyzer) -> Wanted | None:
    """The query as what to mark (None: nothing to mark)."""
    if pq is None:
        return None
    index: dict[tuple[str, str], int] = {}  # (kind, form) -> query word
    exact: dict[str, set[int]] = {}
    letters: dict[str, set[int]] = {}
    folded: dict[str, set[int]] = {}
    phrases, loose, function, numbers = [], set(), set(), set()

    def word(w: str) -> int:
        key = ("exact", lower(w)) if has_diacritics(w) else ("folded", fold(w))
        if key in index:
            return index[key]
        i = index[key] = len(index)
        if key[0] == "exact":
            exact.setdefault(key[1], set()).add(i)
            for form in _with_variants(analyzer, [fold(w)]):
                letters.setdefault(form, set()).add(i)
        else:
            for form in _with_variants(analyzer, analyzer.query_terms(w, "repaired")):
                folded.setdefault(form, set()).add(i)
        if is_function_word(w):
            function.add(i)
        return i

    for clause in pq.clauses:
        if clause.kind == "number":
            serial = serial_term(clause.text)
            if serial:
                i = index.setdefault(("number", serial), len(index))
                folded.setdefault(serial, set()).add(i)
                numbers.add(i)
                loose.add(i)
            continue
        found = [word(w) for w in clause.words()]
        if clause.kind == "phrase" and len(found) > 1:
            phrases.append(tuple(found))
        else:
            loose.update(found)
    if not index:
        return None
    freeze = lambda d: {k: frozenset(v) for k, v in d.items()}  # noqa: E731
    return Wanted(freeze(exact), freeze(letters), freeze(folded), len(index), tuple(phrases), frozenset(loose),
                  frozenset(function), frozenset(numbers), len(index) > 1)


def _with_variants(analyzer: Analyzer, forms: list[str]) -> set[str]:
    """Folded forms and the OCR spellings the repair model maps to each."""
    out = set()
    for form in forms:
        if form:
            out.add(form)
            out.update(analyzer.variants(form))
    return out


@lru_cache(maxsize=65536)
def _forms(word: str) -> tuple[str, str]:
    return lower(word), fold(word)


_NONE: frozenset[int] = frozenset()


def _which(wanted: Wanted, word: str, readings: frozenset[str] | None) -> frozenset[int]:
    """The query words one word of the text matches; ``readings``: None where its
    marks are known, else the readings found plausible (empty: nothing known).
    Called for every word of a section shown: most match nothing, and no set is
    made for them."""
    low, folded = _forms(word)
    found = wanted.folded.get(folded, _NONE)
    if readings is None:
        more = wanted.exact.get(low, _NONE)
    elif not readings:
        more = wanted.letters.get(folded, _NONE)
    else:
        more = _NONE
        for reading in readings:
            more = more | wanted.exact.get(reading, _NONE)
    return found | more if more else found


def find(text: str, wanted: Wanted | None, unsure: dict[int, frozenset[str]] | None = None,
         accented: bool = True, limit: int = MAX_MATCHES) -> list[Match]:
    """The matches of ``wanted`` in ``text``, as a reader reads them, in order.
    ``unsure``: the words whose marks are unknown, by start offset, with their
    plausible readings; ``accented`` False: the text is an OCR text shown beside
    its reading, where only the query's unaccented words are looked for directly."""
    unsure = unsure or {}
    if wanted is None:
        return []
    spans = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    hits = [_which(wanted, w, unsure.get(s)) if accented else _unaccented(wanted, w) for s, _, w in spans]
    taken = [False] * len(spans)
    out = _phrases(wanted, spans, hits, taken)
    i = 0
    while i < len(spans):
        if taken[i] or not (hits[i] & wanted.loose):
            i += 1
            continue
        j = i
        while j + 1 < len(spans) and not taken[j + 1] and hits[j + 1] & wanted.loose \
                and _TOGETHER.fullmatch(text, spans[j][1], spans[j + 1][0]):
            j += 1
        out += _run(wanted, text, spans, hits, i, j, unsure)
        i = j + 1
    out.sort(key=lambda m: m.start)
    return out[:limit]


def _unaccented(wanted: Wanted, word: str) -> frozenset[int]:
    return wanted.folded.get(_forms(word)[1], _NONE)


def _phrases(wanted: Wanted, spans, hits, taken: list[bool]) -> list[Match]:
    """Every place a quoted phrase stands, word for word."""
    out = []
    for phrase in wanted.phrases:
        n = len(phrase)
        for i in range(len(spans) - n + 1):
            if all(phrase[k] in hits[i + k] and not taken[i + k] for k in range(n)):
                out.append(Match(spans[i][0], spans[i + n - 1][1], frozenset(phrase)))
                for k in range(n):
                    taken[i + k] = True
    return out


def _run(wanted: Wanted, text: str, spans, hits, i: int, j: int, unsure) -> list[Match]:
    """Query words standing together from word i to word j: one match when they are
    several query words, else a lone word (which may not count, see the module)."""
    held = frozenset().union(*(hits[k] & wanted.loose for k in range(i, j + 1)))
    if j > i and len(held) > 1:
        return [Match(spans[i][0], spans[j][1], held)]
    out = []
    for k in range(i, j + 1):
        mine = hits[k] & wanted.loose
        if mine <= wanted.function:
            continue
        if wanted.several and not (mine & wanted.numbers) and _inside_compound(text, spans, k, unsure):
            continue
        out.append(Match(spans[k][0], spans[k][1], mine))
    return out


def _inside_compound(text: str, spans, k: int, unsure) -> bool:
    """Whether word k is one half of a compound with a neighbour it stands with."""
    start, end, word = spans[k]
    known = start not in unsure
    for a, b in ((k - 1, k), (k, k + 1)):
        if a >= 0 and b < len(spans) and _TOGETHER.fullmatch(text, spans[a][1], spans[b][0]) \
                and in_compound(spans[a][2], spans[b][2], known and spans[a if a != k else b][0] not in unsure):
            return True
    return False


def count_words(matches: list[Match]) -> int:
    """How many distinct query words the matches show."""
    return len(frozenset().union(*(m.words for m in matches))) if matches else 0
