"""Saved searches, and the matches each one's feed has seen (so a feed lists what
later builds added).  When a search is saved, every document matching it then is
recorded as its baseline; a document first seen matching afterwards is news."""

from __future__ import annotations

import json
import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from indexer.accounts.audit import printable
from indexer.accounts.errors import AccountError
from indexer.accounts.records import SavedSearch
from indexer.accounts.tables import SavedMatch, SavedSearchRow, User

MAX_PER_USER = 200
QUERY_FIELDS = ("q", "filters", "sort", "date_from", "date_to")


def _record(row: SavedSearchRow, owner: str) -> SavedSearch:
    query = json.loads(row.query or "{}")
    return SavedSearch(row.id, owner, row.name, query.get("q", ""), query.get("filters", {}),
                       query.get("sort", "relevance"), query.get("date_from"), query.get("date_to"),
                       row.feed_token, row.created_at)


def add(s: Session, user: User, name: str, query: dict, baseline: list[str], now: datetime) -> SavedSearch:
    name = printable(" ".join(name.split()))[:200]
    if not name:
        raise AccountError("a saved search needs a name")
    count = len(list(s.scalars(select(SavedSearchRow.id).where(SavedSearchRow.user_id == user.id))))
    if count >= MAX_PER_USER:
        raise AccountError(f"at most {MAX_PER_USER} saved searches per account: delete some first")
    row = SavedSearchRow(user_id=user.id, name=name, created_at=now, feed_token=secrets.token_urlsafe(32),
                         query=json.dumps({k: query.get(k) for k in QUERY_FIELDS}, ensure_ascii=False))
    s.add(row)
    s.flush()
    s.add_all(SavedMatch(saved_id=row.id, document=doc, first_seen_at=now, baseline=True) for doc in set(baseline))
    return _record(row, user.name)


def of_user(s: Session, user: User) -> list[SavedSearch]:
    rows = s.scalars(select(SavedSearchRow).where(SavedSearchRow.user_id == user.id).order_by(SavedSearchRow.id))
    return [_record(r, user.name) for r in rows]


def delete(s: Session, user: User, saved_id: int) -> SavedSearch | None:
    """Delete one of ``user``'s saved searches (another's is not found)."""
    row = s.scalar(select(SavedSearchRow).where(SavedSearchRow.id == saved_id, SavedSearchRow.user_id == user.id))
    if row is None:
        return None
    found = _record(row, user.name)
    s.delete(row)
    return found


def by_token(s: Session, token: str) -> tuple[SavedSearch, User] | None:
    if not token or len(token) > 64:
        return None
    row = s.scalar(select(SavedSearchRow).where(SavedSearchRow.feed_token == token))
    if row is None:
        return None
    user = s.get(User, row.user_id)
    return _record(row, user.name), user


def seen(s: Session, saved_id: int, matching: list[str], now: datetime) -> dict[str, datetime]:
    """Record the documents matching now; {id: first seen} of those that are news."""
    known = {m.document: m for m in s.scalars(select(SavedMatch).where(SavedMatch.saved_id == saved_id))}
    for doc in dict.fromkeys(matching):
        if doc not in known:
            known[doc] = SavedMatch(saved_id=saved_id, document=doc, first_seen_at=now, baseline=False)
            s.add(known[doc])
    row = s.get(SavedSearchRow, saved_id)
    row.checked_at = now
    return {doc: m.first_seen_at for doc, m in known.items() if not m.baseline and doc in set(matching)}
