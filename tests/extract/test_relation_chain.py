"""A chain of documents, read whole: the kinds of their citations, their dates of force
and, through legal.validity, what stands on a given day."""

from indexer.extract.document_relations import facts
from indexer.legal.validity import validities


def test_kinds_of_the_chain(relation_chain):
    got = {name: [(c.number, c.relation, c.partial, c.articles) for c in doc.citations] for name, doc in relation_chain.items()}
    assert got == {
        "d1": [("01/2011/QH13", "can_cu", False, []), ("30/2020/NĐ-CP", "can_cu", False, []),
               ("25/TTr-SNV", "dan_chieu", False, [])],
        # The title and Điều 1 amend Article 3.
        "d2": [("12/2020/QĐ-UBND", "sua_doi", False, ["Điều 3"]), ("01/2011/QH13", "can_cu", False, []),
               ("12/2020/QĐ-UBND", "sua_doi", False, ["Điều 3"])],
        # "Căn cứ Quyết định 30/2022 ... về việc sửa đổi ... Quyết định 12/2020": a basis, not an amendment.
        "d3": [("30/2022/QĐ-UBND", "can_cu", False, []), ("12/2020/QĐ-UBND", "can_cu", False, []),
               ("12/2020/QĐ-UBND", "thay_the", False, [])],
        # One sentence, two acts: the whole of 07/2019, a clause of 18/2021.
        "d4": [("07/2019/QĐ-UBND", "bai_bo", False, []), ("97/2015/QH13", "can_cu", False, []),
               ("07/2019/QĐ-UBND", "bai_bo", False, []), ("18/2021/QĐ-UBND", "bai_bo", True, ["khoản 2 Điều 5"])],
        "d5": [("45/2023/QĐ-UBND", "thuc_hien", False, []), ("30/2020/NĐ-CP", "dan_chieu", False, [])],
        # OCR read the title's 45/2023 as "49/2023"; the body's sentence names the right one. The
        # law's name and "số" keep OCR's digits ("Luat Luu tri¥ s6 33/2024/QH15"): still a law.
        "d6": [("49/2023/QĐ-UBND", "sua_doi", False, []), ("33/2024/QH15", "can_cu", False, []),
               ("45/2023/QĐ-UBND", "sua_doi", False, ["khoản 2 Điều 4"])],
    }


def test_dates_of_force_of_the_chain(relation_chain):
    got = {name: (doc.meta.date, doc.meta.effective_date, doc.meta.end_date) for name, doc in relation_chain.items()}
    assert got == {
        "d1": ("2020-03-16", "2020-03-16", None),  # "kể từ ngày ký"
        "d2": ("2022-08-10", "2022-09-01", None),
        "d3": ("2023-12-20", "2024-01-01", None),
        "d4": ("2024-03-05", "2024-03-15", None),  # "sau 10 ngày kể từ ngày ký"
        "d5": ("2024-02-16", None, "2025-01-01"),  # "được thực hiện đến hết ngày 31 tháng 12 năm 2024"
        "d6": ("2025-11-25", "2026-01-01", None),  # OCR'd: "co hiéu luc ké tir ngay 01 thang 01 nam 2026"
    }


def _validity(chain, today):
    v = validities([facts(d) for d in chain.values()], today)
    keys = {
        "d1": "qd-12-ubnd-2020-tinh-binh-phuoc", "d2": "qd-30-ubnd-2022-tinh-binh-phuoc",
        "d3": "qd-45-ubnd-2023-tinh-binh-phuoc", "d4": "qd-05-ubnd-2024-tinh-binh-phuoc",
        "d5": "kh-27-ubnd-2024-thi-xa-phuoc-long", "d6": "qd-60-ubnd-2025-tinh-binh-phuoc",
        "07/2019": "qd-07-ubnd-2019-tinh-binh-phuoc", "18/2021": "qd-18-ubnd-2021-tinh-binh-phuoc",
        "NĐ 30/2020": "nd-30-cp-2020",
    }
    return {name: (v.by_key[k].value, v.by_key[k].by, v.by_key[k].date) for name, k in keys.items()}


def test_validity_of_the_chain_in_2023(relation_chain):
    assert _validity(relation_chain, "2023-06-01") == {
        "d1": ("bi_sua_doi", "qd-30-ubnd-2022-tinh-binh-phuoc", "2022-09-01"),
        "d2": ("con_hieu_luc", None, "2022-09-01"),
        "d3": ("chua_co_hieu_luc", None, "2024-01-01"),  # not issued yet on that day, but in the archive
        "d4": ("chua_co_hieu_luc", None, "2024-03-15"),
        "d5": ("khong_ro", None, None),  # a plan: in force for a period we do not read
        "d6": ("chua_co_hieu_luc", None, "2026-01-01"),
        "07/2019": ("khong_ro", None, None),
        "18/2021": ("khong_ro", None, None),
        "NĐ 30/2020": ("khong_ro", None, None),
    }


def test_validity_of_the_chain_in_2026(relation_chain):
    assert _validity(relation_chain, "2026-02-01") == {
        "d1": ("bi_thay_the", "qd-45-ubnd-2023-tinh-binh-phuoc", "2024-01-01"),
        "d2": ("con_hieu_luc", None, "2022-09-01"),
        "d3": ("bi_sua_doi", "qd-60-ubnd-2025-tinh-binh-phuoc", "2026-01-01"),
        "d4": ("con_hieu_luc", None, "2024-03-15"),
        "d5": ("het_hieu_luc", None, "2025-01-01"),
        "d6": ("con_hieu_luc", None, "2026-01-01"),
        "07/2019": ("bi_bai_bo", "qd-05-ubnd-2024-tinh-binh-phuoc", "2024-03-15"),
        "18/2021": ("bi_sua_doi", "qd-05-ubnd-2024-tinh-binh-phuoc", "2024-03-15"),  # a clause repealed
        "NĐ 30/2020": ("khong_ro", None, None),  # cited, never acted on, not in the archive
    }
