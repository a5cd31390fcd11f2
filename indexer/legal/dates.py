"""Dates as documents write them: one grammar, read in every context.

"ngày 21 tháng 03 năm 2023", "ngày 08/02/2023", and as OCR reads them once
folded: "ngay 21thang 03 nam 2023", "rigdy 21", "ngay t9 thang 1 nim 2013",
"18 indng 12" (tháng beyond recognition), "ngay O1" (a 0 read O).  The
grammar is built from named parts over folded text (``analysis.text.fold``,
offsets are the original's); each context composes them:

* ``header_date``: the place-date line of a header, which OCR breaks or
  interleaves with the other column ("ngay 16 thang 6\\n16 thang 6 nam 2025");
* ``cited_date``: the date after a cited number ("173/QĐ-UBND ngày 08/02/2023",
  "1357/QD-TCHQ ,\\n\\nngay 18/5/2021", "ngày" lost before dd/mm/yyyy);
* ``typed_date``: a date a user types ("2023-02-08", "8/2/2023").

Every match has the groups day, month_w (after the word "tháng") or month_n
(between slashes) and year; ``iso`` turns one into "2023-02-08".
"""

from __future__ import annotations

import re
from datetime import date

from indexer.analysis import confusions
from indexer.analysis.text import fold

# --- the named parts --------------------------------------------------------------
NGAY = r"ng\S{0,2}y"  # "ngày", "ngay", "ngdy"
OCR_NGAY = r"[a-z]{0,2}[gq]\S{0,2}y"  # also "rigdy" (n read "ri"), "nqay"
THANG = r"th\S{0,3}ng"  # "tháng", "thang", "thdng"
GARBLED_WORD = r"[^\s\d]{2,6}"  # "tháng" beyond recognition: "indng", "WaDe"
NAM = r"n\S{0,2}m"  # "năm", "nam", "ném", "nim"
YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
DAY = r"(?P<day>\d{1,2})"
MONTH_W = r"(?P<month_w>\d{1,2})(?!\d)"
MONTH_N = r"(?P<month_n>\d{1,2})"
NUMERIC_SEP = r"[/.-]"
# As OCR reads a day or month (analysis.confusions): a 0 read O ("ngay O1", "O01"), a 1 read
# as a letter or mark before a digit ("ngay t9"), or alone before "tháng" ("ngay | thang 2").
_O = re.escape(confusions.DIGIT_READ_AS["0"])
_ONE = confusions.class_of(confusions.DIGIT_READ_AS["1"])
OCR_DAY = rf"(?P<day>[{_O}]?[0-3{_O}]?\d|{_ONE}\d|{_ONE}(?=\s+th))(?!\d)"
OCR_MONTH_W = rf"(?P<month_w>[01{_O}]?\d|{_ONE}(?=\s))(?!\d)"

# --- the contexts -----------------------------------------------------------------
# The header: a mark or a blank line after "ngày" ("ngay'\n\n26"), "tháng: 11", "nam-2025",
# the column read twice ("ngay 04 thang 5 nam\nthdng 5 nam 2020"), a mark after the day
# ("ngay 14 :\nthang 3"), the month's line broken before "năm".
header_date = re.compile(
    OCR_NGAY + r"\W{0,4}" + OCR_DAY + r"[\s:.,]*"
    r"(?:(?:" + THANG + "|" + GARBLED_WORD + r")\W{0,2}" + OCR_MONTH_W + r"[^\n]{0,3}\n?[^\n]{0,16}?" + NAM
    + r"(?:\s*" + THANG + r"\s*\d{1,2}\s*" + NAM + r")?"
    r"|" + NUMERIC_SEP + r"\s*" + MONTH_N + r"\s*" + NUMERIC_SEP + r")"
    r"[\s.,:-]*(?:[a-z]{1,2}\s+)?" + YEAR
)
# After a cited number: marks and blank lines before the date ("1357/QD-TCHQ ,\n\nngay 18/5/2021",
# "ngay .\n30/12/2023", "thang 8\n\ntuc\n\nnam 2025"), a stray letter or digit ("n ngay",
# "800/QD-BDTTG 3\nngay 07/11/2025"), "ban hành ngày", "ngày" lost before dd/mm/yyyy.
cited_date = re.compile(
    r"[\W_]{0,6}(?:[a-z0-9]\W{1,3})?(?:ban hanh\s+)?(?:" + NGAY + r"[\W_]{0,4}|(?=\d{1,2}/\d{1,2}/\d{4}\b))"
    + OCR_DAY + r"[\s:.,]*"
    r"(?:" + NUMERIC_SEP + r"\s*" + MONTH_N + r"\s*" + NUMERIC_SEP
    + r"|(?:" + THANG + "|" + GARBLED_WORD + r")\W{0,2}" + OCR_MONTH_W + r"[^\d]{0,12}?" + NAM + r")"
    r"[\s.,:-]*" + YEAR
)
typed_date = re.compile(
    r"(?:" + NGAY + r"\s*)?" + DAY + r"\s*(?:" + NUMERIC_SEP + r"\s*" + MONTH_N + r"\s*" + NUMERIC_SEP
    + r"|" + THANG + r"\s*" + MONTH_W + r"\s*" + NAM + r")\s*" + YEAR
)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def iso(m: re.Match) -> str | None:
    """"2023-02-08" for a match of one of the patterns; None for a day that does not exist."""
    month = m.group("month_w") or m.group("month_n")
    try:
        # "ngay t9", "thang O1": letters read for digits
        return date(int(m.group("year")), int(confusions.as_digits(month)), int(confusions.as_digits(m.group("day")))).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """A date typed on its own, in ISO or as Vietnamese write it ("8/2/2023", "ngày 8 tháng
    2 năm 2023", folded or not), as ISO; None when it is none or does not exist."""
    folded = fold(text.strip())
    m = _ISO.fullmatch(folded)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    m = typed_date.fullmatch(folded)
    return iso(m) if m else None
