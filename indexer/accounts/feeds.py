"""The Atom feed of a saved search: the documents that later builds added to its matches.

Built on the search service (``indexer.search``): the saved search is run
again with ``export`` (every match's metadata, up to the export limit), the
store remembers which matches are new, and the newest ``FEED_SIZE`` of them
make the feed.

The feed shows only what its owner may read: the saved search runs with the
owner's reader (``readable_request``), so the engine's read filter applies
to it as to the owner's own searches, now, not as when it was saved (a
clearance withdrawn, a policy narrowed: those documents leave the feed).
"""

from __future__ import annotations

from dataclasses import replace

from indexer.accounts.errors import AccountError
from indexer.accounts.records import Account, FeedEntry, SavedSearch
from indexer.accounts.store import AccountStore
from indexer.search import SearchRequest, SearchService
from indexer.search.access import Reader

FEED_SIZE = 50


class FeedUnavailable(AccountError):
    """This owner's feed cannot be served (kept for callers that catch it)."""


def saved_request(found: SavedSearch) -> SearchRequest:
    return SearchRequest(q=found.q, filters={k: list(v) for k, v in found.filters.items()}, sort=found.sort,
                         date_from=found.date_from, date_to=found.date_to, snippets=False)


def readable_request(req: SearchRequest, reader: Reader) -> SearchRequest:
    """``req`` as ``reader`` may run it: carrying the reader, whose filter the search
    pipeline adds to every engine question."""
    return replace(req, reader=reader)


def matches(service: SearchService, req: SearchRequest) -> list[dict]:
    """Every full match of ``req`` (export rows).  The search page follows too few full matches
    with the documents holding most of the words; a feed of news lists full matches only."""
    req = replace(req, sort="relevance", page=1, per_page=1, snippets=False)
    result = service.search(req)
    rows = service.export(req)
    return rows[: result.strict_total] if result.relaxed else rows


def baseline(service: SearchService, found_query: SearchRequest) -> list[str]:
    """The ids matching a search when it is saved (never shown: only what is *not* news)."""
    return [row["id"] for row in matches(service, found_query)]


def feed(store: AccountStore, service: SearchService, token: str) -> tuple[SavedSearch, Account, list[FeedEntry]] | None:
    """The saved search of ``token``, its owner and its news, newest first (None: no such feed)."""
    found = store.saved_by_token(token)
    if found is None:
        return None
    saved, owner = found
    rows = matches(service, readable_request(saved_request(saved), owner.reader))
    news = store.feed_news(saved.id, [row["id"] for row in rows])
    entries = [FeedEntry(row["id"], row.get("title") or "", row.get("number") or "", row.get("date") or "",
                         row.get("unit") or "", news[row["id"]]) for row in rows if row["id"] in news]
    entries.sort(key=lambda e: (e.first_seen_at, e.id), reverse=True)
    return saved, owner, entries[:FEED_SIZE]
