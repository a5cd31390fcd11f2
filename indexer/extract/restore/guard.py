"""Words the restorer must not guess: document numbers, and unit names the
gazetteer spells.

- A word glued to "/" or "-" that is digits or a code belongs to a số ký
  hiệu ("173/QD-UBND", "27/KH-\\nUBND"): a listed code takes its canonical
  spelling (legal.doctypes, legal.codes: "QĐ", "HĐND", "BLĐTBXH"), the
  rest is kept as read, never guessed by the language model.
- A word beside OCR noise ("ufi‘", "'P}oac"), in a web or e-mail
  address, or in a run of another language ("Each line should contain
  one URL"), is kept as read.
- A unit name after its level word ("huyện", "thị xã", "xã" ...) is spelled
  as the gazetteer spells it when every unit of that name does
  ("PHUOC LONG" -> "PHƯỚC LONG", "Phong Thé" -> "Phong Thổ"), never
  left to the language model.  Level and name stand together: only spaces,
  line breaks and hyphens between their words (a colon after the level:
  "các phường: Hai Bà Trưng"), and a word the scan read with marks on the
  name's very letters keeps them ("xã Vinh" closing a paragraph and "Phụ
  lục" opening the next are not "xã Vĩnh Phú").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from indexer.analysis.text import fold, lower, one_edit
from indexer.legal import codes, doctypes, levels
from indexer.legal.units import restore_name

@lru_cache(maxsize=1)
def _levels() -> tuple[tuple[tuple[str, ...], ...], dict[str, tuple[tuple[str, ...], ...]]]:
    """Level words by their folded syllables, longest first ("thi xa" before
    "xa"), and the same by first syllable (read from legal.levels on first use)."""
    found = sorted((tuple(k.split()) for k in levels.words()), key=len, reverse=True)
    by_first: dict[str, list] = {}
    for lv in found:
        by_first.setdefault(lv[0], []).append(lv)
    return tuple(found), {f: tuple(v) for f, v in by_first.items()}


_NAME_WORDS = (3, 2, 1)  # unit names of up to three syllables (most are two)
_JOINERS = "/-"


# A word amid OCR noise (stamps, signatures, smudges: "(l;{.]g ‘|;'.i ufi‘")
# stays as read, never dressed up as a real word.  Noise is a stretch with
# several characters prose does not have; one alone is often a misread
# letter ("S@" for "Sở", "|" for "l") and says nothing.
_PROSE = ".,;:!?()-–—/\"'“”‘’%&+"
_ODD = re.compile("[^\\w\\s" + re.escape(_PROSE) + "]|_")
# Glued to a word, these break it ("P}oac"); "@" and "|" are misread letters ("S@" is "Sở").
# Square brackets and the underscore are the archive's own marks, not noise: a
# consolidated text opens its notes with "[" and numbers its footnotes "[1]"
# ("[Điều này được sửa đổi bởi ...", "Luật Doanh nghiệp[1]"), and "_" underlines
# a blank or leads a line; the words glued to them are prose, read as any other.
_BRACKETS = frozenset("{}<>«»\\^~=#$*`")
NOISE_WINDOW = 8  # characters each side of the word
MIN_NOISE = 3  # odd characters in that window that make it noise


def noisy_words(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Indices of the words that sit in noise (``Noise.around``), found from the
    odd characters (usually none) rather than word by word."""
    noise = Noise(text)
    if not noise.odd:
        return set()
    starts = [a for a, _ in spans]
    out = set()
    for at in noise.odd:
        lo = max(0, bisect_left(starts, at - NOISE_WINDOW) - 1)
        hi = bisect_right(starts, at + NOISE_WINDOW)
        for i in range(lo, min(hi, len(spans))):
            if i not in out and noise.around(*spans[i]):
                out.add(i)
    return out


class Noise:
    """Where a text's odd characters stand, to ask of each word whether it sits in noise."""

    def __init__(self, text: str):
        self.text = text
        self.odd = [m.start() for m in _ODD.finditer(text)]

    def around(self, start: int, end: int) -> bool:
        """True for a word glued to a bracket-like character ("P}oac") or with
        MIN_NOISE odd characters within NOISE_WINDOW of it."""
        if not self.odd:
            return False
        text = self.text
        if start and text[start - 1] in _BRACKETS or end < len(text) and text[end] in _BRACKETS:
            return True
        return bisect_right(self.odd, end + NOISE_WINDOW - 1) - bisect_left(self.odd, start - NOISE_WINDOW) >= MIN_NOISE


_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)


def in_links(text: str) -> list[tuple[int, int]]:
    """(start, end) of every web address and e-mail address: their words
    ("thuvienphapluat.vn/van-ban/...") are kept as written, never accented."""
    if "http" not in text and "www" not in text and "@" not in text:
        return []
    return [m.span() for m in _URL.finditer(text)]


def linked_words(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Indices of the words inside web and e-mail addresses."""
    links = in_links(text)
    if not links:
        return set()
    starts = [a for a, _ in spans]
    return {i for a, b in links for i in range(bisect_left(starts, a), bisect_left(starts, b))}


def letter_runs(words: list[str], shortest: int = 3) -> set[int]:
    """Indices of words in runs of ``shortest`` or more single letters in a row
    ("i b Tt T i i" has one): OCR noise, not prose, whatever the letters."""
    singles = [i for i, w in enumerate(words) if len(w) == 1 and w.isalpha()]
    out: set[int] = set()
    run: list[int] = []
    for i in singles + [-2]:
        if run and i == run[-1] + 1:
            run.append(i)
            continue
        if len(run) >= shortest:
            out.update(run)
        run = [i]
    return out


# Another language's run ("Each line should contain one URL", "Offset UV spot
# Metal ink"): FOREIGN_WINDOW words in a row, FOREIGN_WORDS of them no
# Vietnamese syllable and nothing the OCR repairer can read as one.  OCR'd
# Vietnamese rarely has such a run (0.1 % of the simulated-OCR words, most of
# them English there too); without the rule "Each" became "Cách".
FOREIGN_WINDOW = 5
FOREIGN_WORDS = 4


def foreign_runs(words: list[str], folded: list[str], alts: list[list[str]], is_syllable) -> set[int]:
    """Indices of the words in runs of another language, kept as written."""
    alien = [len(w) > 1 and w.isascii() and w.isalpha() and not w.isupper() and not a and not is_syllable(f)
             for w, f, a in zip(words, folded, alts)]
    if sum(alien) < FOREIGN_WORDS:
        return set()
    out: set[int] = set()
    count = sum(alien[:FOREIGN_WINDOW - 1])
    for i in range(len(words) - FOREIGN_WINDOW + 1):
        count += alien[i + FOREIGN_WINDOW - 1]
        if count >= FOREIGN_WORDS and all(w.isascii() for w in words[i : i + FOREIGN_WINDOW]):
            out.update(range(i, i + FOREIGN_WINDOW))
        count -= alien[i]
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
        return codes.canonical_issuer_part(word) if codes.known_issuer(word) else word
    if not all(c.isupper() for c in letters[:1]) or sum(c.islower() for c in letters) > 1:
        return None
    if codes.known_issuer(word):
        return codes.canonical_issuer_part(word)
    found = doctypes.by_code(word)
    if found is not None:
        return found.code
    return None if is_syllable(fold(word)) else word


def gaps(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """What stands before each word: the text since the word before it."""
    ends = [0] + [b for _, b in spans[:-1]]
    return [text[e:a] for e, (a, _) in zip(ends, spans)]


# Between a name's words: spaces, line breaks (a layout's blank lines split
# names) and hyphens ("An-Hồng", "Quang\n- Trọng"); other punctuation ends a name.
_NAME_GAP = re.compile(r"[\s\-–]*")
_LEVEL_GAP = re.compile(r"\s*:?\s*")  # between level and name: "các phường: Hai Bà Trưng"


def _together(gap_of: list[str] | None, start: int, end: int) -> bool:
    """True when words start+1 .. end-1 follow the word before them across _NAME_GAP only."""
    return gap_of is None or all(_NAME_GAP.fullmatch(g) for g in gap_of[start + 1 : end])


def _keeps_marks(words: list[str], spelled: list[str]) -> bool:
    """True when a word read with marks has the spelling's letters but other
    marks ("Phụ" for "Phú"): what the scan shows outweighs the gazetteer's guess."""
    return any(not w.isascii() and fold(w) == fold(s) and lower(w) != lower(s) for w, s in zip(words, spelled))


def unit_names(folded: list[str], words: list[str], alts: list[list[str]],
               gap_of: list[str] | None = None) -> dict[int, str]:
    """{word index: gazetteer spelling} for unit names after a level word;
    ``gap_of[i]``: what stands between word i-1 and word i (``gaps``)."""
    out: dict[int, str] = {}
    # The places a level word may start (read right, or the repairer's first
    # reading), found in one pass: the loop below then visits only those.
    first = _levels()[1]
    starts = sorted({i for i, f in enumerate(folded) if f in first}
                    | {i for i, a in enumerate(alts) if a and a[0] in first})
    done = -1
    for i in starts:
        if i <= done:
            continue
        width = _level_at(folded, alts, i)
        if not width:
            continue
        level = " ".join(folded[i : i + width])
        start = i + width
        if not _together(gap_of, i, start) or gap_of and start < len(gap_of) and not _LEVEL_GAP.fullmatch(gap_of[start]):
            continue
        for size in _NAME_WORDS:
            names = words[start : start + size]
            if len(names) < size or not all(w[:1].isupper() for w in names) or not _together(gap_of, start, start + size):
                continue
            spelled = _spelling(level, " ".join(folded[start : start + size]))
            if spelled and len(spelled.split()) == size and not _keeps_marks(names, spelled.split()):
                out.update(zip(range(start, start + size), spelled.split()))
                start += size
                break
        done = start - 1
    return out


def _level_at(folded: list[str], alts: list[list[str]], i: int) -> int:
    """How many words the level word at ``i`` spans (0 when none is there);
    the repairer's first reading counts ("x4" is "xa")."""
    by_first = _levels()[1]
    candidates = by_first.get(folded[i]) or by_first.get(alts[i][0] if alts[i] else "", ())
    for level in candidates:
        width = len(level)
        if i + width > len(folded):
            continue
        if all(folded[i + k] == syl or alts[i + k][:1] == [syl] for k, syl in enumerate(level) if k):
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
            for level in _levels()[0]:
                if tuple(folded[i : i + len(level)]) == level:
                    cut = max(cut, i + len(level))
        name = " ".join(words[cut:])
        if name and any(c.isupper() for c in name):
            out.append(name)
    return out


def hinted_names(folded: list[str], words: list[str], names: list[str],
                 gap_of: list[str] | None = None) -> dict[int, str]:
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
        # A run one letter off has its first or its last syllable right.
        ends = (want[0], want[-1])
        for i in [i for i, f in enumerate(folded) if f in ends]:
            start = i if folded[i] == want[0] else i - size + 1
            if start < 0 or start + size > len(folded) or start in out:
                continue
            read = words[start : start + size]
            if not all(w[:1].isupper() for w in read) or not _together(gap_of, start, start + size):
                continue
            got = " ".join(folded[start : start + size])
            if (got == joined or one_edit(got, joined)) and not _keeps_marks(read, parts):
                out.update(zip(range(start, start + size), parts))
    return out


@lru_cache(maxsize=8192)
def _spelling(level: str, name: str) -> str | None:
    return restore_name(level, name)
