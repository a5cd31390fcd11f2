"""What the document page makes of the service's record: marks to step through,
the OCR form of each restored word within reach, citations once per decision."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

OCR_FORMS = "ocr_forms"  # ?ocr_forms=1: each restored word followed by its OCR form, on the page itself


def numbered_marks(html: str) -> str:
    """Give every <mark> an id (hit-1, hit-2 ...) for the next/previous links."""
    counter = iter(range(1, 1 << 30))
    return re.sub(r"<mark>", lambda _: f'<mark id="hit-{next(counter)}" tabindex="-1">', html)


_OCR_TITLE = re.compile(r'title="OCR: ([^"]*)"')


def with_ocr_forms(html: str) -> str:
    """A restored word carries its OCR form in a tooltip (``title="OCR: Két"``), which
    neither a keyboard nor a finger can open: copy it to ``data-ocr`` so the page can
    show it beside the word (the ``ocr_forms`` view, or a tap on the word)."""
    return _OCR_TITLE.sub(lambda m: f'{m.group(0)} data-ocr="{m.group(1)}"', html)


@dataclass
class CitationEntry:
    """A cited document listed once, however many times the text mentions it."""

    citation: object  # the service's CitedDocument (its first mention)
    mentions: int


def citations_once(citations: list) -> list[CitationEntry]:
    """One entry per cited key, in the order of first mention, with the count of mentions
    among those the service listed."""
    entries: dict[str, CitationEntry] = {}
    for c in citations:
        key = c.key or f"{c.kind} {c.number}"
        if key in entries:
            entry = entries[key]
            entry.mentions += 1
            first = entry.citation
            if not first.date and c.date or not first.issuer and c.issuer:  # a later mention says more
                entry.citation = replace(first, date=first.date or c.date, issuer=first.issuer or c.issuer)
        else:
            entries[key] = CitationEntry(c, 1)
    return list(entries.values())
