"""Validity from the archive's own acts: precedence, time, documents outside the archive."""

import pytest

from indexer.legal.validity import Act, Facts, Validity, affected_keys, validities

A = "qd-12-ubnd-2020-tinh-binh-phuoc"
B = "qd-45-ubnd-2023-tinh-binh-phuoc"
C = "qd-60-ubnd-2025-tinh-binh-phuoc"
D = "qd-05-ubnd-2024-tinh-binh-phuoc"
OUT = "qd-07-ubnd-2019-tinh-binh-phuoc"  # cited, not in the archive


def doc(key, date, *acts, type_code="QĐ", effective=None, end=None, doc_id=None, cites=()):
    return Facts(key, doc_id or f"{key}.txt", type_code, date, effective, end, tuple(acts), tuple(cites))


def table(docs, today):
    v = validities(docs, today)
    return {k: (x.value, x.by, x.date, x.reason) for k, x in sorted(v.by_key.items())}


def test_replaced_beats_amended_and_a_later_repeal_does_not_revive():
    docs = [
        doc(A, "2020-03-16"),
        doc("qd-30-ubnd-2022-tinh-binh-phuoc", "2022-08-10", Act("sua_doi", A, articles=("Điều 3",)), effective="2022-09-01"),
        doc(B, "2023-12-20", Act("thay_the", A), effective="2024-01-01"),
        doc(C, "2025-11-25", Act("bai_bo", B)),  # repeals the replacing one
    ]
    assert table(docs, "2026-01-01") == {
        A: ("bi_thay_the", B, "2024-01-01", "replaced"),
        B: ("bi_bai_bo", C, "2025-11-25", "repealed"),
        C: ("con_hieu_luc", None, "2025-11-25", "in_force"),
        "qd-30-ubnd-2022-tinh-binh-phuoc": ("con_hieu_luc", None, "2022-09-01", "in_force"),
    }


@pytest.mark.parametrize("today, expected", [
    ("2021-01-01", ("con_hieu_luc", None, "2020-03-16", "in_force")),
    ("2022-09-01", ("bi_sua_doi", "qd-30-ubnd-2022-tinh-binh-phuoc", "2022-09-01", "amended")),  # in force that day
    ("2023-12-31", ("bi_sua_doi", "qd-30-ubnd-2022-tinh-binh-phuoc", "2022-09-01", "amended")),  # the replacement is ahead
    ("2024-01-01", ("bi_thay_the", B, "2024-01-01", "replaced")),
])
def test_acts_count_from_the_day_they_take_effect(today, expected):
    docs = [
        doc(A, "2020-03-16"),
        doc("qd-30-ubnd-2022-tinh-binh-phuoc", "2022-08-10", Act("sua_doi", A), effective="2022-09-01"),
        doc(B, "2023-12-20", Act("thay_the", A), effective="2024-01-01"),
    ]
    assert table(docs, today)[A] == expected


def test_dates_of_force_and_types():
    docs = [
        doc(A, "2020-03-16", end="2024-01-01"),
        doc(B, "2025-11-25", effective="2026-01-01"),
        doc("kh-27-ubnd-2024-thi-xa-phuoc-long", "2024-02-16", type_code="KH"),
        doc("kh-28-ubnd-2024-thi-xa-phuoc-long", "2024-02-16", type_code="KH", end="2025-01-01"),
        doc("bc-64-ubnd-2023-thi-xa-phuoc-long", "2023-03-21", type_code="BC"),
        doc("cv-5470-ct.cs-2025", "2025-11-24", type_code="CV"),
        doc("x-1-x-x", None, type_code=None),
    ]
    assert table(docs, "2025-12-01") == {
        A: ("het_hieu_luc", None, "2024-01-01", "ended"),
        B: ("chua_co_hieu_luc", None, "2026-01-01", "not_yet"),
        "bc-64-ubnd-2023-thi-xa-phuoc-long": ("khong_ro", None, None, "no_force"),
        "cv-5470-ct.cs-2025": ("khong_ro", None, None, "no_force"),
        "kh-27-ubnd-2024-thi-xa-phuoc-long": ("khong_ro", None, None, "period"),
        "kh-28-ubnd-2024-thi-xa-phuoc-long": ("het_hieu_luc", None, "2025-01-01", "ended"),
        "x-1-x-x": ("khong_ro", None, None, "unknown"),
    }


def test_the_first_end_decides():
    """Ended by its own term before a later text "replaced" it: it had ended already."""
    docs = [doc(A, "2020-03-16", end="2023-01-01"), doc(B, "2023-12-20", Act("thay_the", A), effective="2024-01-01")]
    assert table(docs, "2025-01-01")[A] == ("het_hieu_luc", None, "2023-01-01", "ended")
    docs = [doc(A, "2020-03-16", end="2025-01-01"), doc(B, "2023-12-20", Act("thay_the", A), effective="2024-01-01")]
    assert table(docs, "2025-06-01")[A] == ("bi_thay_the", B, "2024-01-01", "replaced")


def test_outside_the_archive_and_parts():
    docs = [
        doc(D, "2024-03-05", Act("bai_bo", OUT), Act("bai_bo", "qd-18-ubnd-2021-tinh-binh-phuoc", partial=True,
                                                      articles=("khoản 2 Điều 5",)),
            Act("thay_the", "qd-9-ubnd-2018-tinh-binh-phuoc", partial=True), effective="2024-03-15",
            cites=("nd-30-cp-2020",)),
        doc(B, "2023-12-20", Act("dinh_chinh", A)),  # a correction changes nothing
    ]
    assert table(docs, "2025-01-01") == {
        A: ("khong_ro", None, None, "outside"),
        B: ("con_hieu_luc", None, "2023-12-20", "in_force"),
        D: ("con_hieu_luc", None, "2024-03-15", "in_force"),
        "nd-30-cp-2020": ("khong_ro", None, None, "outside"),
        OUT: ("bi_bai_bo", D, "2024-03-15", "repealed"),
        "qd-18-ubnd-2021-tinh-binh-phuoc": ("bi_sua_doi", D, "2024-03-15", "amended"),
        "qd-9-ubnd-2018-tinh-binh-phuoc": ("bi_sua_doi", D, "2024-03-15", "amended"),
    }


def test_a_cited_key_without_its_body_is_the_archive_document_of_that_identity():
    docs = [doc(A, "2020-03-16"), doc(B, "2023-12-20", Act("thay_the", "qd-12-ubnd-2020"), effective="2024-01-01")]
    v = validities(docs, "2025-01-01")
    assert v.by_key[A] == Validity("bi_thay_the", B, f"{B}.txt", "2024-01-01", "replaced")
    assert "qd-12-ubnd-2020" not in v.by_key
    assert v.by_doc[f"{A}.txt"] == v.by_key[A]


def test_every_amendment_is_listed_and_the_latest_named():
    docs = [
        doc(A, "2020-03-16"),
        doc("qd-30-ubnd-2022-tinh-binh-phuoc", "2022-08-10", Act("sua_doi", A), effective="2022-09-01"),
        doc("qd-31-ubnd-2023-tinh-binh-phuoc", "2023-08-10", Act("bai_bo", A, partial=True)),
    ]
    v = validities(docs, "2025-01-01").by_key[A]
    assert (v.value, v.by, v.amended_by) == (
        "bi_sua_doi", "qd-31-ubnd-2023-tinh-binh-phuoc",
        ("qd-30-ubnd-2022-tinh-binh-phuoc", "qd-31-ubnd-2023-tinh-binh-phuoc"))


def test_affected_keys():
    old = doc(B, "2023-12-20", Act("sua_doi", A), cites=("nd-30-cp-2020",))
    new = doc(B, "2023-12-20", Act("thay_the", OUT), Act("can_cu", "l-01-qh13-2011"))
    assert affected_keys(new, old) == {A, B, OUT}
    assert affected_keys(None, old) == {A, B}
    assert affected_keys(doc(None, None, Act("bai_bo", OUT))) == {OUT}
