"""The end of a document: who signed it and whom it was sent to.

The signature block sits in the right column beside "Nơi nhận:", so OCR
interleaves the two: the signer's title and name end recipients lines
("- Như Điều 5; KT. CHỦ TỊCH", "- Lưu: VT. Phạm Thùy Luân").  A name is
taken only when its first word is a Vietnamese surname and nothing but the
name follows it on the line; a recipients item drops what the signature
column added to it.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from indexer.analysis import confusions
from indexer.analysis.text import fold, lower
from indexer.legal import units

_SURNAMES = (
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dao doan vuong trinh "
    "truong lam phung mai to ha ta cao luu chau thai luong dinh trieu quach kieu hua ton lai chu "
    "giang khuc la tu diep mac than cu nong lo luc hau ong y kha lang lu ma nghiem khong tang "
    "thach son an au bach banh bien chung dam dieu doan dong han hong khuat kim lieu linh mach "
    "ninh quan tong uong van vi"
)
# OCR reads the capital Đ of Đào, Đặng, Đinh, Đỗ, Đoàn, Đồng as P or B.
_OCR_D = re.compile("^" + confusions.class_of("".join(confusions.d_lookalikes())) + "(?=[aeiouy])")
_NAME = re.compile(r"(?:^|[\W_])([A-ZĐÀ-Ỹ][^\W\d_]*(?:\s+[A-ZĐÀ-Ỹ][^\W\d_]*){1,4})\s*$")
_GIVEN = re.compile(r"(?:^|[;:,]\s*)([A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,2})\s*$")
_TRAILING = " '’‘\"`.,;:|_-–—*©"
_TITLES = re.compile(r"\b(?:chu tich|giam doc|truong|chanh|thu truong|bi thu|ky|tm|kt|tl|tuq)\b")
# "Dao. My": a stray dot after a capitalised word; "V6 Tan Duc": ô/ó read as 6 or 0.
_WORD_DOT = re.compile(r"\b([A-ZĐÀ-Ỹ][^\W\d_]*)\.(?=\s+[A-ZĐÀ-Ỹ])")
_O = confusions.class_of(confusions.digits_for("o"))
_DIGIT_O = re.compile(r"(?<=\b[A-ZĐÀ-Ỹ])" + _O + r"(?=[^\W\d_]*\b)|(?<=[^\W\d_])" + _O + r"(?=[^\W\d_])")


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(_SURNAMES.split())


# Folding a whole document costs more than reading its list, so "Nơi nhận"
# is looked for in the lower-cased text and only the hits are folded.
_NOI_NHAN_RAW = re.compile(r"n\w{1,2}\s*(?:\w\s+)?nh")
_NOI_NHAN = re.compile(r"no[il1]\s*(?:[a-z]\s+)?nh")  # "Noi i nhan": a speck read as a letter


def _noi_nhan(text: str) -> int:
    """Where the last "Nơi nhận" (OCR'd "Noi nhén", "Noinhan") starts in ``text``, or -1."""
    low = text.lower()
    if len(low) != len(text):  # "İ" lower-cases to two characters
        low = lower(text)
    for m in reversed(list(_NOI_NHAN_RAW.finditer(low))):
        if not (m.start() and low[m.start() - 1].isalpha()) and _NOI_NHAN.match(fold(m.group())):
            return m.start()
    return -1


@lru_cache(maxsize=4096)
def _is_surname(word: str) -> bool:
    w = fold(word)
    return w in _surnames() or _OCR_D.sub("d", w) in _surnames()


def _name_at(line: str) -> tuple[int, list[str]] | None:
    """Where the signer's name ending ``line`` starts, and its words (title words and item text dropped)."""
    # Both repairs keep the length, so the offset holds in ``line``.
    line = _WORD_DOT.sub(lambda m: m.group(1) + (" " if _is_surname(m.group(1)) else "."), line)
    line = _DIGIT_O.sub("o", line)
    m = _NAME.search(line.rstrip(_TRAILING))
    if not m:
        return None
    spans = [(m.start(1) + w.start(), w.group()) for w in re.finditer(r"\S+", m.group(1))]
    # Skip capitalised title words in front ("PHÓ CHỦ TỊCH Nguyễn Văn A").
    while spans and (spans[0][1].isupper() and len(spans[0][1]) > 1 or not _is_surname(spans[0][1])):
        spans = spans[1:]
    before = line[: m.start(1)].split()
    if len(spans) == 4 and _is_surname(spans[1][1]) and before and before[-1][:1].islower():
        spans = spans[1:]  # "... các Đoàn" + "Trần Chí Hùng": item text runs into the name
    words = [w for _, w in spans]
    # "- Báo Đồng Nai", "... tỉnh Đắk Lắk" are items; after an item's ";" ("...; Trịnh
    # Thanh Hòa") comes the signature column, where a name may spell a province.
    beside = bool(spans) and line[: spans[0][0]].rstrip(" '’‘\"`,|_-–—*©").endswith((";", "."))
    if len(words) >= 2 and _is_surname(words[0]) and not _TITLES.search(fold(" ".join(words[1:]))) and (beside or not _place(words)):
        if all(w[0].isupper() and not w[1:].isupper() for w in words):
            return spans[0][0], words
    return None


def _name_in(line: str) -> list[str] | None:
    """The signer's name ending ``line``, as words, or None."""
    found = _name_at(line)
    return found[1] if found else None


def _place(words: list[str]) -> bool:
    """True when the words hold a province's name ("Đồng Nai", "Bắc Ninh"): an item, not a person."""
    return any(units.province(" ".join(words[i:j])) for i in range(len(words)) for j in range(i + 2, min(len(words), i + 4) + 1))


def find_signer(tail: str) -> str | None:
    """The signer's name from the last lines of a document, or None."""
    lines = tail[max(_noi_nhan(tail), 0) :].split("\n")[-40:]
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].rstrip().endswith(";"):
            continue  # "- Thứ trưởng Phùng Đức Tiến;" is a recipient
        words = _name_in(lines[i])
        if words:
            return " ".join(words)
        surname = _lone_surname([s for s in lines[max(0, i - 6) : i] if s.strip()][-3:], lines[i])
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
            words = [last[0], *m.group(1).split()]
            return None if _place(words) else " ".join(words)
    return None


# A bullet: "-", "–", "•", "+", or "~", "=", ">" as OCR reads a dash; doubled
# or after stray marks ("_- Các cơ quan", "’ - UBND", "_ > TT HĐND").
_BULLET = re.compile(r"^[\s_'’‘\"`.,:;|“”*»]*(?:[-–—•+~=>][\s'’‘\"“”]*)+(?=\S)")
# "_UBMTTQ và ...": the dash read as "_" (a quote or "_" before a space is a speck).
_UNDERSCORE = re.compile(r"^\s*_(?=[A-ZĐÀ-Ỹ])")
# An item that lost its dash: capitalised words up to a ";".
_LOST_BULLET = re.compile(r"^\s*[A-ZĐÀ-Ỹ][^;]*[^\W\d_][^;]*;")
_LUU = re.compile(r"l[uư]u\s*[:.;]")
# Titles of the signature column ("KT. CHỦ TỊCH", "PHÓ CHÁNH VĂN PHÒNG",
# "TM. ỦY BAN NHÂN DÂN") on folded text; taken only when written in capitals.
_TITLE = re.compile(
    r"(?:^|(?<=[\s.,;:|'_\-]))(?:(?:kt|tm|tl|tuq)\s*[.\"“”]|(?:pho\s*)?(?:chu\s*tich|giam\s*doc|chanh|truong|bi\s*thu)\b"
    r"|(?:uy ban\s+)?nhan dan\b)"
)
_NON_LETTERS = re.compile(r"[\W\d_]+")
_CLOSED = re.compile(r"[;.][^\w(]*$")
_END = ";.,:|'’‘\"`_-–—*~ "


def _title_at(seg: str) -> int | None:
    """Where a signer's title in capitals ends ``seg`` ("... tỉnh KT. CHỦ TỊCH"), or None."""
    for m in _TITLE.finditer(fold(seg)):
        if not any(c.islower() for c in seg[m.start() :]):
            return m.start()
    return None


def _letters(s: str) -> int:
    return len(_NON_LETTERS.sub("", s))


def _is_name_only(seg: str) -> bool:
    """A person's name alone, stray marks before it allowed: the signer's column."""
    found = _name_at(seg)
    return found is not None and _letters(seg[: found[0]]) < 3


def _is_signature(line: str) -> bool:
    """A line of the signature column: a title in capitals, a name, or stray marks."""
    s = line.strip(_END)
    return _letters(s) < 2 or _title_at(s) == 0 or (not line.rstrip().endswith(";") and _is_name_only(s))


def _same_name(a: str, b: str) -> bool:
    return SequenceMatcher(None, fold(a), fold(b)).ratio() >= 0.85


def _clean(piece: str, signer: str | None) -> tuple[str, str]:
    """One line of an item without what the signature column put after it, and the ";" or "," ending it."""
    segs = piece.split(";")
    kept, sep = [], ""
    for k, seg in enumerate(segs):
        cut = _title_at(seg)
        seg = seg[:cut] if cut is not None else seg
        s = _cut_signer(seg.strip(_END), signer) if k == len(segs) - 1 and signer else seg.strip(_END)
        if k > 0 and k == len(segs) - 1 and (_is_signer_part(s, signer) or _is_name_only(s)):
            continue  # "- Chính phủ; Phùng Thị Hồng Hà", "- Phòng Đô thị; Xuân Cường"
        # After a ";" comes the item's own "(Báo cáo)", "NN&MT" or the signer's column and specks ("ee").
        if s and (k == 0 or _letters(s) >= 3 or "(" in s or _letters(s) == 2 and not s.islower()):
            kept.append(s)
            sep = ";" if k < len(segs) - 1 else "," if seg.rstrip(_END.replace(",", "")).endswith(",") else ""
    return "; ".join(kept), sep


def _join(raw: list[str], signer: str | None) -> str:
    """An item's lines cleaned and joined, keeping a ";" or "," that ended a line ("... TH;" + "Trung tâm ...")."""
    out, sep = "", ""
    for piece in raw:
        text, next_sep = _clean(piece, signer)
        if text:
            if sep == ";" and text[:1].islower():
                sep = ""  # a stray ";" before the item's own wrapped words
            out, sep = f"{out}{sep} {text}" if out else text, next_sep
    return out.strip(_END)


def _is_signer_part(s: str, signer: str | None) -> bool:
    """The signer's name, or its surname or given names alone ("Bùi", "Xuân Cường" of "Bùi Xuân Cường")."""
    words, name = fold(s).split(), fold(signer or "").split()
    return bool(words and name) and (words in (name[: len(words)], name[-len(words) :]) or _same_name(s, signer or ""))


def _cut_signer(s: str, signer: str) -> str:
    """``s`` without the signer's name the signature column ran into it ("... xử lý vi Trương Công Thái")."""
    found = _name_at(s)
    if found and _same_name(" ".join(found[1]), signer):
        return s[: found[0]].rstrip(_END)
    return s


def _closed(piece: str) -> bool:
    """True when an item's line ends the item: ";" or "." last, but for the signer's column after it."""
    if ";" in piece and _is_signature(piece.rsplit(";", 1)[1]):
        return True
    found = _name_at(piece)  # "- Lưu: VT. Phạm Thùy Luân"
    return bool(_CLOSED.search(piece[: found[0]] if found else piece))


def _items(lines: list[str], until_dot: bool) -> list[list[str]]:
    """The raw lines of each item: a bulleted line, then the lines that carry it on."""
    items: list[list[str]] = []
    prev = "other"  # what the line above was: part of the last item, blank, or other
    stray = 0  # lines in a row that are neither items nor the signature column
    for line in lines:
        last = items[-1][-1] if items else ""
        closed = _closed(last)
        if items and (_LUU.match(fold(items[-1][0])) or until_dot and last.rstrip().endswith(".")) and (closed or _BULLET.match(line)):
            break  # "Lưu: VT, ..." is the last item
        if not line.strip():
            prev = "blank" if prev in ("item", "blank") else "other"
            continue
        bullet = _BULLET.match(line) or (None if _is_signature(line) else _UNDERSCORE.match(line))
        if bullet or not items and _LOST_BULLET.match(line):
            items.append([line[bullet.end() if bullet else 0 :]])
            prev, stray = "item", 0
        elif _is_signature(line):
            prev = "other"
        elif items and (prev == "item" or prev == "blank" and (not closed or line.lstrip()[:1].islower())):
            # "- UBMTTQ ... các Hội, đoàn" + "thể tỉnh;", blank lines between; an item
            # never starts in lower case, so "pháp chế;" carries on even after a stray ";".
            items[-1].append(line.strip())
            prev = "item"
        elif _LOST_BULLET.match(line):
            items.append([line])  # "TT Tỉnh ủy; PHÓ CHÁNH VĂN PHÒNG": the dash lost
            prev, stray = "item", 0
        elif items:
            # Two lines in a row that are neither items nor the signature column are body text.
            prev, stray = "other", stray + 1
            if stray == 2 or until_dot:
                break
    return items


def _list_start(text: str) -> tuple[int, bool]:
    """Where the last "Nơi nhận" starts (and True), else the first "Kính gửi" (and False); -1 for none."""
    at = _noi_nhan(text)
    return (at, True) if at >= 0 else (fold(text[:3000]).find("kinh g"), False)


def find_recipients(text: str, signer: str | None = None) -> list[str]:
    """The items under "Nơi nhận:" (or "Kính gửi:" when there is no such list).

    Each item is its text between the bullet and the last ";", its wrapped
    lines joined; "Lưu: VT, ..." ends the list.  ``signer`` (found from the
    tail when not given) is cut from an item the signature column ran into.
    """
    at, found = _list_start(text)
    if at < 0:
        return []
    lines = text[at:].split("\n")[:60]
    # The "Nơi nhận:" line may hold the first item, or the signer's title.
    rest = re.sub(r"^\S*\s*(?:\S\s+)?nh\S*\s*", "", lines[0]) if found else ""
    lines[0] = rest if _BULLET.match(rest) else ""
    if signer is None and found:
        signer = find_signer(text[-1500:])
    out = []
    for raw in _items(lines, until_dot=not found):
        item = _join(raw, signer)
        if _letters(item) >= 2:
            out.append(item)
    return out
