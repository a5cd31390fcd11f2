"""The one table of OCR confusions (indexer/analysis/confusions.py) and its readers."""

import re
from pathlib import Path

import pytest

from indexer.analysis import confusions

PACKAGE = Path(__file__).resolve().parents[2] / "indexer"


@pytest.mark.parametrize("read, digits", [("t9", "19"), ("o1", "01"), ("|", "1"), ("s0", "50"), ("i5", "15"), ("12", "12")])
def test_as_digits(read, digits):
    assert confusions.as_digits(read) == digits


@pytest.mark.parametrize("digit, letters", [("0", "do"), ("1", "il"), ("5", "s"), ("6", "go"), ("8", "b"), ("7", "")])
def test_letters_for(digit, letters):
    assert confusions.letters_for(digit) == letters


def test_d_readings_split_by_length():
    assert confusions.d_lookalikes() == ("b", "p")
    assert set(confusions.d_doubled()) == {r for r in confusions.D_READINGS if len(r) == 2}
    assert all(len(r) in (1, 2) for r in confusions.D_READINGS)


def test_marks():
    assert (confusions.marks_for("i"), confusions.marks_for("g"), confusions.digits_for("o")) == ("!", "¢", "06")


@pytest.mark.parametrize("read", ["s6", "sb", "so6", "80", "86", "$6", "§", "6)"])
def test_number_sign(read):
    assert re.fullmatch(confusions.number_sign(), read)


# Hand-typed readings that used to live in the readers; none may come back.
_HAND_LISTS = [
    r'maketrans\("[a-z|!]+", "\d+"\)',  # _DAY_DIGITS, _SERIAL_DIGITS ...
    r'"\^?\[pb\]',  # Đ read p/b: _OCR_D, _VOWEL_AFTER_PB
    r'"d", "b", "p", "db"',  # _D_READINGS
    r'\(\?:pd\|bd',  # _DOUBLE_D
    r'\[60\]',  # ô read 6/0
]


@pytest.mark.parametrize("path", sorted(p for p in PACKAGE.rglob("*.py") if p.name != "confusions.py"), ids=str)
def test_no_reader_keeps_its_own_readings(path):
    source = path.read_text(encoding="utf-8")
    assert [rx for rx in _HAND_LISTS if re.search(rx, source)] == []
