"""Words the restorer must not guess: document numbers, and unit names the
gazetteer spells.

- A word glued to "/" or "-" that is digits or a code belongs to a số ký
  hiệu ("173/QD-UBND", "27/KH-\\nUBND"): a listed code takes its canonical
  spelling (legal.doctypes, legal.numbers: "QĐ", "HĐND", "BLĐTBXH"), the
  rest is kept as read, never guessed by the language model.
- A word beside OCR noise ("ufi‘", "'P}oac"), or in a web or e-mail
  address, is kept as read.
- A unit name after its level word ("huyện", "thị xã", "xã" ...) is spelled
  as the gazetteer spells it when every unit of that name does
  ("PHUOC LONG" -> "PHƯỚC LONG", "Phong Thé" -> "Phong Thổ"), never
  left to the language model.
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.analysis.text import fold, one_edit
from indexer.legal import doctypes, numbers
from indexer.legal.units import LEVELS, restore_name

# Level words by their folded syllables, longest first ("thi xa" before "xa").
_LEVELS = sorted((tuple(k.split()) for k in LEVELS), key=len, reverse=True)
_FIRST = frozenset(level[0] for level in _LEVELS)
_NAME_WORDS = (3, 2, 1)  # unit names of up to three syllables (most are two)
_JOINERS = "/-"


# A word amid OCR noise (stamps, signatures, smudges: "(l;{.]g ‘|;'.i ufi‘")
# stays as read, never dressed up as a real word.  Noise is a stretch with
# several characters prose does not have; one alone is often a misread
# letter ("S@" for "Sở", "|" for "l") and says nothing.
_PROSE = frozenset(".,;:!?()-–—/\"'“”‘’%&+")
# Glued to a word, these break it ("P}oac"); "@" and "|" are misread letters ("S@" is "Sở").
_BRACKETS = frozenset("{}[]<>«»\\^~_=#$*`")
NOISE_WINDOW = 8  # characters each side of the word
MIN_NOISE = 3  # odd characters in that window that make it noise


def _odd(c: str) -> bool:
    return not (c.isalnum() or c.isspace() or c in _PROSE)


def in_junk(text: str, start: int, end: int) -> bool:
    """True for a word glued to an odd character ("P}oac") or with MIN_NOISE
    of them within NOISE_WINDOW."""
    if start and text[start - 1] in _BRACKETS or end < len(text) and text[end] in _BRACKETS:
        return True
    around = text[max(0, start - NOISE_WINDOW) : start] + text[end : end + NOISE_WINDOW]
    odd = 0
    for c in around:
        if not (c.isalnum() or c.isspace() or c in _PROSE):
            odd += 1
            if odd >= MIN_NOISE:
                return True
    return False


_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)


def in_links(text: str) -> list[tuple[int, int]]:
    """(start, end) of every web address and e-mail address: their words
    ("thuvienphapluat.vn/van-ban/...") are kept as written, never accented."""
    if "http" not in text and "www" not in text and "@" not in text:
        return []
    return [m.span() for m in _URL.finditer(text)]


def letter_runs(words: list[str], shortest: int = 3) -> set[int]:
    """Indices of words in runs of ``shortest`` or more single letters in a row
    ("i b Tt T i i" has one): OCR noise, not prose, whatever the letters."""
    out: set[int] = set()
    run: list[int] = []
    for i, w in enumerate(words + [""]):
        if len(w) == 1 and w.isalpha():
            run.append(i)
            continue
        if len(run) >= shortest:
            out.update(run)
        run = []
    return out


def number_part(text: str, start: int, end: int, word: str, is_syllable) -> str | None:
    """How a word glued to "/" or "-" is read when it belongs to a số ký hiệu:
    a listed code in its canonical spelling ("QD" -> "QĐ", "HDND" -> "HĐND",
    "Qb" -> "QĐ"), digits and other codes as they stand; None for a word that
    is not part of a number (restored like any other: "CÔNG BÁO/Số")."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before not in _JOINERS and after not in _JOINERS:
        return None
    if word.isdigit():
        return word
    letters = [c for c in word if c.isalpha()]
    if any(c.isdigit() for c in word):
        return numbers.canonical_issuer_part(word) if numbers.known_issuer(word) else word
    if not all(c.isupper() for c in letters[:1]) or sum(c.islower() for c in letters) > 1:
        return None
    if numbers.known_issuer(word):
        return numbers.canonical_issuer_part(word)
    found = doctypes.by_code(word)
    if found is not None:
        return found.code
    return None if is_syllable(fold(word)) else word


def unit_names(folded: list[str], words: list[str], alts: list[list[str]]) -> dict[int, str]:
    """{word index: gazetteer spelling} for unit names after a level word."""
    out: dict[int, str] = {}
    n = len(folded)
    i = 0
    while i < n:
        first = alts[i][0] if alts[i] else ""
        width = _level_at(folded, alts, i) if folded[i] in _FIRST or first in _FIRST else 0
        if not width:
            i += 1
            continue
        level = " ".join(folded[i : i + width])
        start = i + width
        for size in _NAME_WORDS:
            names = words[start : start + size]
            if len(names) < size or not all(w[:1].isupper() for w in names):
                continue
            spelled = _spelling(level, " ".join(folded[start : start + size]))
            if spelled and len(spelled.split()) == size:
                out.update(zip(range(start, start + size), spelled.split()))
                start += size
                break
        i = start
    return out


def _level_at(folded: list[str], alts: list[list[str]], i: int) -> int:
    """How many words the level word at ``i`` spans (0 when none is there);
    the repairer's first reading counts ("x4" is "xa")."""
    for level in _LEVELS:
        width = len(level)
        if i + width > len(folded):
            continue
        if all(folded[i + k] == syl or alts[i + k][:1] == [syl] for k, syl in enumerate(level)):
            return width
    return 0


def place_names(*values: str | None) -> list[str]:
    """The place names in header values: "UBND huyện Phong Thổ" -> "Phong Thổ"."""
    out = []
    for value in values:
        words = (value or "").split()
        folded = [fold(w) for w in words]
        cut = 0
        for i in range(len(words)):
            for level in _LEVELS:
                if tuple(folded[i : i + len(level)]) == level:
                    cut = max(cut, i + len(level))
        name = " ".join(words[cut:])
        if name and any(c.isupper() for c in name):
            out.append(name)
    return out


def hinted_names(folded: list[str], words: list[str], names: list[str]) -> dict[int, str]:
    """{word index: spelling} where the text names one of ``names`` (the
    document's own unit and province) in capitals, read right or one letter
    off ("Phong Thé, ngày ..." is "Phong Thổ"): the header already said which."""
    out: dict[int, str] = {}
    for name in names:
        parts = name.split()
        want = [fold(p) for p in parts]
        joined = " ".join(want)
        size = len(parts)
        if size < 2:  # one syllable is too common a word to take for a name
            continue
        for i in range(len(folded) - size + 1):
            if folded[i] != want[0] and folded[i + size - 1] != want[-1]:
                continue
            run = folded[i : i + size]
            if not all(w[:1].isupper() for w in words[i : i + size]):
                continue
            got = " ".join(run)
            if got == joined or one_edit(got, joined):
                out.update(zip(range(i, i + size), parts))
    return out


@lru_cache(maxsize=8192)
def _spelling(level: str, name: str) -> str | None:
    return restore_name(level, name)
