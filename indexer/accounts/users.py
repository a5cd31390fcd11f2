"""Accounts: add, change, disable, list (over one SQLAlchemy session)."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from indexer.accounts import passwords
from indexer.accounts.errors import AccountError
from indexer.accounts.records import ROLES, Account
from indexer.accounts.tables import User
from indexer.legal.groups import group_names
from indexer.legal.marks import secrecy_codes

_NAME = re.compile(r"[^\W_][\w.@-]{0,63}")
UNSET = object()  # "leave as it is" for update's optional fields


def account_name(raw: str) -> str:
    """The canonical spelling of an account name (NFC, lower case); AccountError when it is none."""
    name = unicodedata.normalize("NFC", raw.strip()).casefold()
    if not _NAME.fullmatch(name):
        raise AccountError(f"{raw.strip()[:80]!r} is no account name (letters, digits, '.', '@', '-', '_', "
                           "starting with a letter or digit, at most 64 characters)")
    return name


def _checked(role: str | None, clearance, groups) -> tuple:
    if role is not None and role not in ROLES:
        raise AccountError(f"unknown role {role!r} (one of: {', '.join(ROLES)})")
    if clearance not in (UNSET, None) and clearance not in secrecy_codes():
        raise AccountError(f"unknown clearance {clearance!r} (one of: {', '.join(secrecy_codes())})")
    if groups is not None:
        try:
            groups = group_names(groups)
        except ValueError as exc:
            raise AccountError(str(exc)) from None
    return role, clearance, groups


def _password_hash(password: str) -> str:
    try:
        passwords.check_strength(password)
    except ValueError as exc:
        raise AccountError(str(exc)) from None
    return passwords.hash_password(password)


def to_account(user: User) -> Account:
    return Account(user.name, user.role, user.clearance, tuple(g for g in user.groups.split(",") if g),
                   user.active, user.created_at, user.last_login_at)


def get(s: Session, name: str) -> User | None:
    try:
        name = account_name(name)
    except AccountError:
        return None
    return s.scalar(select(User).where(User.name == name))


def add(s: Session, name: str, role: str, password: str, now: datetime, clearance: str | None = None,
        groups=()) -> User:
    name = account_name(name)
    role, clearance, groups = _checked(role, clearance, groups)
    if get(s, name) is not None:
        raise AccountError(f"an account {name!r} exists already (change it with `users set {name} ...`)")
    user = User(name=name, password_hash=_password_hash(password), role=role, clearance=clearance,
                groups=",".join(groups), active=True, created_at=now, updated_at=now)
    s.add(user)
    s.flush()
    return user


def update(s: Session, name: str, now: datetime, role: str | None = None, clearance=UNSET, groups=None,
           password: str | None = None, active: bool | None = None) -> tuple[User, dict]:
    """Change what is given; returns the account and {field: [before, after]} of what changed."""
    user = get(s, name)
    if user is None:
        raise AccountError(f"no account {name!r} (list them with `users list`)")
    role, clearance, groups = _checked(role, clearance, groups)
    changes: dict = {}
    for field, value in (("role", role), ("clearance", clearance), ("active", active),
                         ("groups", ",".join(groups) if groups is not None else None)):
        if value is UNSET or (value is None and field != "clearance"):
            continue
        if getattr(user, field) != value:
            changes[field] = [getattr(user, field), value]
            setattr(user, field, value)
    if password is not None:
        user.password_hash = _password_hash(password)
        changes["password"] = ["(old)", "(new)"]
    if changes:
        user.updated_at = now
    return user, changes


def every(s: Session) -> list[User]:
    return list(s.scalars(select(User).order_by(User.name)))
