"""Document types of Nghị định 30/2020/NĐ-CP (Appendix III) and their codes.

A số ký hiệu such as "64/BC-UBND" carries the type code ("BC") before the
issuer code.  OCR engines that do not know Vietnamese read Đ as D, B, P or
"Db" ("QĐ" -> "QD", "Qb", "QP", "QDb"), so lookups are tolerant: an exact
code wins, then the folded code, then the folded code with each "d"-like
OCR reading of Đ.  Công văn has no code; we use "CV" internally.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from indexer.analysis import confusions
from indexer.analysis.text import fold, one_edit


@dataclass(frozen=True)
class DocType:
    code: str  # canonical spelling, "QĐ"
    name: str  # full Vietnamese name, "Quyết định"
    cited_only: bool = False  # types we see cited but never issued by local units


# Order matters where folded codes collide (ĐA/DA, HĐ/HD): exact spelling
# decides first, then the earlier entry wins.
TYPES: tuple[DocType, ...] = (
    DocType("NQ", "Nghị quyết"),
    DocType("QĐ", "Quyết định"),
    DocType("CT", "Chỉ thị"),
    DocType("QC", "Quy chế"),
    DocType("QyĐ", "Quy định"),
    DocType("TC", "Thông cáo"),
    DocType("TB", "Thông báo"),
    DocType("HD", "Hướng dẫn"),
    DocType("CTr", "Chương trình"),
    DocType("KH", "Kế hoạch"),
    DocType("PA", "Phương án"),
    DocType("ĐA", "Đề án"),
    DocType("DA", "Dự án"),
    DocType("BC", "Báo cáo"),
    DocType("BB", "Biên bản"),
    DocType("TTr", "Tờ trình"),
    DocType("HĐ", "Hợp đồng"),
    DocType("CĐ", "Công điện"),
    DocType("BGN", "Bản ghi nhớ"),
    DocType("BTT", "Bản thỏa thuận"),
    DocType("GUQ", "Giấy ủy quyền"),
    DocType("GM", "Giấy mời"),
    DocType("GGT", "Giấy giới thiệu"),
    DocType("GNP", "Giấy nghỉ phép"),
    DocType("PC", "Phiếu chuyển"),
    DocType("PG", "Phiếu gửi"),
    DocType("PB", "Phiếu báo"),
    DocType("CV", "Công văn"),
    DocType("NĐ", "Nghị định", cited_only=True),
    DocType("TT", "Thông tư", cited_only=True),
    DocType("TTLT", "Thông tư liên tịch", cited_only=True),
    DocType("L", "Luật", cited_only=True),
    DocType("BL", "Bộ luật", cited_only=True),
    DocType("PL", "Pháp lệnh", cited_only=True),
    DocType("NQLT", "Nghị quyết liên tịch", cited_only=True),
    DocType("VBHN", "Văn bản hợp nhất", cited_only=True),
    DocType("KL", "Kết luận", cited_only=True),  # of Party committees: "210-KL/TW"
)
# Headings that carry the document's name on the same line: "LUẬT CÔNG ĐOÀN".
NAMED_HEADINGS = ("L", "BL", "PL")
# Type names as OCR reads them once folded ("k& hoach", "cong vin", "quyet dinh"), as regexes,
# in the order they are tried (Thông tư liên tịch before Thông tư, Bộ luật before Luật).
OCR_NAMES = {
    r"quy\S{0,2}t\s*d\S{0,2}nh": "QĐ", r"ngh\S{0,2}\s*quy\S{0,2}t": "NQ", r"ngh\S{0,2}\s*d\S{0,2}nh": "NĐ",
    r"th\S{0,2}ng\s*t\S{1,2}\s*l\S{0,2}n\s*t\S{0,2}ch": "TTLT", r"th\S{0,2}ng\s*t\S{1,2}": "TT",
    r"ch\S{0,2}\s*th\S{1,2}": "CT", r"k\S{1,2}\s*ho\S{1,2}ch": "KH", r"c\S{0,2}ng\s*v\S{1,2}n": "CV",
    r"v\S{1,2}n\s*b\S{1,2}n": "CV", r"th\S{0,2}ng\s*b\S{1,2}o": "TB", r"b\S{1,2}o\s*c\S{1,2}o": "BC",
    r"t\S{1,2}\s*tr\S{1,2}nh": "TTr", r"b\S{0,2}\s*lu\S{1,2}t": "BL", r"lu\S{1,2}t": "L", r"h\S{1,2}ng\s*d\S{1,2}n": "HD",
    r"ch\S{1,3}ng\s*tr\S{1,2}nh": "CTr", r"c\S{0,2}ng\s*d[i1l]\S{0,2}n": "CĐ", r"quy\s*ch\S{1,2}": "QC",
    r"d\S{0,2}\s+\S{1,2}n": "ĐA", r"ph\S{1,3}ng\s*\S{1,2}n": "PA", r"ph\S{0,2}p\s*l\S{1,2}nh": "PL",
}


def ocr_name_alternation() -> str:
    """A regex alternation (no group) of the type names as OCR reads them."""
    return "|".join(f"(?:{w})" for w in OCR_NAMES)


@lru_cache(maxsize=1)
def _ocr_name_codes() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(w), c) for w, c in OCR_NAMES.items()]


def code_of_ocr_name(word: str) -> str | None:
    """The type code of a type name as OCR read it ("quyet binh" -> "QĐ")."""
    return next((c for rx, c in _ocr_name_codes() if rx.fullmatch(word)), None)

def _variants(code: str) -> list[str]:
    """Folded spellings of a code, including OCR readings of Đ."""
    forms = [""]
    for ch in code:
        if ch in "Đđ":
            forms = [f + r for f in forms for r in confusions.D_READINGS]
        else:
            forms = [f + fold(ch) for f in forms]
    return forms


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, DocType], dict[str, DocType], dict[str, DocType]]:
    exact = {t.code: t for t in TYPES}
    folded: dict[str, DocType] = {}
    for t in TYPES:  # plain folded forms first so "pa" stays Phương án
        folded.setdefault(fold(t.code), t)
    for t in TYPES:
        for v in _variants(t.code):
            folded.setdefault(v, t)
    names = {fold(t.name): t for t in TYPES}
    return exact, folded, names


def by_code(code: str) -> DocType | None:
    """The type for a code as typed or OCR'd: "QĐ", "qd", "Qb", "QDb" -> QĐ."""
    code = code.strip()
    exact, folded, _ = _tables()
    if code in exact:
        return exact[code]
    if code.upper() in exact:
        return exact[code.upper()]
    return folded.get(fold(code))


_SPACES = re.compile(r"\s+")


def by_name(name: str) -> DocType | None:
    """The type for a full name in any case or accent state: "KE HOACH" -> KH."""
    _, _, names = _tables()
    return names.get(_SPACES.sub(" ", fold(name)).strip())


def type_names() -> dict[str, DocType]:
    """Folded full name -> type, for building heading and citation patterns."""
    return dict(_tables()[2])


def slug(code: str) -> str:
    """The URL-safe ASCII form of a canonical code: "QĐ" -> "qd", "QyĐ" -> "qyd"."""
    return fold(code)


def misread(part: str, code: str) -> bool:
    """A code part read one letter off a type's code, of the same length: "BG" for BC,
    "QH" for QĐ."""
    got, want = fold(part), fold(code)
    return len(got) == len(want) >= 2 and one_edit(got, want)
