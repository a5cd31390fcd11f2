"""Names of issuing bodies that are not administrative units.

Used to restore the accents of a Sở/Bộ read from OCR ("SO NOI VU" -> Sở Nội
vụ) and to name the body behind a cited document ("của Thủ tướng Chính phủ").
Only names listed here are restored; anything else stays unresolved.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from indexer.analysis.text import fold

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
                   "Bộ Quốc phòng": "BQP", "Bộ Ngoại giao": "BNG", "Văn phòng Quốc hội": "VPQH",
                   "Kiểm toán Nhà nước": "KTNN", "Thanh tra Chính phủ": "TTCP", "Ủy ban Dân tộc": "UBDT",
                   "Tòa án nhân dân tối cao": "TANDTC", "Viện kiểm sát nhân dân tối cao": "VKSNDTC"}
_NATIONAL = ("Chính phủ", "Thủ tướng Chính phủ", "Quốc hội", "Ủy ban Thường vụ Quốc hội",
             "Văn phòng Chính phủ", "Bộ Chính trị", "Ban Bí thư", "Ngân hàng Nhà nước Việt Nam",
             "Bộ Công an", "Bộ Quốc phòng")


# Central bodies that issue documents under their own header.  Departments
# ("children") stand under their ministry's line; the header names them, not
# the ministry.
_CENTRAL = ("Chính phủ", "Thủ tướng Chính phủ", "Quốc hội", "Ủy ban Thường vụ Quốc hội", "Văn phòng Quốc hội",
            "Văn phòng Chính phủ", "Chủ tịch nước", "Văn phòng Chủ tịch nước", "Ngân hàng Nhà nước Việt Nam",
            "Kiểm toán Nhà nước", "Thanh tra Chính phủ", "Ủy ban Dân tộc", "Tòa án nhân dân tối cao",
            "Viện kiểm sát nhân dân tối cao", "Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư",
            "Bộ Ngoại giao", "Bộ Công an", "Bộ Quốc phòng")
_CENTRAL_CHILDREN = ("Tổng cục Thuế", "Cục Thuế", "Tổng cục Hải quan", "Cục Hải quan", "Kho bạc Nhà nước",
                     "Tổng cục Thống kê", "Cục Thống kê", "Ủy ban Chứng khoán Nhà nước", "Bảo hiểm xã hội Việt Nam",
                     "Hội đồng Thẩm phán Tòa án nhân dân tối cao")
_SO_ONLY = ("Ngoại vụ",)
# Bodies of a province, district or commune other than its People's Committee or
# Council, whose header names the place: "CÔNG AN HUYỆN X", "THUẾ TỈNH TÂY NINH".
_LOCAL_BRANCHES = ("Thuế", "Cục Thuế", "Chi cục Thuế", "Công an", "Bảo hiểm xã hội", "Kho bạc Nhà nước",
                   "Tòa án nhân dân", "Viện kiểm sát nhân dân", "Cục Thống kê", "Chi cục Thống kê",
                   "Bộ Chỉ huy Quân sự", "Ban Chỉ huy Quân sự", "Liên đoàn Lao động",
                   "Ủy ban Mặt trận Tổ quốc Việt Nam", "Ủy ban Mặt trận Tổ quốc", "Hội Nông dân",
                   "Hội Liên hiệp Phụ nữ", "Hội Cựu chiến binh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
                   "Ban Quản lý dự án", "Trung tâm Phục vụ hành chính công", "Trung tâm Y tế", "Đảng ủy")


@lru_cache(maxsize=1)
def _branches() -> dict[str, str]:
    return {compact(n): n for n in _LOCAL_BRANCHES}


def local_branch(words: str) -> str | None:
    """The listed local body these folded words name ("cong an", "chi cuc thue"), or None."""
    return _branches().get(compact(words))


def central_bodies() -> list[tuple[str, bool]]:
    """(name, is a department) of every listed central body."""
    out = [(n, False) for n in _CENTRAL] + [(f"Bộ {f}", False) for f in _FIELDS if f not in _SO_ONLY]
    return out + [(n, True) for n in _CENTRAL_CHILDREN]


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    names = [f"Sở {f}" for f in _FIELDS] + [f"Bộ {f}" for f in _FIELDS] + list(_NATIONAL)
    names += [f"Bộ trưởng Bộ {f}" for f in _FIELDS]
    return {key(n): n for n in names}


def key(name: str) -> str:
    return " ".join(re.sub(r"[^a-z ]+", " ", fold(name)).split())


def compact(name: str) -> str:
    """The key with its spaces removed, for names OCR glued ("PHATTRIEN", "BOYTE")."""
    return key(name).replace(" ", "")


@lru_cache(maxsize=1)
def _glued() -> dict[str, str]:
    return {compact(n): n for n in _table().values()}


def restore(name: str) -> str | None:
    """The accented name of a known body, or None; OCR may glue words ("PHATTRIEN")."""
    return _table().get(key(name)) or _glued().get(compact(name))


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


@lru_cache(maxsize=1)
def _central_by_code() -> dict[str, str]:
    out = {}
    for name, child in central_bodies():
        code = None if child else code_of(name)
        if code:
            out[fold(code)] = name
    return out


def central_by_code(code: str) -> str | None:
    """The central body an issuer code stands for: "BTC" -> Bộ Tài chính, "QH14" -> Quốc hội,
    "BLDTBXH" (Đ read as D) -> Bộ Lao động - Thương binh và Xã hội; None for any other code."""
    return _central_by_code().get(re.sub(r"(?<=qh)\d{1,2}$", "", fold(code)))
