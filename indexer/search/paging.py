"""Pages of a text read from several pages (a scan, a PDF): "trang N" for either engine.

A text keeps where its pages 2, 3 ... start (``pages``, character offsets)
and chunks never straddle a page (``index.chunks``), so everything here is
computed from a document's stored fields and per-chunk counts, whatever
engine stored them.
"""

from __future__ import annotations

from indexer.index.chunks import SECTION_CHUNKS, chunk_of, page_of


def hit_page(stored: dict, best: int) -> tuple[int | None, int]:
    """(page, section of the document page) of a hit's snippets: the page its best
    chunk is on; (None, 1) for a text of one page."""
    pages = stored.get("pages") or []
    if not pages:
        return None, 1
    return page_of(pages, (stored.get("chunks") or [0])[best]), best // SECTION_CHUNKS + 1


def page_data(stored: dict, per_chunk: list[list[int]] | None, count=sum) -> dict:
    """The page fields of a DocumentPage: where pages 2, 3 ... start, the section
    each page starts in, the matches on each page (from ``per_chunk``, the query
    words' counts in each chunk, summed over the page's chunks and made one
    number by ``count``; None without a query), and how the text was read."""
    pages, chunks = list(stored.get("pages") or []), stored.get("chunks") or [0]
    page_sections = [chunk_of(chunks, start) // SECTION_CHUNKS + 1 for start in [0, *pages]] if pages else []
    page_matches: list[int] = []
    if pages and per_chunk is not None:
        words = len(per_chunk[0]) if per_chunk else 0
        sums = [[0] * words for _ in range(len(pages) + 1)]
        for start, counts in zip(chunks, per_chunk):
            page = sums[page_of(pages, start) - 1]
            for k, n in enumerate(counts):
                page[k] += n
        page_matches = [count(p) for p in sums]
    return {"pages": pages, "page_sections": page_sections, "page_matches": page_matches,
            "encoding": stored.get("encoding", ""), "notes": list(stored.get("notes") or []),
            "ocr_pages": stored.get("ocr_pages", 0)}
