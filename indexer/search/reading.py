"""A section of a document page as data, for either engine: its text, its restored
reading, the query's matches in both, what the restorer did, where pages start.

An OCR'd document's page shows its reading by default and the OCR text one
click away; the matches are found in the reading (``matches.find``, the
words whose marks are unknown passed along) and carried to the OCR text by
``analysis.alignment`` ("của" found in the reading marks "ciia" in the OCR
text), where the query's unaccented words are also looked for as typed (an
OCR spelling pasted from the scan).  Nothing here is HTML: the web turns
offsets into marks.
"""

from __future__ import annotations

from indexer.analysis.alignment import OffsetMap, repaired, spans
from indexer.index.chunks import page_of
from indexer.search.matches import Match, Wanted, find
from indexer.search.service import PageBreak, RestoredWord


def shown_text(record: dict) -> str:
    """What a chunk shows: its restored reading when it has one (OCR'd text), else its
    text (a chunk record of either engine)."""
    found = record.get("restored_text")
    return found if found is not None else record.get("text", "")


def shown_unsure(record: dict) -> dict[int, frozenset[str]]:
    """The words, in what a chunk shows, whose marks are unknown: offset -> the
    readings found plausible (none: nothing known)."""
    return {at: frozenset(options) for at, options in record.get("restored_unsure") or ()}


def joined_texts(records: list[dict], has_reading: bool) -> tuple[str, str | None, dict]:
    """A section's text, its restored reading (None for clean text) and what the
    reading treats apart (``glued``: offsets in the text of OCR words read as two;
    ``unsure``: offset in the reading -> plausible readings of a word whose marks
    are unknown; ``doubtful``: offsets in the reading of changes to check), from
    its chunk records in order (either engine's)."""
    text = "".join(r.get("text", "") for r in records)
    if not has_reading:
        return text, None, {}
    found: dict = {"glued": [], "unsure": {}, "doubtful": []}
    at = rat = 0
    for r in records:
        found["glued"] += [g + at for g in r.get("restored_glued") or []]
        found["unsure"].update({u + rat: frozenset(o) for u, o in r.get("restored_unsure") or []})
        found["doubtful"] += [u + rat for u in r.get("restored_doubtful") or []]
        at += len(r.get("text", ""))
        rat += len(r.get("restored_text", r.get("text", "")))
    return text, "".join(r.get("restored_text", r.get("text", "")) for r in records), found


def restored_values(stored: dict) -> dict:
    """restored_title, restored_signer, restored_unit of a stored document (the
    values themselves for clean text)."""
    return {f"restored_{k}": stored.get(f"restored_{k}") or stored.get(k, "") for k in ("title", "signer", "unit")}


def _union(a: list[Match], b: list[Match]) -> list[Match]:
    """Matches of both lists in order, an overlapping one kept once."""
    out: list[Match] = []
    for m in sorted(a + b, key=lambda m: (m.start, -m.end)):
        if m.end > m.start and (not out or m.start >= out[-1].end):
            out.append(m)
    return out


def _offsets(matches: list[Match]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in matches]


def breaks(stored: dict, start: int, length: int, offsets: OffsetMap | None = None) -> list[PageBreak]:
    """Where pages start in a section (``start``: its offset in the whole text), in
    the text and in its reading; the section's first page too when it starts one."""
    pages = stored.get("pages") or []
    if not pages:
        return []
    first = page_of(pages, start)
    cuts = [p - start for p in pages if start < p < start + length]
    at = ([0] if start == 0 or start in pages else []) + cuts
    out = []
    for k, cut in enumerate(at):
        page = first + k + (0 if at and at[0] == 0 else 1)
        out.append(PageBreak(cut, offsets.to_restored(cut) if offsets else cut, page))
    return out


def section_fields(stored: dict, text: str, start: int, restored: str | None, apart: dict[str, list[int]],
                   wanted: Wanted | None) -> dict:
    """The DocumentPage fields of one section: matches in the text (and in its
    reading, for OCR'd text), the match count, the restored words and the page
    breaks.  ``start`` is the section's offset in the whole text; ``apart`` what
    ``joined_texts`` says of the reading's words."""
    values = restored_values(stored)
    if not stored.get("has_reading") or restored is None:
        found = find(text, wanted)
        return dict(values, marks=_offsets(found), match_count=len(found), restored=False, restored_text=text,
                    restored_marks=_offsets(found), restored_words=[], breaks=breaks(stored, start, len(text)))
    aligned = spans(text, restored, apart.get("glued", []))
    offsets = OffsetMap(aligned)
    unsure = apart.get("unsure", {})
    in_reading = find(restored, wanted, unsure)
    carried = [Match(offsets.to_original(m.start), offsets.to_original(m.end, True), m.words) for m in in_reading]
    in_original = _union(carried, find(text, wanted, accented=False))
    return dict(values, marks=_offsets(in_original), match_count=len(in_reading), restored=True,
                restored_text=restored, restored_marks=_offsets(in_reading),
                restored_words=_restored_words(text, restored, aligned, offsets, unsure,
                                               frozenset(apart.get("doubtful", []))),
                breaks=breaks(stored, start, len(text), offsets))


def _restored_words(text: str, restored: str, aligned, offsets: OffsetMap, unsure: dict,
                    doubtful: frozenset[int]) -> list[RestoredWord]:
    """What the restorer did to each word it touched, and the words it left because it
    was unsure, in reading order."""
    out = []
    for s in aligned:
        kind = "doubtful" if s.rstart in doubtful else "repaired" if repaired(text, restored, s) else "restored"
        out.append(RestoredWord(s.rstart, s.rend, text[s.start:s.end], kind))
    for u in unsure:
        end = u
        while end < len(restored) and (restored[end].isalnum()):
            end += 1
        if end > u:
            original = offsets.to_original(u)
            out.append(RestoredWord(u, end, text[original:original + end - u], "unsure"))
    out.sort(key=lambda w: w.start)
    return out
