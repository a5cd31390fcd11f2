"""One grammar for document numbers (legal/numbers.py) and one for dates (legal/dates.py),
read in every context: header, header line start, citation, query."""

import re
from pathlib import Path

import pytest

from indexer.analysis.text import fold
from indexer.legal import dates, numbers
from indexer.search.parse import parse as parse_query

PACKAGE = Path(__file__).resolve().parents[2] / "indexer"


@pytest.mark.parametrize("context, text, groups", [
    ("typed", "34/2020/QĐ-UBND", ("34", "2020", "qd-ubnd")),
    ("typed", "12/QĐ-5NV", ("12", None, "qd-5nv")),  # an S read 5 after a hyphen
    ("header_number", "S6: 385 1/QD-UBND", ("385 1", None, "qd-ubnd")),
    ("header_number", "So: S0/UBND-TH", ("s0", None, "ubnd-th")),
    ("header_number", "80: 40/202 1/QB-UBND", ("40", "202 1", "qb-ubnd")),
    ("header_number", "So: 191/Qb-\nUBND-HC", ("191", None, "qb-\nubnd-hc")),
    ("header_number", "So: 12/QD- ‘SGDDT", ("12", None, "qd- ‘sgddt")),
    ("line_number", '"66, 223/CD-TTg', ("223", None, "cd-ttg")),
    ("cited_number", "s6 1357/QD-TCHQ ,", ("1357", None, "qd-tchq")),
    ("cited_number", "s6.2437/QD-TTg", ("2437", None, "qd-ttg")),
    ("cited_number", "so 3783/QD-\n\nUBND ngay", ("3783", None, "qd-\n\nubnd")),
    ("cited_number", "so 12/2023/TTLT-BTC-BCT-BNG-BYT", ("12", "2023", "ttlt-btc-bct-bng")),  # four parts at most
])
def test_number_contexts(context, text, groups):
    m = getattr(numbers, context).search(fold(text))
    assert m.groups()[:3] == groups


@pytest.mark.parametrize("context, text", [
    ("cited_number", "a12/QĐ-UBND"),  # inside a word
    ("cited_number", "1/12/QĐ-UBND"),  # inside another number
    ("header_number", "Số 173"),  # no code
    ("line_number", "Căn cứ Quyết định 173/QĐ-UBND"),  # not at a line's start
])
def test_not_a_number_there(context, text):
    pattern = getattr(numbers, context)
    assert (pattern.match(fold(text)) if context == "line_number" else pattern.search(fold(text))) is None


@pytest.mark.parametrize("text, iso", [
    ("Phuoc Long, ngay 21 thang 03 nam 2023", "2023-03-21"),
    ("ngay 21thang 03 nam 2023", "2023-03-21"),
    ("rigdy 5 thang 6 nam 2024", "2024-06-05"),
    ("ngay t9 thang 1 nim 2013", "2013-01-19"),
    ("ngay | thang 2 nam 2020", "2020-02-01"),
    ("ngay O1 thang 12 nam 2021", "2021-12-01"),
    ("ngay 18 indng 12 nam 2019", "2019-12-18"),
    ("ngay 16 thang 6\n16 thang 6 nam 2025", "2025-06-16"),
    ("ngay 08/02/2023", "2023-02-08"),
    ("ngay 31 thang 2 nam 2023", None),  # no such day
])
def test_header_dates(text, iso):
    m = dates.header_date.search(fold(text))
    assert (dates.iso(m) if m else None) == iso


@pytest.mark.parametrize("text, iso", [
    (" ngày 08/02/2023 của", "2023-02-08"),
    (" ,\n\nngay 18/5/2021 cua", "2021-05-18"),
    ("\n\n30/12/2023 cia", "2023-12-30"),
    (" 3\nngay 07/11/2025", "2025-11-07"),
    (" ngay 27 WaDe 5 ndm 2013", "2013-05-27"),
    (" ngay t9 thang 1 nam 2013", "2013-01-19"),  # the header's OCR readings of a day hold here too
    (" quy 2 nam 2023", None),
])
def test_cited_dates(text, iso):
    m = dates.cited_date.match(fold(text))
    assert (dates.iso(m) if m else None) == iso


@pytest.mark.parametrize("text, iso", [
    ("2023-02-08", "2023-02-08"), ("8/2/2023", "2023-02-08"), ("08.02.2023", "2023-02-08"),
    ("ngày 8 tháng 2 năm 2023", "2023-02-08"), ("ngay 8 thang 2 nam 2023", "2023-02-08"),
    ("2023-13-45", None), ("31/2/2023", None), ("x", None), ("2023", None),
])
def test_typed_dates(text, iso):
    assert dates.parse_date(text) == iso


@pytest.mark.parametrize("q, dates_", [
    ("ngay:8/2/2023", ("2023-02-08", "2023-02-08")),
    ("ngay:1/1/2023..30/6/2023", ("2023-01-01", "2023-06-30")),
    ("ngay:..2023-06-30", (None, "2023-06-30")),
])
def test_query_dates_use_the_grammar(q, dates_):
    pq = parse_query(q)
    assert ((pq.date_from, pq.date_to), pq.notes) == (dates_, [])


@pytest.mark.parametrize("text, expected", [
    ("173/QD-UBND", "173/QĐ-UBND"), ("173 qđ ubnd", "173/QĐ-UBND"), ("qd 173", "173/QĐ"),
    ("Quyết định số 173", "173/QĐ"), ("Thông tư 2025", None), ("kế hoạch 27 cải cách", None),
    ("<script>alert(1)</script>", None), ("57-NQ/TW", "57-NQ/TW"), ("83/BC-STTTTI", "83/BC-STTTT"),
])
def test_a_number_alone(text, expected):
    found = numbers.parse_alone(text)
    assert (found.text if found else None) == expected


# No module outside the grammar writes its own số ký hiệu or date pattern.
_OWN_PATTERNS = [r"\\d\{1,5\}\[a-z\]", r"\(\?:19\|20\)\\d", r"n\\S\{0,2\}m", r"th\\S\{0,3\}ng", r"ng\\S\{0,2\}y"]


@pytest.mark.parametrize("path", sorted(p for d in ("extract", "search") for p in (PACKAGE / d).rglob("*.py")), ids=str)
def test_no_second_grammar(path):
    source = path.read_text(encoding="utf-8")
    assert [rx for rx in _OWN_PATTERNS if re.search(rx, source)] == []
