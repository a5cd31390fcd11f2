"""Where a page's links lead: number lookups, the way back to the results, matched numbers.

A query that is only a số ký hiệu redirects to its document or decision with
``via=number``: the page it lands on says so and links to the full-text
results (``go=0`` keeps /search from redirecting again), and its way back
must not be the URL that redirected (a loop).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .facets import decision_url, with_args

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


def _number_key(number: str) -> str:
    """A số ký hiệu compared as the index spells it: case, Đ/D and spaces aside."""
    return re.sub(r"\s+", "", number).upper().replace("Đ", "D")


def cited_pages(cites: list, limit: int) -> dict[str, str]:
    """Cited decisions of a result (the cites facet: value = key, label = "173/QĐ-UBND (…)")
    by number -> the decision's page, for the numbers only one decision of the list has.

    A list of ``limit`` values may have been cut (the service lists the most cited):
    a decision of the same number may be missing, so none is linked then.
    """
    if len(cites) >= limit:
        return {}
    found: dict[str, set[str]] = {}
    for c in cites:
        number = c.label.split(" (", 1)[0]
        found.setdefault(_number_key(number), set()).add(c.value)
    return {n: decision_url(next(iter(keys))) for n, keys in found.items() if len(keys) == 1}


def number_links(hit, pages: dict[str, str], doc_url: str) -> list[NumberLink]:
    """"Khớp số ký hiệu: 173/QĐ-UBND" as links: the hit's own number to the hit, a cited
    one to its decision's page when the result names one decision with that number."""
    out = []
    for number in hit.matched_numbers:
        if hit.number and _number_key(number) == _number_key(hit.number):
            out.append(NumberLink(number, doc_url))
        else:
            out.append(NumberLink(number, pages.get(_number_key(number), "")))
    return out
