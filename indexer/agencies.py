"""Names of issuing bodies that are not administrative units.

Used to restore the accents of a Sở/Bộ read from OCR ("SO NOI VU" -> Sở Nội
vụ) and to name the body behind a cited document ("của Thủ tướng Chính phủ").
Only names listed here are restored; anything else stays unresolved.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from indexer.text import fold

_FIELDS = (
    "Nội vụ", "Tài chính", "Tư pháp", "Xây dựng", "Công Thương", "Y tế", "Ngoại vụ",
    "Giáo dục và Đào tạo", "Kế hoạch và Đầu tư", "Tài nguyên và Môi trường",
    "Nông nghiệp và Phát triển nông thôn", "Nông nghiệp và Môi trường",
    "Văn hóa, Thể thao và Du lịch", "Văn hóa và Thể thao", "Thông tin và Truyền thông",
    "Lao động - Thương binh và Xã hội", "Khoa học và Công nghệ", "Giao thông vận tải",
    "Dân tộc và Tôn giáo",
)
# Codes of the bodies whose code is not the initials of their name.
_NATIONAL_CODES = {"Chính phủ": "CP", "Thủ tướng Chính phủ": "TTg", "Quốc hội": "QH", "Ủy ban Thường vụ Quốc hội": "UBTVQH",
                   "Văn phòng Chính phủ": "VPCP", "Ngân hàng Nhà nước Việt Nam": "NHNN", "Bộ Công an": "BCA",
                   "Bộ Quốc phòng": "BQP"}
_NATIONAL = ("Chính phủ", "Thủ tướng Chính phủ", "Quốc hội", "Ủy ban Thường vụ Quốc hội",
             "Văn phòng Chính phủ", "Bộ Chính trị", "Ban Bí thư", "Ngân hàng Nhà nước Việt Nam",
             "Bộ Công an", "Bộ Quốc phòng")


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    names = [f"Sở {f}" for f in _FIELDS] + [f"Bộ {f}" for f in _FIELDS] + list(_NATIONAL)
    names += [f"Bộ trưởng Bộ {f}" for f in _FIELDS]
    return {key(n): n for n in names}


def key(name: str) -> str:
    return " ".join(re.sub(r"[^a-z ]+", " ", fold(name)).split())


@lru_cache(maxsize=1)
def _glued() -> dict[str, str]:
    return {k.replace(" ", ""): n for k, n in _table().items()}


def restore(name: str) -> str | None:
    """The accented name of a known body, or None; OCR may glue words ("PHATTRIEN")."""
    k = key(name)
    return _table().get(k) or _glued().get(k.replace(" ", ""))


@lru_cache(maxsize=4096)
def longest_prefix(words: str) -> str | None:
    """The known body that ``words`` (folded) starts with, longest first."""
    parts = key(words).split()
    table = _table()
    for n in range(min(len(parts), 9), 0, -1):
        hit = table.get(" ".join(parts[:n]))
        if hit:
            return hit
    # OCR'd names ("thu tueng chinh phu", "s noi vu"): a close name of the same length.
    for n in range(min(len(parts), 9), 1, -1):
        words = " ".join(parts[:n])
        for k, name in table.items():
            if len(k.split()) != n or abs(len(k) - len(words)) > 0.3 * len(k):
                continue
            sm = SequenceMatcher(None, words, k)  # cheap upper bounds first: this runs per citation
            if sm.real_quick_ratio() >= 0.85 and sm.quick_ratio() >= 0.85 and sm.ratio() >= 0.85:
                return name
    return None


def code_of(name: str) -> str | None:
    """The issuer code of a listed body: "Bộ Nội vụ" -> "BNV", "Sở Giáo dục và Đào tạo"
    -> "SGDĐT", "Thủ tướng Chính phủ" -> "TTg"; None for anything else."""
    if name in _NATIONAL_CODES:
        return _NATIONAL_CODES[name]
    m = re.fullmatch(r"(?:Bộ trưởng )?(Bộ|Sở) (.+)", name)
    if not m or m.group(2) not in _FIELDS:
        return None
    words = [w for w in re.split(r"[\s,-]+", m.group(2)) if w and w != "và"]
    return m.group(1)[0] + "".join(w[0].upper() for w in words)
