"""Login sessions kept in the database, so a cookie is only a key to a row.

The cookie holds a random token; the row holds its SHA-256 (a copy of the
database gives no live session).  A session ends on logout, when its
account is disabled, after ``idle`` without a request, and after ``max_age``
whatever happens: a replayed cookie of an ended session finds nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from indexer.accounts.audit import printable
from indexer.accounts.tables import LoginSession, User

TOUCH_EVERY = timedelta(seconds=60)  # last_seen_at is written at most this often


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def start(s: Session, user: User, now: datetime, address: str, agent: str) -> str:
    token = secrets.token_urlsafe(32)
    s.add(LoginSession(token_hash=_hash(token), user_id=user.id, created_at=now, last_seen_at=now,
                       address=printable(address)[:64], agent=printable(agent)[:256]))
    return token


def resolve(s: Session, token: str, now: datetime, idle: timedelta, max_age: timedelta) -> User | None:
    """The account of a live session (its last request moved to now), or None."""
    if not token or len(token) > 100:
        return None
    row = s.scalar(select(LoginSession).where(LoginSession.token_hash == _hash(token)))
    if row is None or row.ended_at is not None:
        return None
    if now - row.last_seen_at > idle or now - row.created_at > max_age:
        row.ended_at = now
        return None
    user = s.get(User, row.user_id)
    if user is None or not user.active:
        row.ended_at = now
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
    return user


def end(s: Session, token: str, now: datetime) -> User | None:
    """End one session; the account it was of (None for an unknown or ended one)."""
    row = s.scalar(select(LoginSession).where(LoginSession.token_hash == _hash(token or "")))
    if row is None or row.ended_at is not None:
        return None
    row.ended_at = now
    return s.get(User, row.user_id)


def end_all(s: Session, user: User, now: datetime) -> None:
    s.execute(update(LoginSession).where(LoginSession.user_id == user.id, LoginSession.ended_at.is_(None))
              .values(ended_at=now))
