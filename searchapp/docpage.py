"""What the document page makes of the service's record: citations once per decision
(marks and restored words are ``marks``')."""

from __future__ import annotations

from dataclasses import dataclass, replace

OCR_FORMS = "ocr_forms"  # ?ocr_forms=1: each restored word followed by its OCR form, on the page itself


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
