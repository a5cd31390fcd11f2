"""AccountStore: the one door to accounts, the audit log and saved searches.

Each method is one transaction and answers with plain records.  Time comes
from ``clock`` (UTC), so idle sessions and throttling windows are tested by
moving a clock, not by sleeping.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import IO, Callable

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from indexer.accounts import audit, passwords, policies, saved, sessions, throttle, users
from indexer.accounts.database import default_url, describe, make_engine, upgrade
from indexer.accounts.errors import AccountError
from indexer.accounts.records import Account, AuditEntry, AuditQuery, LoginResult, SavedSearch, Throttle


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class SessionRules:
    idle: timedelta = timedelta(minutes=30)  # a session ends after this long without a request
    max_age: timedelta = timedelta(hours=12)  # ... and this long after the login, whatever happens


class AccountStore:
    def __init__(self, url: str, throttle_rules: Throttle = Throttle(), session_rules: SessionRules = SessionRules(),
                 clock: Callable[[], datetime] = utc_now):
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.throttle, self.rules, self.clock = throttle_rules, session_rules, clock

    def __repr__(self) -> str:
        return f"AccountStore({describe(self.url)})"

    @contextmanager
    def _tx(self):
        with self._sessions.begin() as s:
            yield s

    def close(self) -> None:
        self.engine.dispose()

    # -- accounts --------------------------------------------------------------------------
    def add_user(self, name: str, role: str, password: str, clearance: str | None = None, groups=(),
                 actor: str = "", address: str = "") -> Account:
        try:
            with self._tx() as s:
                user = users.add(s, name, role, password, self.clock(), clearance, groups)
                account = users.to_account(user)
                audit.record(s, self.clock(), "account.add", actor, address, detail={
                    "account": account.name, "role": role, "clearance": clearance, "groups": list(account.groups)})
        except IntegrityError:  # two admins adding the same name at once
            raise AccountError(f"an account {name!r} exists already") from None
        return account

    def update_user(self, name: str, actor: str = "", address: str = "", **changes) -> Account:
        """Change role, clearance, groups, password or active; a disabled account's sessions end."""
        with self._tx() as s:
            user, changed = users.update(s, name, self.clock(), **changes)
            if changed.get("active") == [True, False] or "password" in changed:
                sessions.end_all(s, user, self.clock())
            if changed:
                audit.record(s, self.clock(), "account.change", actor, address,
                             detail={"account": user.name, "changes": changed})
            return users.to_account(user)

    def users(self) -> list[Account]:
        with self._tx() as s:
            return [users.to_account(u) for u in users.every(s)]

    def user(self, name: str) -> Account | None:
        with self._tx() as s:
            found = users.get(s, name)
            return users.to_account(found) if found else None

    def has_users(self) -> bool:
        with self._tx() as s:
            return bool(users.every(s))

    # -- logging in and out ----------------------------------------------------------------
    def login(self, name: str, password: str, address: str, agent: str = "") -> LoginResult:
        now = self.clock()
        tried = audit.printable(" ".join(name.split()).casefold())[:128]
        with self._tx() as s:
            if throttle.blocked(s, self.throttle, tried, address, now):
                audit.record(s, now, "login.throttled", tried, address)
                return LoginResult("throttled")
            user = users.get(s, name)
            ok = passwords.verify(user.password_hash if user else None, password)
            if not ok:
                throttle.failed(s, tried, address, now)
                audit.record(s, now, "login.failed", tried, address)
                return LoginResult("wrong")
            if not user.active:
                audit.record(s, now, "login.failed", user.name, address, detail={"reason": "disabled"})
                return LoginResult("disabled")
            throttle.succeeded(s, self.throttle, tried, now)
            if passwords.needs_rehash(user.password_hash):
                user.password_hash = passwords.hash_password(password)
            user.last_login_at = now
            token = sessions.start(s, user, now, address, agent)
            audit.record(s, now, "login", user.name, address)
            return LoginResult("ok", users.to_account(user), token)

    def session_account(self, token: str) -> Account | None:
        """The account of a live session token (None: ended, idle too long, unknown)."""
        with self._tx() as s:
            user = sessions.resolve(s, token, self.clock(), self.rules.idle, self.rules.max_age)
            return users.to_account(user) if user else None

    def logout(self, token: str, address: str = "") -> None:
        with self._tx() as s:
            user = sessions.end(s, token, self.clock())
            if user is not None:
                audit.record(s, self.clock(), "logout", user.name, address)

    # -- the audit log ---------------------------------------------------------------------
    def record(self, action: str, actor: str = "", address: str = "", document: str | None = None,
               detail: dict | None = None) -> None:
        with self._tx() as s:
            audit.record(s, self.clock(), action, actor, address, document, detail)

    def audit_entries(self, query: AuditQuery) -> tuple[list[AuditEntry], int]:
        with self._tx() as s:
            return audit.entries(s, query)

    def audit_csv(self, query: AuditQuery, out: IO[str]) -> int:
        with self._tx() as s:
            return audit.write_csv(audit.stream(s, query), out)

    def openers(self, document: str) -> tuple[int, list[tuple[str, int, datetime]]]:
        with self._tx() as s:
            return audit.openers(s, document)

    # -- saved searches --------------------------------------------------------------------
    def _owner(self, s, owner: str):
        user = users.get(s, owner)
        if user is None or not user.active:
            raise AccountError(f"no active account {owner!r}")
        return user

    def save_search(self, owner: str, name: str, query: dict, baseline: list[str], address: str = "") -> SavedSearch:
        with self._tx() as s:
            found = saved.add(s, self._owner(s, owner), name, query, baseline, self.clock())
            audit.record(s, self.clock(), "saved.add", owner, address, detail={"name": found.name, "query": query})
            return found

    def saved_searches(self, owner: str) -> list[SavedSearch]:
        with self._tx() as s:
            return saved.of_user(s, self._owner(s, owner))

    def delete_saved(self, owner: str, saved_id: int, address: str = "") -> bool:
        with self._tx() as s:
            found = saved.delete(s, self._owner(s, owner), saved_id)
            if found:
                audit.record(s, self.clock(), "saved.delete", owner, address, detail={"name": found.name})
            return found is not None

    def saved_by_token(self, token: str) -> tuple[SavedSearch, Account] | None:
        """The saved search of a feed token and its owner (None: unknown token or disabled owner)."""
        with self._tx() as s:
            found = saved.by_token(s, token)
            if found is None or not found[1].active:
                return None
            return found[0], users.to_account(found[1])

    def feed_news(self, saved_id: int, matching: list[str]) -> dict[str, datetime]:
        with self._tx() as s:
            return saved.seen(s, saved_id, matching, self.clock())

    # -- folder policies -------------------------------------------------------------------
    def remember_policies(self, seen: dict[str, tuple[tuple[str, ...], str]], actor: str = "",
                          address: str = "") -> list[dict]:
        with self._tx() as s:
            return policies.remember(s, seen, self.clock(), actor, address)

    def policies(self) -> list[tuple[str, str, str]]:
        with self._tx() as s:
            return policies.current(s)


def open_store(url: str | None = None, **options) -> AccountStore:
    """The store of ``url`` (default: SQLite var/app.sqlite), its schema created or upgraded."""
    store = AccountStore(url or default_url(), **options)
    upgrade(store.engine)
    return store
