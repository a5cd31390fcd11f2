"""Paragraphs and tables of an office file -> lines as they stand on the page.

The header block of a Vietnamese administrative document is a two-cell table:
issuing body | motto, then Số: | place and date.  Metadata extraction reads
it the way it stands on paper (and in OCR text): the cells of a row side by
side, line by line ("ỦY BAN NHÂN DÂN   CỘNG HÒA XÃ HỘI ..."), so each row's
cells are zipped line by line and joined by a tab.
"""

from __future__ import annotations

from itertools import zip_longest

PAGE_BREAK = "\x0c"  # a form feed, as in text exports


def _lines(blocks: list) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            out.extend(block.split("\n"))
        else:
            for row in block:
                cells = [_lines(cell) for cell in row]
                cells = [[line for line in cell if line.strip()] for cell in cells]
                for parts in zip_longest(*cells, fillvalue=""):
                    if any(p.strip() for p in parts):
                        out.append("\t".join(p.strip() for p in parts))
    return out


def blocks_text(blocks: list) -> str:
    """The text of paragraphs (str) and tables (rows of cells, each a block list)."""
    return "\n".join(_lines(blocks))
