"""A document's text in chunks: stored apart, read a few at a time.

A request must cost the same for a 4 KB notice and a 19 MB dump: snippets
read the chunks where the query's words stand, the document page shows one
section (a few chunks) at a time, and nothing loads a whole text.  Chunks
are cut at a line break (or a space) before ``CHUNK_CHARS``, and at page
starts when the text has pages, so a chunk never straddles two pages.

Engine-neutral: the index stores the chunks (the Whoosh engine as records of
their own), search reads them back by number.
"""

from __future__ import annotations

from bisect import bisect_right

# Small enough that marking a whole chunk costs a fraction of a millisecond
# (a snippet reads one), large enough that a long text makes few records.
CHUNK_CHARS = 2048
# A section of the document page: this many chunks (about 48,000 characters).
SECTION_CHUNKS = 24
# The number of a document's details record (its citations, with their
# sentences), kept apart like its chunks: only its own page reads it.
DETAILS = -1


def chunk_starts(text: str, size: int = CHUNK_CHARS, breaks: tuple[int, ...] = ()) -> list[int]:
    """Offsets where each chunk starts (the first is 0); every one of ``breaks`` (page
    starts) starts a chunk."""
    bounds = [0, *sorted({b for b in breaks if 0 < b < len(text)}), len(text)]
    starts: list[int] = []
    for lo, end in zip(bounds, bounds[1:]):
        starts.append(lo)
        while end - starts[-1] > size:
            at = starts[-1]
            cut = text.rfind("\n", at + size // 2, at + size)
            if cut < 0:
                cut = text.rfind(" ", at + size // 2, at + size)
            starts.append(cut + 1 if cut >= 0 else at + size)
    return starts


def chunk_key(doc_id: str, n: int) -> str:
    """The key of chunk ``n`` of a document (the serial first: ids may hold any character)."""
    return f"{n}:{doc_id}"


def chunk_of(starts: list[int], offset: int) -> int:
    """The chunk holding character ``offset``."""
    return max(0, bisect_right(starts, offset) - 1)


def page_of(pages: list[int], offset: int) -> int:
    """The 1-based page of character ``offset``; ``pages`` are where pages 2, 3 ... start."""
    return bisect_right(pages, offset) + 1


def sections(count: int) -> int:
    """How many sections ``count`` chunks make."""
    return max(1, -(-count // SECTION_CHUNKS))


def section_chunks(section: int, count: int) -> range:
    """The chunks of section ``section`` (1-based) of a text of ``count`` chunks."""
    first = (section - 1) * SECTION_CHUNKS
    return range(first, min(count, first + SECTION_CHUNKS))
