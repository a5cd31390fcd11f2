"""Is a folded word shaped like a Vietnamese syllable?

Folded Vietnamese syllables (lower-case, no diacritics, đ -> d) follow a
closed pattern: an optional onset, a vowel nucleus from a short list and an
optional final consonant.  The OCR model keeps only inventory syllables that
fit it (pyvi's word list also holds loanwords such as "bazooka"), and the
evaluation uses it to count tokens that cannot be Vietnamese.  Pure code, no
I/O.
"""

from __future__ import annotations

import re

_ONSETS = "ngh ng gh gi kh nh ph th tr ch qu b c d g h k l m n p r s t v x".split()
# Folded nuclei: ươ/uô -> "uo", ưa -> "ua", iê/yê -> "ie"/"ye", ưu -> "uu"...
_NUCLEI = (
    "a e i o u y ai ao au ay eo eu ia iu ie ieu oa oai oao oay oe oeo oi oo "
    "ua uay ue ui uo uoi uou uu uy uya uye uyu ye yeu"
).split()
_FINALS = "ch ng nh c m n p t".split()


def _alternation(items: list[str]) -> str:
    # Longest first, so "ngh" is tried before "ng" and "ieu" before "ie".
    return "|".join(sorted(items, key=lambda s: (-len(s), s)))


_SYLLABLE = re.compile(
    rf"(?:{_alternation(_ONSETS)})?(?:{_alternation(_NUCLEI)})(?:{_alternation(_FINALS)})?"
)


def is_syllable_shaped(word: str) -> bool:
    """True when a folded word could be one Vietnamese syllable ("nghieng", "gi")."""
    return _SYLLABLE.fullmatch(word) is not None
