"""Accounts, the audit log and saved searches, in one SQL database.

``store.AccountStore`` is the door the CLI and the web use: it opens the
database named by a SQLAlchemy URL (``database``: SQLite ``var/app.sqlite``
by default, PostgreSQL where an office has one), upgrades its schema
(``migrations``, Alembic) and answers with the plain records of ``records``.
Behind it, one module per job: ``users`` (accounts), ``passwords``
(Argon2id), ``sessions`` (server-side login sessions: a logged-out or idle
cookie is dead), ``throttle`` (failed logins per account and per address),
``audit`` (the append-only log), ``saved`` (saved searches and the matches
their feeds have seen), ``policies`` (the folder policies a build read).

May import: search (the reader and the search service, for feeds), legal
(secrecy levels and group names).  Never: the web, the Whoosh engine, the OpenSearch engine,
index, extraction.
"""

from __future__ import annotations

from indexer.accounts.audit import ACTIONS as AUDIT_ACTIONS
from indexer.accounts.database import default_url
from indexer.accounts.errors import AccountError, DatabaseError
from indexer.accounts.feeds import FEED_SIZE, FeedUnavailable, baseline, feed, saved_request
from indexer.accounts.records import (
    ROLES, Account, AuditEntry, AuditQuery, FeedEntry, LoginResult, SavedSearch, Throttle,
)
from indexer.accounts.store import AccountStore, SessionRules, open_store
from indexer.search.access import ANONYMOUS, Reader, may_read

__all__ = [
    "AUDIT_ACTIONS", "FEED_SIZE", "FeedUnavailable", "baseline", "feed", "saved_request",
    "ANONYMOUS", "ROLES", "Account", "AccountError", "AccountStore", "AuditEntry", "AuditQuery", "DatabaseError",
    "FeedEntry", "LoginResult", "Reader", "SavedSearch", "SessionRules", "Throttle", "default_url", "may_read", "open_store",
]
