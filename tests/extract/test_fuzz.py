"""Fuzzing with hypothesis, on a fixed budget: parser, normalisation, loaders, extractors.

Each property runs a fixed number of derandomised examples, so the suite stays
reproducible and bounded (a few seconds in all).  No per-example deadline:
hypothesis fails an example that takes longer than its deadline, and how long
one takes depends on the machine and its load, not on the code (speed is
measured in bench/).
Text strategies mix arbitrary Unicode (surrogates included) with the
characters that matter here: Vietnamese letters, look-alikes, query operators
and the pieces of số ký hiệu and dates.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.extract.citations import extract_citations
from indexer.errors import SkipFile
from indexer.extract.loaders import load_bytes
from indexer.extract.metadata import extract_metadata
from indexer.search.parse import MAX_CLAUSES, parse
from indexer.analysis.text import fold, normalize

BUDGET = settings(
    max_examples=150, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
PIECES = [
    "Số:", "số", "/", "QĐ-UBND", "KH-UBND", "2023", "ngày", "08/02/2023", "tháng", "năm", "Quyết định",
    "Căn cứ", "UBND tỉnh", "Bình Phước", "ỦY BAN NHÂN DÂN", "Độc lập - Tự do - Hạnh phúc", "\n", "\n\n",
    '"', "-", ":", "OR", "so:", "loai:", "nam:", "ngay:", "..", "donvi:", "trich:", "*", "?", "(", ")",
    "Ð", "đ", "Ð", "\u0301", "\u0323", "hoà", "hòa", "Két luan ciia", "S6:", "QD", "\x00", "\ufeff",
    "\ud800", "\udfff", "\U0001f600", "\u202e", "\u200b",  # lone surrogates (st.text leaves them out), RTL, ZWSP
]
VIETNAMESE = st.sampled_from(list("aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệóòỏõọốồổỗộớờởỡợúùủũụứừửữựíìỉĩịýỳỷỹỵ "))
TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=12), st.text(VIETNAMESE, max_size=12), st.integers(0, 9999).map(str)),
    max_size=40,
).map(" ".join)


@BUDGET
@given(TEXT)
def test_parse_never_fails_and_stays_bounded(text):
    pq = parse(text)
    assert len(pq.groups) <= MAX_CLAUSES
    assert all(c.text for c in pq.clauses)
    assert isinstance(pq.describe(), str)
    assert parse(text) == pq


@BUDGET
@given(TEXT)
def test_normalize_is_idempotent_nfc_and_fold_keeps_offsets(text):
    once = normalize(text)
    assert normalize(once) == once
    assert unicodedata.is_normalized("NFC", once)
    # Highlighting maps offsets in the folded copy back to the text: one char per char.
    assert len(fold(once)) == len(once)


@BUDGET
@given(st.one_of(
    st.binary(max_size=2000),
    TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=2000).map(lambda b: b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n" + b + b"\n%%EOF"),
    TEXT.map(lambda t: f"<html><body><p>{t}</p><script>{t}</script></body></html>".encode("utf-8", "surrogatepass")),
))
def test_loaders_return_text_or_skip(data):
    for suffix in (".txt", ".html", ".pdf", ".docx", ".odt"):
        try:
            loaded = load_bytes(data, suffix, ocr=None)
            assert loaded.pages and all(isinstance(p, str) for p in loaded.pages)
        except SkipFile as exc:
            assert str(exc)


def header(number: str, day: date, body: str) -> str:
    return (
        f"ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHỊ XÃ PHƯỚC LONG Độc lập - Tự do - Hạnh phúc\n\n"
        f"Số: {number} Phước Long, ngày {day.day} tháng {day.month} năm {day.year}\n\nBÁO CÁO\n{body}"
    )


DOCUMENT = st.one_of(
    TEXT,
    st.builds(
        header,
        st.from_regex(r"\A[0-9]{1,4}/(BC|QĐ|KH)-UBND\Z"),
        st.dates(date(1990, 1, 1), date(2030, 12, 31)),
        TEXT,
    ),
)


@BUDGET
@given(DOCUMENT)
def test_metadata_fields_are_well_formed(raw):
    text = normalize(raw)
    meta = extract_metadata(text)
    if meta.date is not None:
        assert date.fromisoformat(meta.date).year == meta.year
    for value in (meta.number, meta.type_code, meta.unit, meta.title, meta.signer):
        assert value is None or (isinstance(value, str) and value.strip() == value and value)


@BUDGET
@given(DOCUMENT)
def test_citations_point_into_the_text(raw):
    text = normalize(raw)
    meta = extract_metadata(text)
    for c in extract_citations(text, meta):
        assert 0 <= c.start < c.end <= len(text)
        assert c.key and c.number and c.number != meta.number
        assert c.date is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", c.date)


@BUDGET
@given(st.from_regex(r"\A[1-9][0-9]{0,3}/(BC|QĐ|KH)-UBND\Z"), st.dates(date(1990, 1, 1), date(2030, 12, 31)), TEXT)
def test_a_clean_header_is_read_back(number, day, body):
    meta = extract_metadata(normalize(header(number, day, body)))
    assert (meta.number, meta.date) == (number, day.isoformat())
