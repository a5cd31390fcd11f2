"""Dates of force as the text says them, and nothing the text does not say."""

import pytest

from indexer.extract.force import dates_of_force
from indexer.extract.records import Metadata

DECISION = Metadata(number="60/2025/QĐ-UBND", type_code="QĐ", date="2025-11-20")
RESOLUTION = Metadata(number="20/2023/NQ-HĐND", type_code="NQ", date="2023-12-10")
LETTER = Metadata(number="5470/CT-CS", type_code="CV", date="2025-11-24")


@pytest.mark.parametrize("text, meta, expected", [
    ("Điều 3. Quyết định này có hiệu lực kể từ ngày ký.", DECISION, ("2025-11-20", None)),
    ("Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành; thay thế Quyết định số 15/2023/QĐ-UBND.", DECISION, ("2025-11-20", None)),
    ("Quyết định này có hiệu lực từ ngày 01/01/2024.", DECISION, ("2024-01-01", None)),
    ("Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2024 và thay thế ...", DECISION, ("2024-01-01", None)),
    ("Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký.", DECISION, ("2025-11-30", None)),
    ("Quyết định\nnày có hiệu lực\nthi hành kể từ ngày 10 tháng 12 năm 2025.", DECISION, ("2025-12-10", None)),
    ("Quyết định này có hiệu lực kể từ ngày 01 tháng 7 năm 2025 đến hết ngày 31 tháng 12 năm 2026.", DECISION, ("2025-07-01", "2027-01-01")),
    ("1. Quy định này có hiệu lực từ ngày 05/12/2025.", DECISION, ("2025-12-05", None)),  # the regulation it issues
    ("Nghị quyết này đã được Hội đồng nhân dân tỉnh khóa X, kỳ họp thứ 5 thông qua ngày 10 tháng 12 năm 2023 và có "
     "hiệu lực từ ngày 01 tháng 01 năm 2024.", RESOLUTION, ("2024-01-01", None)),
    ("Nghị quyết này có hiệu lực kể từ ngày được Hội đồng nhân dân tỉnh thông qua.", RESOLUTION, ("2023-12-10", None)),
    ("Quyết định này hết hiệu lực kể từ ngày 01/01/2027.", DECISION, (None, "2027-01-01")),
    ("Kế hoạch này được thực hiện đến hết ngày 31/12/2025.", Metadata(type_code="KH", date="2025-02-01"), (None, "2026-01-01")),
    # The day it takes effect named before it is set: the statement that sets it counts.
    ("... bổ sung đủ các điều kiện trong thời hạn 01 năm kể từ ngày Luật này có hiệu lực thi hành. Điều 81. Hiệu lực thi "
     "hành\nLuật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2015.", Metadata(type_code="L"), ("2015-07-01", None)),
    ("Thời hạn ủy quyền: Kể từ ngày Quyết định này có hiệu lực thi hành đến khi có văn bản khác thay thế. Điều 8. 1. "
     "Quyết định này có hiệu lực thi hành kể từ ngày 15 tháng 12 năm 2025.", DECISION, ("2025-12-15", None)),
    # Not a date: the force hangs on another document, a part takes effect, a quoted law, a state told.
    ("Quyết định này có hiệu lực thi hành kể từ ngày Nghị định số 262/2025/NĐ-CP ngày 14 tháng 10 năm 2025 của Chính "
     "phủ có hiệu lực.", DECISION, (None, None)),
    ("Khoản 9 Điều 60 của Luật này có hiệu lực thi hành từ ngày 01/01/2025.", Metadata(type_code="L"), (None, None)),
    ("Điều 252 của Luật Đất đai quy định như sau: “Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2025.”",
     Metadata(type_code="VBHN"), (None, None)),
    ("Quyết định này đã có hiệu lực từ ngày 01/01/2024.", DECISION, (None, None)),
    ("Luật Hải quan có hiệu lực từ 01/01/2015; Luật này có hiệu lực thi hành từ ngày 01/01/2015.", LETTER, (None, None)),
    ("Quyết định này có hiệu lực kể từ ngày ký.", Metadata(type_code="QĐ"), (None, None)),  # no date read: nothing to add
    ("Nghị định số 39/2015/NĐ-CP hết hiệu lực từ ngày 01 tháng 7 năm 2026.", Metadata(type_code="NĐ"), (None, None)),
    # A scan's specks inside the sentence: a mark alone between words, glued to one, a stray quote.
    ("Điều 3. Quyết . định này có hiệu lực kể từ’ ngày ký.", DECISION, ("2025-11-20", None)),
    ("Điều 2. Quyết định này có hiệu lực kể từ.ngày ban hành.", DECISION, ("2025-11-20", None)),
    ("1. Quyết định này có hiệu lực . thi hành từ’ ngày 10 tháng 12 năm 2025.", DECISION, ("2025-12-10", None)),
    ("Điều 3. Quyết định này có “hiệu lực thi hành-kể từ ngày. ký.", DECISION, ("2025-11-20", None)),
    ("Điều 4. Quyét | dinh nay co hiéu luc thi hanh ké tu ngay 01/12/2025.", DECISION, ("2025-12-01", None)),
])
def test_dates_of_force(text, meta, expected):
    assert dates_of_force(text, meta) == expected
