"""The plain records the store answers with (no SQLAlchemy object leaves the package)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from indexer.search.access import ROLES, Reader

__all__ = ["ROLES", "Account", "AuditEntry", "AuditQuery", "FeedEntry", "LoginResult", "SavedSearch", "Throttle"]


@dataclass(frozen=True)
class Account:
    name: str
    role: str  # "admin" or "staff"
    clearance: str | None
    groups: tuple[str, ...]
    active: bool
    created_at: datetime
    last_login_at: datetime | None = None

    @property
    def reader(self) -> Reader:
        """The reader this account searches as."""
        return Reader(self.name, self.role, self.clearance, frozenset(self.groups))

    @property
    def admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class LoginResult:
    outcome: str  # "ok", "wrong" (unknown name or wrong password: one answer), "disabled", "throttled"
    account: Account | None = None
    token: str = ""  # the session's secret, for the cookie (only on "ok")


@dataclass(frozen=True)
class Throttle:
    """Failed logins allowed within ``window`` before more attempts are refused unchecked."""

    per_account: int = 5
    per_address: int = 20
    window: timedelta = timedelta(minutes=15)


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    address: str
    action: str
    document: str | None
    detail: dict


@dataclass(frozen=True)
class AuditQuery:
    since: datetime | None = None
    until: datetime | None = None  # exclusive
    actor: str | None = None
    document: str | None = None
    action: str | None = None
    limit: int | None = 200
    offset: int = 0


@dataclass(frozen=True)
class SavedSearch:
    id: int
    owner: str
    name: str
    q: str
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    date_from: str | None = None
    date_to: str | None = None
    feed_token: str = ""
    created_at: datetime | None = None


@dataclass(frozen=True)
class FeedEntry:
    id: str  # the document
    title: str
    number: str
    date: str
    unit: str
    first_seen_at: datetime
