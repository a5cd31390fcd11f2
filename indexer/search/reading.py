"""An OCR'd document's restored reading on its page, for either engine.

The page shows the reading by default and the OCR text one click away; both
are marked for the query, and a match found in one lands on the other too
(``analysis.alignment`` maps offsets both ways): "của" found in the reading
marks "ciia" in the OCR text, and an OCR spelling pasted from the scan marks
the restored word.  Restored words are wrapped in ``<span class="restored">``
(``restored repaired`` when letters changed, not only accents) with the OCR
form in the title, so staff see what was restored.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from indexer.analysis.alignment import OffsetMap, Span, repaired, spans
from indexer.index.chunks import page_of
from indexer.search.highlight import Match, find_matches, highlight_all

_LIMIT = 100_000


@dataclass
class MarkedReading:
    restored_html: str  # the reading, restored words wrapped, matches in <mark>
    original_html: str  # the OCR text, its matches and the reading's in <mark>
    matches: int  # matches in the reading


def marked(original: str, restored: str, glued: list[int], terms: frozenset[str] | None) -> MarkedReading:
    """Both texts of a section as HTML, matches of ``terms`` carried across."""
    found = spans(original, restored, glued)
    offsets = OffsetMap(found)
    in_original = find_matches(original, terms, _LIMIT)
    in_reading = find_matches(restored, terms, _LIMIT)
    to_reading = [Match(offsets.to_restored(m.start), offsets.to_restored(m.end, True), m.term) for m in in_original]
    to_original = [Match(offsets.to_original(m.start), offsets.to_original(m.end, True), m.term) for m in in_reading]
    reading_marks = _union(in_reading, to_reading)
    wraps = [(s.rstart, s.rend, _tag(original, restored, s)) for s in found]
    return MarkedReading(
        restored_html=render(restored, wraps, reading_marks),
        original_html=render(original, [], _union(in_original, to_original)),
        matches=len(reading_marks),
    )


def shown_text(record: dict) -> str:
    """What a chunk shows: its restored reading when it has one (OCR'd text), else its
    text (a chunk record of either engine)."""
    found = record.get("restored_text")
    return found if found is not None else record.get("text", "")


def joined_texts(records: list[dict], has_reading: bool) -> tuple[str, str | None, list[int]]:
    """A section's text, its restored reading (None for clean text) and the offsets
    in the section of the OCR words read as two, from its chunk records in order
    (either engine's: ``text``, ``restored_text``, ``restored_glued`` per chunk)."""
    text = "".join(r.get("text", "") for r in records)
    if not has_reading:
        return text, None, []
    glued, at = [], 0
    for r in records:
        glued += [g + at for g in r.get("restored_glued") or []]
        at += len(r.get("text", ""))
    return text, "".join(r.get("restored_text", r.get("text", "")) for r in records), glued


def page_fields(stored: dict, text: str, restored: str | None, glued: list[int],
                terms: frozenset[str] | None) -> dict:
    """text_html, match_count and the restored_* fields of a DocumentPage for the
    section ``text`` (and its reading ``restored``); clean text repeats itself."""
    values = restored_values(stored)
    if not stored.get("has_reading") or restored is None:
        html, count = highlight_all(text, terms)
        return dict(values, text_html=html, match_count=count, restored=False, restored_text=text, restored_html=html)
    found = marked(text, restored, glued, terms)
    return dict(values, text_html=found.original_html, match_count=found.matches, restored=True,
                restored_text=restored, restored_html=found.restored_html)


def restored_values(stored: dict) -> dict:
    """restored_title, restored_signer, restored_unit of a stored document (the
    values themselves for clean text)."""
    return {f"restored_{k}": stored.get(f"restored_{k}") or stored.get(k, "") for k in ("title", "signer", "unit")}


def _tag(original: str, restored: str, span: Span) -> str:
    kind = "restored repaired" if repaired(original, restored, span) else "restored"
    return f'<span class="{kind}" title="OCR: {escape(original[span.start:span.end])}">'


def _union(a: list[Match], b: list[Match]) -> list[Match]:
    """Matches of both lists in order, an overlapping one kept once."""
    out: list[Match] = []
    for m in sorted(a + b, key=lambda m: (m.start, -m.end)):
        if m.end > m.start and (not out or m.start >= out[-1].end):
            out.append(m)
    return out


def render(text: str, wraps: list[tuple[int, int, str]], marks: list[Match]) -> str:
    """HTML-escape ``text``, open each wrap's tag around its range (closed by
    ``</span>``) and put each mark in ``<mark>``; a mark that crosses a wrap's
    edge is cut there (both are whole words, so that is a glued word's half)."""
    out: list[str] = []
    at = 0  # the next mark
    pos = 0

    def plain(a: int, b: int) -> None:
        nonlocal at
        while at < len(marks) and marks[at].start < b:
            m = marks[at]
            start, end = max(m.start, a), min(m.end, b)
            if end > start:
                out.append(escape(text[a:start]))
                out.append(f"<mark>{escape(text[start:end])}</mark>")
                a = end
            if m.end > b:
                break
            at += 1
        out.append(escape(text[a:b]))

    for start, end, tag in wraps:
        plain(pos, start)
        out.append(tag)
        plain(start, end)
        out.append("</span>")
        pos = end
    plain(pos, len(text))
    return "".join(out)


def section_fields(stored: dict, text: str, start: int, restored: str | None, glued: list[int], terms) -> dict:
    """text_html, match_count and the restored_* fields of the section of a
    document page (``start``: its offset in the whole text; ``restored``: its
    reading, None for clean text): a "Trang N" break where each page starts,
    in both the OCR text and its reading."""
    pages = stored.get("pages") or []
    if restored is None:  # clean text: its own reading (marked once, not once more by page_fields)
        html, count = marked_pages(text, start, pages, terms)
        return dict(restored_values(stored), text_html=html, match_count=count, restored=False, restored_text=text,
                    restored_html=html)
    cuts = [p - start for p in pages if start < p < start + len(text)]
    if not cuts and not (pages and (start == 0 or start in pages)):
        return page_fields(stored, text, restored, glued, terms)
    offsets = OffsetMap(spans(text, restored, glued))
    first = page_of(pages, start)
    html, reading_html, total = [], [], 0
    for k, (a, b) in enumerate(zip([0, *cuts], [*cuts, len(text)])):
        if k > 0 or start == 0 or start in pages:
            mark = f'<span class="pagebreak" id="trang-{first + k}">Trang {first + k}</span>'
            html.append(mark)
            reading_html.append(mark)
        part = page_fields(stored, text[a:b], restored[offsets.to_restored(a):offsets.to_restored(b)],
                           [g - a for g in glued if a <= g < b], terms)
        html.append(part["text_html"])
        reading_html.append(part["restored_html"])
        total += part["match_count"]
    return dict(restored_values(stored), text_html="".join(html), match_count=total, restored=True,
                restored_text=restored, restored_html="".join(reading_html))


def marked_pages(text: str, start: int, pages: list[int], terms) -> tuple[str, int]:
    """``highlight_all`` page by page, a "Trang N" break where each page starts
    (``start``: the section's offset in the whole text; ``pages``: where pages 2, 3 ... start)."""
    if not pages:
        return highlight_all(text, terms)
    cuts = [p - start for p in pages if start < p < start + len(text)]
    first = page_of(pages, start)
    out, total = [], 0
    for k, (a, b) in enumerate(zip([0, *cuts], [*cuts, len(text)])):
        if k > 0 or start == 0 or start in pages:
            n = first + k
            out.append(f'<span class="pagebreak" id="trang-{n}">Trang {n}</span>')
        html, count = highlight_all(text[a:b], terms)
        out.append(html)
        total += count
    return "".join(out), total
