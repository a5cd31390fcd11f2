"""A text cut into clauses: the stretch a relation verb governs (``extract.relations``).

A clause ends at ";", at a sentence end, at a blank line, at a colon that opens
a list or a capitalised phrase ("Lý do: Thực hiện ..."), and before a line
that starts an item ("a)", "2.", "-") or a preamble line ("Căn cứ", "Thực
hiện", "Xét", an article heading "Điều 3.").  Wrapped texts break lines
anywhere ("Điều 4, Điều 5,\\nĐiều 6"), so a line start counts only when its
word is capitalised in the text.  Numbering is not a sentence end ("2. Quyết
định ..."); a number ending a lead-in ("Bãi bỏ các quyết định 1. Quyết định
số ...") starts the next item.  The document's heading ("QUYẾT ĐỊNH",
"THÔNG TƯ") and the start of its trích yếu cut too, so that a title ("Sửa
đổi, bổ sung ...") is a clause of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from indexer.analysis.text import fold
from indexer.legal import doctypes
from indexer.legal.relations import NUMBER_WORD, spaced

_END = re.compile(r";|\n[^\S\n]*\n|:|\.(?=\s)")
# "6.[50] Bổ sung ...": a consolidated text's footnote mark after the item's number.
_MARKER = r"(?:[-+•*–]\s|\(?[a-z]\)\.?\s|[a-z]\.\s|\d{1,3}(?:\.\d+)*[.)](?:\[\d{1,3}\])?\s|[ivx]{1,5}[.)]\s)"
# A mark OCR strews at a line's start stands before its item: ",\n\n. 2. Bổ sung ...".
_LINE = re.compile(spaced(r"\n[^\S\n]*(?:[.,'‘’`_~]\s+)?(?:(?P<marker>" + _MARKER + r")|(?P<word>can cu|thuc hien|trien khai|xet|theo de nghi|"
                          r"dieu \d+[a-z]?\s*[.:]|chuong [ivxlc\d]+\b|phan thu\b))"))
_ITEM = re.compile(r"\s*" + _MARKER)
# After a colon a list's item starts, on its line or the next; a line that goes on in lower case
# is the sentence wrapped ("... về phát triển kinh tế tư nhân:\nvà Nghị quyết số ..."): OCR's colon.
_AFTER_COLON = re.compile(r"\s*" + _MARKER)
# A period after numbering stays with it: "2. Quyết định", "Điều 3. Hiệu lực", "b. Nội dung", "a). Quyết định".
_NUMBERING = re.compile(r"(?:^|[\n;:(]\s*|[.]\s+)\(?(?:\d{1,3}(?:\.\d+)*|[ivxlc]{1,5}|[a-z])\)?$|(?:^|\n)\s*dieu\s+\d+[a-z]?$")
_ITEM_NUMBER = re.compile(r"(?<=[a-z])\s(\d{1,2})$")  # "các quyết định 1" then ". Quyết định số ..."
_NOT_ITEM = re.compile(r"(?:dieu|khoan|diem|muc|phan|chuong|so|nam|ngay|thang|lan|luc|phu luc|quy|tiet|giai doan|muc tieu)\s\d{1,2}$")
_ABBREVIATION = re.compile(r"(?:^|\W)(?:tp|tx|tt|tw|ths|ts|ks|bs|ong|ba|q|p|v\.v)$")
_HEADING_BEFORE = re.compile(r"^\W*$|\d{4}\W*$")  # a line's start, or a date's year
_CITED = re.compile(r"\s*(?:so\b|\d)")  # "BÃI BỎ QUYẾT ĐỊNH SỐ 636/...": a cited type, not the heading
HEADER_CHARS = 4000
# A consolidated text's note in brackets, inside a sentence: "Sửa đổi, bổ sung một số điều của
# [Khoản này hết hiệu lực bởi Khoản 2 Điều 82.\nLuật Kinh doanh bất động sản 2023 ...] Luật ...".
# A note ends with the date it takes effect, and OCR may read its "]" as ")", "|" or "J"
# ("... có hiệu lực từ ngày 01/07/2024) Luật Viễn thông ..."): taken only when no "]" closes it.
NOTE = re.compile(r"\[[^\[\]\n]{0,300}(?:\n[^\[\]\n]{0,300}){0,3}(?:\]|(?<=\d{4})[)|j])")
# "số", marks only, then a document's number ("62/2025", "18-KL").
_NUMBER_GAP = re.compile(r"\b" + NUMBER_WORD + r"\W{1,12}(?=\d[\d.]{0,7}\s?[/-])")
_SHORT_QUOTE = 400  # a phrase, a name, a title in quotes
_LINE_END = re.compile(r";[^\S\n]*\n")
_NEW_WORDING = re.compile(r"nhu\s+sau\W*$|:\s*[“\"]|[“\"]\s*(?:dieu\s+\d|\d{1,3}[a-z]?[.)]|[a-z]\)|chuong\s)")


@dataclass
class Clause:
    start: int
    end: int
    ends_with: str  # ";", ".", ":", "\n\n", "\n" (cut before a line), "" (text end)


def _capital(text: str, at: int, digits: bool = False) -> bool:
    """Whether the next word after ``at`` starts with a capital (or a digit)."""
    while at < len(text) and not text[at].isalnum():
        at += 1
    return at < len(text) and (text[at].isupper() or (digits and text[at].isdigit()))


def _ended(folded: str, at: int) -> bool:
    """Whether the text before ``at`` ends a sentence or a list item."""
    i = at - 1
    while i >= 0 and folded[i] in " \t\n":
        i -= 1
    # a mark standing alone ("có .\n\nhiệu lực") is OCR noise, not punctuation
    return i > 0 and folded[i] in ".;:!?" and not folded[i - 1].isspace()


def _cuts(text: str, folded: str) -> dict[int, str]:
    cuts: dict[int, str] = {}
    for m in _END.finditer(folded):
        g, at = m.group(), m.start()
        if g == ":":
            if _AFTER_COLON.match(folded, m.end()) or _capital(text, m.end()):
                cuts[m.end()] = ":"
        elif g == ".":
            before = folded[max(0, at - 16) : at]
            if not before or before[-1].isspace():
                continue  # a stray mark at a line start ("của\n\n. Luật Ban hành ...")
            if _ABBREVIATION.search(before):
                continue
            if _NUMBERING.search(before):
                continue
            item = _ITEM_NUMBER.search(before)
            if item and not _NOT_ITEM.search(before) and _capital(text, m.end()):
                cuts[at - len(item.group(1))] = "."  # the number opens the next item
                continue
            if _capital(text, m.end()) or _ITEM.match(folded, m.end()):
                cuts[m.end()] = "."  # not "số .\n\n57-NQ/TW": OCR puts marks anywhere
        elif g == ";":
            # A ";" standing alone before a lower-case word is a scan's speck inside a sentence
            # ("… Kế hoạch ;\n\ntriển khai thực hiện Đề án …"); typed, it follows its word.
            if not (at and folded[at - 1].isspace()) or _capital(text, m.end(), digits=True) or _ITEM.match(folded, m.end()):
                cuts[m.end()] = ";"
        elif _ITEM.match(folded, m.end()) or _ended(folded, at) and _capital(text, m.end(), digits=True):
            # A blank line ends a paragraph only after its punctuation: scans and page breaks
            # put blank lines inside sentences ("... một số điều của\n\nLuật Ban hành ..."),
            # and marks too ("có hiệu lực kể từ ngày.\n\nký, thay thế ..."): the next paragraph
            # starts with a capital or an item's number.
            cuts[m.end()] = "\n\n"
    for m in _LINE.finditer(folded):
        if m.group("marker") or _capital(text, m.start("word")):
            cuts.setdefault(m.start() + 1, "\n")
    positions = sorted(cuts)
    for m in NOTE.finditer(folded):  # a note's sentences are not the text's
        for p in positions[bisect_right(positions, m.start()) : bisect_left(positions, m.end())]:
            del cuts[p]
    return cuts


@lru_cache(maxsize=1)
def _heading() -> re.Pattern:
    names = sorted({fold(t.name) for t in doctypes.TYPES} | {"luat", "bo luat"}, key=len, reverse=True)
    return re.compile(r"(?<![a-z])(?:" + "|".join(r"\s+".join(map(re.escape, n.split())) for n in names) + r")(?![a-z])")


def _headings(text: str, folded: str) -> list[int]:
    """Ends of the document's heading ("QUYẾT ĐỊNH", "THÔNG TƯ") in capitals, in the header.
    The heading starts its line, or follows the place and date a merged header put on its line
    ("Hà Nội, ngày 19 tháng 02 năm 2025 LUẬT SỬA ĐỔI ..."): a type's name inside a title in
    capitals ("VỀ VIỆC SỬA ĐỔI, BỔ SUNG QUY ĐỊNH VỀ PHÍ ...") is a word of the title, and
    cutting there would part the title's verb from the document it names."""
    return [m.end() for m in _heading().finditer(folded, 0, HEADER_CHARS)
            if text[m.start() : m.end()].isupper() and not _CITED.match(folded, m.end())
            and _HEADING_BEFORE.search(folded[folded.rfind("\n", 0, m.start()) + 1 : m.start()])]


def title_start(folded: str, title: str | None) -> int | None:
    """Where the trích yếu starts in the header."""
    words = fold(title or "").split()[:8]
    if len(words) < 2:
        return None
    m = re.compile(r"\W+".join(re.escape(w) for w in words)).search(folded, 0, HEADER_CHARS * 2)
    return m.start() if m else None


def clauses(text: str, folded: str, title: str | None = None,
            whole: Iterable[tuple[int, int]] = ()) -> list[Clause]:
    """The clauses of ``text`` (``folded`` is its fold), blank ones left out.  No
    clause ends inside a stretch of ``whole`` (a verb OCR split with a stray mark,
    "Căn ;\n\ncứ"), nor between "số" and its number ("Nghị định số ;\n\n62/2025/NĐ-CP",
    "số\n- 816/QĐ-UBND": a mark there is a scan's, the words are one)."""
    cuts = _cuts(text, folded)
    positions = sorted(cuts)
    for s, e in list(whole) + [(m.start(), m.end()) for m in _NUMBER_GAP.finditer(folded)]:
        for p in positions[bisect_right(positions, s) : bisect_left(positions, e)]:
            cuts.pop(p, None)
    for at in _headings(text, folded):
        cuts.setdefault(at, "\n")
    t = title_start(folded, title)
    if t is not None:
        cuts.setdefault(t, "\n")
    out: list[Clause] = []
    prev = 0
    for p in sorted(cuts) + [len(folded)]:
        if p > prev:
            if any(ch.isalnum() for ch in folded[prev:p]):
                out.append(Clause(prev, p, cuts.get(p, "")))
            elif out and cuts.get(p) == ":":
                out[-1].ends_with = ":"
        prev = p
    return out


def quoted(text: str) -> list[tuple[int, int]]:
    """Stretches inside curly quotes (the new wording of an amended article).  A second
    opening mark before punctuation closes ("... mới “;"): writers mistype the closing one.
    A long stretch counts only when it opens as new wording does ("như sau: “Điều 5. ...",
    "quy định như sau: “1. ..."): two stray marks of a scan are no quotation."""
    out, open_at = [], None
    # OCR reads curly marks straight, and a closing one as "’" after the quotation's last period
    # (not the "./." that ends a document).
    for m in re.finditer(r"[“”\"]|(?<=[^/][.;])’(?=\s|$)", text):
        nxt = text[m.end() : m.end() + 2].strip()[:1]
        if open_at is None:
            if m.group() in "“\"":
                open_at = m.start()
        elif m.group() == "“" and nxt.isalnum() and _NEW_WORDING.search(fold(text[max(0, m.start() - 40) : m.start()])):
            # New wording opens ("như sau: “6. ...") while a quotation is open: the open one
            # was never closed (a footnote's "“Căn cứ ..." cut by the page), so it ends here
            # unquoted, and the document's own articles between are read as its own.
            open_at = m.start()
        elif m.group() in "”\"’" or not nxt.isalnum():
            new_wording = _NEW_WORDING.search(fold(text[max(0, open_at - 40) : open_at + 12]))
            # A name or a title in quotes does not run past a line that ends with ";": two stray
            # marks of a scan around a preamble's lines ("…dân thuộc;\nCăn cứ Quyết định …") are not one.
            if new_wording or m.end() - open_at < _SHORT_QUOTE and not _LINE_END.search(text, open_at, m.start()):
                out.append((open_at, m.end()))
            open_at = None
    return out  # a mark never closed is OCR noise ("có “hiệu lực"), not a quotation
