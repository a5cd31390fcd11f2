"""The tables, as SQLAlchemy sees them (the migrations create them; this maps them).

Times are stored as naive UTC (the same on SQLite and PostgreSQL) and come
back aware (``UTC``).
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTC(TypeDecorator):
    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        return value.replace(tzinfo=timezone.utc) if value is not None else None


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    clearance: Mapped[str | None] = mapped_column(String(16))
    groups: Mapped[str] = mapped_column(Text, default="")  # "a,b": legal.groups spellings, sorted
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTC)
    updated_at: Mapped[datetime] = mapped_column(UTC)
    last_login_at: Mapped[datetime | None] = mapped_column(UTC)


class LoginSession(Base):
    __tablename__ = "login_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the cookie's token
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTC)
    last_seen_at: Mapped[datetime] = mapped_column(UTC)
    ended_at: Mapped[datetime | None] = mapped_column(UTC)
    address: Mapped[str] = mapped_column(String(64), default="")
    agent: Mapped[str] = mapped_column(String(256), default="")


class LoginFailure(Base):
    __tablename__ = "login_failures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account: Mapped[str] = mapped_column(String(128))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTC)


class AuditEvent(Base):
    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTC)
    actor: Mapped[str] = mapped_column(String(128), default="")
    address: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(32))
    document: Mapped[str | None] = mapped_column(String(1024))
    detail: Mapped[str] = mapped_column(Text, default="{}")


class SavedSearchRow(Base):
    __tablename__ = "saved_searches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    query: Mapped[str] = mapped_column(Text, default="{}")  # JSON: q, filters, sort, date_from, date_to
    feed_token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTC)
    checked_at: Mapped[datetime | None] = mapped_column(UTC)


class SavedMatch(Base):
    __tablename__ = "saved_search_matches"
    saved_id: Mapped[int] = mapped_column(ForeignKey("saved_searches.id", ondelete="CASCADE"), primary_key=True)
    document: Mapped[str] = mapped_column(String(1024), primary_key=True)
    first_seen_at: Mapped[datetime] = mapped_column(UTC)
    baseline: Mapped[bool] = mapped_column(Boolean, default=False)  # matched when the search was saved


class FolderPolicy(Base):
    __tablename__ = "folder_policies"
    path: Mapped[str] = mapped_column(String(1024), primary_key=True)
    groups: Mapped[str] = mapped_column(Text, default="")
    problem: Mapped[str] = mapped_column(Text, default="")
    seen_at: Mapped[datetime] = mapped_column(UTC)
