import pytest

from indexer.legal.articles import named_parts


@pytest.mark.parametrize("text, expected", [
    ("Điều 3 của Quyết định số", ["Điều 3"]),
    ("khoản 2 Điều 5", ["khoản 2 Điều 5"]),
    ("điểm a khoản 1 Điều 2", ["điểm a khoản 1 Điều 2"]),
    ("diem d khoan 1 dieu 24", ["điểm d khoản 1 Điều 24"]),  # folded (OCR'd) text
    ("điểm đ khoản 1 Điều 24 của", ["điểm đ khoản 1 Điều 24"]),
    ("khoản 2, khoản 6 Điều 1", ["khoản 2 Điều 1", "khoản 6 Điều 1"]),
    ("khoản 6 Điều 14, các khoản 1, 2, 3 và 4 Điều 29 của Luật",
     ["khoản 6 Điều 14", "khoản 1 Điều 29", "khoản 2 Điều 29", "khoản 3 Điều 29", "khoản 4 Điều 29"]),
    ("Điều 4, Điều 5 và Điều 9 Nghị định", ["Điều 4", "Điều 5", "Điều 9"]),
    ("các điểm a, b và đ khoản 1 Điều 34", ["điểm a khoản 1 Điều 34", "điểm b khoản 1 Điều 34", "điểm đ khoản 1 Điều 34"]),
    ("Chương II và Điều 30 Điều lệ", ["Chương II", "Điều 30"]),
    ("khoản 3 vào sau khoản 2 Điều 7 của Luật", ["khoản 3 Điều 7"]),
    ("Điều 3a vào sau Điều 3", ["Điều 3a"]),
    ("Phụ lục I, Phụ lục II ban hành kèm theo", ["Phụ lục I", "Phụ lục II"]),
    ("điểm b khoản 1 mục III Phụ lục VI", ["điểm b khoản 1 Mục III Phụ lục VI"]),
    ("một số điều, khoản, điểm của Quy định", []),
    ("Quyết định số 12/2020/QĐ-UBND ngày 16 tháng 3 năm 2020", []),
])
def test_named_parts(text, expected):
    assert named_parts(text) == expected
