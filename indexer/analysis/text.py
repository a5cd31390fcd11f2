"""Vietnamese text normalisation and folding.

Text is normalised once, when it enters the indexer (``normalize``), and the
normalised text is what gets stored, so character offsets computed on it line up
for highlighting.  ``fold`` maps every character to exactly one character, so
offsets in folded text are offsets in the normalised text too.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Tone marks as combining characters (NFD).  Vowel-quality marks (circumflex,
# breve, horn) are *not* tones and stay on their letter.
_TONES = {
    "\u0300": "huyền",  # grave
    "\u0301": "sắc",  # acute
    "\u0303": "ngã",  # tilde
    "\u0309": "hỏi",  # hook above
    "\u0323": "nặng",  # dot below
}
_VOWELS = set("aăâeêioôơuưy")
_QUALITY_VOWELS = set("ăâêôơư")

# OCR and legacy encodings use look-alikes: the Icelandic eth (U+00D0/U+00F0)
# for Đ/đ, and typographic ligatures that break words ("dﬁy" for "đầy").
_LOOKALIKES = str.maketrans(
    {
        "\u00d0": "\u0110",  # Ð -> Đ
        "\u00f0": "\u0111",  # ð -> đ
        "\u0189": "\u0110",  # Ɖ (African D) -> Đ
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb00": "ff",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\u00a0": " ",
        "\u200b": "",
        "\ufeff": "",
    }
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_VOWEL_CHARS = "".join(
    sorted({c for c in (unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in ["", *_TONES]) for c in (c, c.upper())})
)
# Only a syllable with two or more adjacent vowels can carry its tone mark in
# more than one place ("hoà"/"hòa"); matching just those keeps normalisation
# out of the indexing profile.  The lookbehind starts a match only where a word
# starts: without it a long run of letters costs the square of its length.
_MULTI_VOWEL_WORD = re.compile(rf"(?<![^\W\d_])[^\W\d_]*[{_VOWEL_CHARS}]{{2}}[^\W\d_]*")


def _build_fold_table() -> dict[int, int]:
    """Map every Latin letter with diacritics to its lower-case ASCII base.

    Built over the Latin blocks only so each character maps to exactly one
    character (str.lower() would not: "İ".lower() has two).
    """
    table: dict[int, int] = {}
    ranges = [(0x41, 0x5A), (0xC0, 0x24F), (0x1E00, 0x1EFF)]
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            base = unicodedata.normalize("NFD", ch)[0].lower()
            if base.isascii() and base.isalpha() and base != ch:
                table[cp] = ord(base)
    for ch in "đĐÐðƉ":
        table[ord(ch)] = ord("d")
    return table


FOLD_TABLE = _build_fold_table()
_LOWER_TABLE = {cp: ord(chr(cp).lower()) for cp in range(0x41, 0x1F00) if len(chr(cp).lower()) == 1 and chr(cp).lower() != chr(cp)}


def fold(text: str) -> str:
    """Lower-case and strip every diacritic, đ/Đ/Ð included; one char per char."""
    return text.translate(FOLD_TABLE)


def lower(text: str) -> str:
    """Lower-case without ever changing the length of the string."""
    return text.translate(_LOWER_TABLE)


@lru_cache(maxsize=65536)
def _retone_syllable(word: str) -> str:
    """Put the tone mark of one syllable where the traditional rule puts it.

    "hoà" -> "hòa", "thuỷ" -> "thủy", "quá" stays, "hoàng" stays.  Words that
    are not a single Vietnamese syllable are returned unchanged.
    """
    nfd = unicodedata.normalize("NFD", word)
    tones = [c for c in nfd if c in _TONES]
    if len(tones) != 1:
        return word
    tone = tones[0]
    bare = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
    low = bare.lower()
    # Locate the vowel cluster; "qu" and "gi" (before another vowel) are onsets.
    start = 0
    while start < len(low) and low[start] not in _VOWELS:
        start += 1
    if start >= len(low):
        return word
    if low[start] == "u" and start > 0 and low[start - 1] == "q":
        start += 1
    elif low[start] == "i" and start > 0 and low[start - 1] == "g" and start + 1 < len(low) and low[start + 1] in _VOWELS:
        start += 1
    end = start
    while end < len(low) and low[end] in _VOWELS:
        end += 1
    cluster = low[start:end]
    if not cluster or len(cluster) > 3:
        return word
    has_final = end < len(low)
    quality = [i for i, c in enumerate(cluster) if c in _QUALITY_VOWELS]
    if quality:
        pos = quality[-1]  # "ươ" takes it on ơ, "uô" on ô, "iê" on ê
    elif len(cluster) == 1:
        pos = 0
    elif has_final:
        pos = len(cluster) - 1
    elif len(cluster) == 3:
        pos = 1
    else:
        pos = 0
    target = start + pos
    out = []
    for i, ch in enumerate(bare):
        out.append(ch)
        if i == target:
            out.append(tone)
    return unicodedata.normalize("NFC", "".join(out))


def normalize(text: str) -> str:
    """Normalise text as it enters: NFC, look-alikes, controls, tone placement."""
    text = unicodedata.normalize("NFC", text.translate(_LOOKALIKES))
    text = _CONTROL.sub(" ", text)
    if text.isascii():
        return text
    return _MULTI_VOWEL_WORD.sub(_retone_match, text)


def _retone_match(m: re.Match) -> str:
    word = m.group()
    return word if word.isascii() else _retone_syllable(word)


def strip_accents(text: str) -> str:
    """Remove diacritics but keep case (for display of suggestions and labels)."""
    out = []
    for ch in text:
        f = FOLD_TABLE.get(ord(ch))
        if f is None:
            out.append(ch)
        else:
            out.append(chr(f).upper() if ch.isupper() else chr(f))
    return "".join(out)


def has_diacritics(text: str) -> bool:
    """True when text contains any Vietnamese letter with a mark (or đ)."""
    return any(ord(ch) in FOLD_TABLE and not ch.isascii() for ch in text)


def one_edit(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` with one letter changed, added or dropped: one OCR misreading."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
