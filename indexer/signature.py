"""The end of a document: who signed it and whom it was sent to.

The signature block sits in the right column beside "Nơi nhận:", so OCR
puts the signer's name at the end of a recipients line ("- Lưu: VT. Phạm
Thùy Luân").  A name is taken only when its first word is a Vietnamese
surname and nothing but the name follows it on the line.
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer import units
from indexer.text import fold

_SURNAMES = (
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dao doan vuong trinh "
    "truong lam phung mai to ha ta cao luu chau thai luong dinh trieu quach kieu hua ton lai chu "
    "giang khuc la tu diep mac than cu nong lo luc hau ong y kha lang lu ma nghiem khong tang "
    "thach son an au bach banh bien chung dam dieu doan dong han hong khuat kim lieu linh mach "
    "ninh quan tong uong van vi"
)
# OCR reads the capital Đ of Đào, Đặng, Đinh, Đỗ, Đoàn, Đồng as P or B.
_OCR_D = re.compile(r"^[pb](?=[aeiouy])")
_NAME = re.compile(r"(?:^|[^\w])([A-ZĐÀ-Ỹ][^\W\d_]*(?:\s+[A-ZĐÀ-Ỹ][^\W\d_]*){1,4})\s*$")
_GIVEN = re.compile(r"(?:^|[;:,]\s*)([A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,2})\s*$")
_TRAILING = " '’‘\"`.,;:|_-*©"
_TITLES = re.compile(r"\b(?:chu tich|giam doc|truong|chanh|thu truong|bi thu|ky|tm|kt|tl|tuq)\b")


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(_SURNAMES.split())


def _is_surname(word: str) -> bool:
    w = fold(word)
    return w in _surnames() or _OCR_D.sub("d", w) in _surnames()


def _name_in(line: str) -> list[str] | None:
    """The signer's name ending ``line`` (title words and item text before it dropped)."""
    m = _NAME.search(line.rstrip(_TRAILING))
    if not m:
        return None
    words = m.group(1).split()
    # Skip capitalised title words in front ("PHÓ CHỦ TỊCH Nguyễn Văn A").
    while words and (words[0].isupper() and len(words[0]) > 1 or not _is_surname(words[0])):
        words = words[1:]
    before = line[: m.start(1)].split()
    if len(words) == 4 and _is_surname(words[1]) and before and before[-1][:1].islower():
        words = words[1:]  # "... các Đoàn" + "Trần Chí Hùng": item text runs into the name
    if len(words) >= 2 and _is_surname(words[0]) and not _TITLES.search(fold(" ".join(words[1:]))) and not _place(words):
        if all(w[0].isupper() and not w[1:].isupper() for w in words):
            return words
    return None


def _place(words: list[str]) -> bool:
    """True when the words hold a province's name ("Đồng Nai", "Bắc Ninh"): an item, not a person."""
    return any(units.province(" ".join(words[i:j])) for i in range(len(words)) for j in range(i + 2, min(len(words), i + 4) + 1))


def find_signer(tail: str) -> str | None:
    """The signer's name from the last lines of a document, or None."""
    folded = fold(tail)
    start = folded.rfind("noi nh")
    lines = tail[start if start >= 0 else 0 :].split("\n")[-40:]
    for i in range(len(lines) - 1, -1, -1):
        words = _name_in(lines[i])
        if words:
            return " ".join(words)
        surname = _lone_surname(lines[max(0, i - 3) : i], lines[i])
        if surname:
            return surname
    return None


def _lone_surname(above: list[str], line: str) -> str | None:
    """"Bùi" ending one line, "Xuân Cường" ending one of the next: a name split by OCR."""
    m = _GIVEN.search(line.rstrip(_TRAILING))
    if not m:
        return None
    for prev in reversed(above):
        last = prev.rstrip(_TRAILING).split()[-1:] or [""]
        if len(last[0]) > 1 and last[0][0].isupper() and not last[0].isupper() and _is_surname(last[0]):
            return f"{last[0]} {m.group(1)}"
    return None


_ITEM = re.compile(r"^\s*[-–•+]\s*(.+?)\s*[;.,]?\s*$")


def find_recipients(text: str) -> list[str]:
    """The items under "Nơi nhận:" (or "Kính gửi:" when there is no such list)."""
    folded = fold(text)
    at = folded.rfind("noi nh")
    if at < 0:
        at = folded.find("kinh g", 0, 3000)
        if at < 0:
            return []
    out: list[str] = []
    for line in text[at:].split("\n")[1:40]:
        m = _ITEM.match(line)
        if not m:
            if out and line.strip() == "":
                continue
            if out:
                break
            continue
        item = re.split(r";\s*", m.group(1))[0].strip(" ;.,")
        if item:
            out.append(item)
    return out
