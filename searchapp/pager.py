"""The pager of a list of results: numbered links around the current page and a jump form."""

from __future__ import annotations

from dataclasses import dataclass

WINDOW = 2  # pages shown on each side of the current one


@dataclass
class PageLink:
    number: int | None  # None: a gap ("…")
    url: str = ""
    current: bool = False


@dataclass
class Pager:
    page: int
    pages: int
    links: list[PageLink]
    prev_url: str
    next_url: str
    jump_args: list[tuple[str, str]]  # the hidden fields of "Đến trang [ ]"


def pager(page: int, pages: int, url, args: list[tuple[str, str]], max_page: int) -> Pager:
    """``url(n)`` is the URL of page n; pages past ``max_page`` (the parameter's bound)
    are not linked."""
    last = min(pages, max_page)
    shown = sorted({1, last, *range(max(1, page - WINDOW), min(last, page + WINDOW) + 1)})
    links: list[PageLink] = []
    for n in shown:
        if links and links[-1].number is not None and n - links[-1].number > 1:
            links.append(PageLink(None))
        links.append(PageLink(n, url(n), n == page))
    return Pager(
        page=page, pages=last, links=links,
        prev_url=url(page - 1) if page > 1 else "",
        next_url=url(page + 1) if page < last else "",
        jump_args=[(k, v) for k, v in args if k != "page"],
    )
