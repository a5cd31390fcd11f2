"""What OCR engines that do not know Vietnamese make of our characters: one table.

Every rule that reads OCR'd text takes its readings from here: issuer and
type codes ("HPND" for HĐND), unit names ("Pong Thap"), signers' surnames
("Pao" for Đào), dates ("ngay t9" for 19), the "Số:" line ("S6:") and
numbers ("S0/UBND" for 50).  So does the OCR model's build
(scripts/ocrmodel), where it seeds confusions by hand.

Why a hand table and not one generated from the learned model
(data/ocr_model.json.gz): the model learns folded *syllable* spellings
from simulator pairs and the five real seeds, and its character rules are
probabilities over those ("d" -> "p" 0.009, "o" -> "6" 0.11).  It has never
seen a code in capitals read "HDbND", a day read "t9" or "Số:" read "80:",
which the labelled scans show; deriving these lists from it would lose
them.  The table is small and each reading below was seen in a scan.

Everything is over folded text (``text.fold``: lower case, no marks,
đ -> d) unless a name says otherwise.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Đ/đ once folded: the bar lost ("d"), read as another letter ("Pong Thap", "QUYET BINH"),
# or as two letters ("HDbND", "Pdong", "HPBND").
D_READINGS = ("d", "b", "p", "db", "dp", "dd", "bb", "bd", "pb", "pd")
# In a code written in capitals, OCR's two-letter Đ is "D" and a small letter ("QDb", "HDpND").
D_SMALL_TAILS = "bp"

# A digit printed, a letter or mark read: "ngay t9" (19), "ngay | thang 2" (1), "S0/UBND" (50),
# "UBTVQHI15", "ngay O1".
DIGIT_READ_AS = {"0": "o", "1": "ilt|!", "2": "z", "5": "s", "8": "b"}
# A letter printed, a digit or mark read: "5NV" (SNV), "UBN0" (UBND), "V6 Tan Duc" (Võ),
# "XA THO! BINH" (Thới), "TT¢" (TTg).
LETTER_READ_AS = {"b": "8", "d": "0", "g": "6¢", "i": "1!", "l": "1", "o": "06", "s": "5", "z": "2"}

# "Số" (of "Số:" and "Quyết định số") as read, regex alternatives over folded text:
# "S6:", "Sb:", "So6", "80:", "86:", "50", "56" (its s read 5: "Luat 50 59/2020/QH 14"), "$6:", "§:", "6)".
NUMBER_SIGN = (r"s\S{0,2}", r"80", r"86", r"5[06]", r"[$§]\S{0,2}", r"6\)")
# Marks OCR puts beside the hyphens of a code ("QD- ‘SGDDT", "TCHQ- -GSQL").
QUOTE_MARKS = "'‘’`“”\""

# Thin strokes an engine may read as two letters where there was one ("niim" for năm).
THIN_STROKES = "il1jrt"
# A speck or the column's rule read as a thin letter after a word ("STTTTI" for STTTT).
STRAY_STROKES = "il1|j"


@lru_cache(maxsize=1)
def _to_digit() -> dict[int, str]:
    return str.maketrans({c: d for d, cs in DIGIT_READ_AS.items() for c in cs})


def as_digits(s: str) -> str:
    """Letters and marks read for digits, put back: "t9" -> "19", "o1" -> "01", "s0" -> "50"."""
    return s.translate(_to_digit())


@lru_cache(maxsize=1)
def _letters_by_digit() -> dict[str, str]:
    out: dict[str, str] = {}
    for letter, reads in LETTER_READ_AS.items():
        for r in reads:
            if r.isdigit():
                out[r] = out.get(r, "") + letter
    return out


def letters_for(digit: str) -> str:
    """The letters a digit inside a word may stand for ("0" -> "do", "6" -> "go")."""
    return _letters_by_digit().get(digit, "")


def digit_readings(digit: str) -> str:
    """What OCR reads for a printed digit, the digit first: "1" -> "1ilt|!"."""
    return digit + DIGIT_READ_AS.get(digit, "")


def marks_for(letter: str) -> str:
    """Marks (not letters, not digits) read for a letter: "i" -> "!", "g" -> "¢"."""
    return "".join(c for c in LETTER_READ_AS.get(letter, "") if not c.isalnum())


def digits_for(letter: str) -> str:
    """Digits read for a letter: "o" -> "06", "s" -> "5"."""
    return "".join(c for c in LETTER_READ_AS.get(letter, "") if c.isdigit())


def d_lookalikes() -> tuple[str, ...]:
    """The single letters read for Đ besides "d": ("b", "p")."""
    return tuple(r for r in D_READINGS if len(r) == 1 and r != "d")


def d_doubled() -> tuple[str, ...]:
    """Đ read as two letters: ("db", "dp", "dd", ...)."""
    return tuple(r for r in D_READINGS if len(r) == 2)


def class_of(chars: str) -> str:
    """A regex character class of ``chars``: "b" "p" -> "[bp]"."""
    return "[" + "".join(re.escape(c) for c in chars) + "]"


def number_sign() -> str:
    """A regex (no groups) for "số" as read."""
    return "(?:" + "|".join(NUMBER_SIGN) + ")"
