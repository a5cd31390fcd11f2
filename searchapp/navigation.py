"""Where a page's links lead: number lookups, the way back to the results, matched numbers.

A query that is only a số ký hiệu redirects to its document or decision with
``via=number``: the page it lands on says so and links to the full-text
results (``go=0`` keeps /search from redirecting again), and its way back
must not be the URL that redirected (a loop).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for

from .facets import decision_url, with_args
from .formatting import vn_date

VIA = "via"
VIA_NUMBER = "number"  # ?via=number: reached by a number lookup


@dataclass
class Lookup:
    """"Đã chuyển đến Quyết định 173/QĐ-UBND — xem mọi văn bản chứa số này"."""

    target: str  # "Quyết định 173/QĐ-UBND"
    all_url: str  # the full-text results for the query, without the redirect


@dataclass
class NumberLink:
    text: str
    url: str  # "" when the page of that number is not known for sure


def full_text_url(q: str) -> str:
    """/search for q that lists what it finds even when q is a số ký hiệu."""
    return with_args("/search", [("q", q), ("go", "0")])


def lookup(args, kind: str, number: str) -> Lookup | None:
    """The notice of a page reached by a number lookup (None when it was not)."""
    q = args.get("q", "")[:2000]
    if args.get(VIA) != VIA_NUMBER or not q:
        return None
    target = " ".join(x for x in (kind, number) if x)
    return Lookup(target, full_text_url(q))


def back_url(back: list[tuple[str, str]], q: str) -> str:
    """The results a document page leads back to: the search it was opened from
    (``back``), else the full-text results for q, never the lookup that redirected here."""
    if back:
        return with_args("/search", back)
    return full_text_url(q) if q else "/search"


def number_links(hit, doc_url: str) -> list[NumberLink]:
    """"Khớp số ký hiệu: 173/QĐ-UBND" as links (``Hit.matched``): the hit's own number to the
    hit, a cited one to the archive's copy or to its decision's page; plain text when the
    service could not tell which decision of that number the hit cites."""
    out = []
    for m in hit.matched:
        if m.document_id == hit.id:
            out.append(NumberLink(m.number, doc_url))
        elif m.document_id:
            out.append(NumberLink(m.number, url_for("views.document", doc_id=m.document_id)))
        else:
            out.append(NumberLink(m.number, decision_url(m.key) if m.key else ""))
    return out


@dataclass
class CandidateLink:
    """One document or decision a số ký hiệu may mean, as the search page lists it."""

    text: str  # "Quyết định 173/QĐ-UBND"
    about: str  # "UBND tỉnh Bình Phước · 08/02/2023" (what tells it apart)
    title: str
    url: str
    in_archive: bool
    citing: int


def candidates(found: list, q: str) -> list[CandidateLink]:
    """The candidates of a lookup that leads to no one page, each linked to its page
    (with the query, so the page keeps it in the search box)."""
    out = []
    for c in found:
        when = vn_date(c.date) if c.date else c.year
        about = " · ".join(x for x in (c.issuer or "cơ quan ban hành không rõ", when or "năm không rõ"))
        url = url_for("views.document", doc_id=c.document_id, q=q) if c.document_id \
            else url_for("views.decision", key=c.key, q=q)
        out.append(CandidateLink(" ".join(x for x in (c.kind, c.number) if x), about, c.title, url,
                                 bool(c.document_id), c.citing))
    return out
