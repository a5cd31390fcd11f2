"""Failed logins, counted per account name and per address in the database,
so the limit holds across gunicorn workers and machines.

Past the limit, attempts are refused without checking the password (no
Argon2 work for an attacker to spend), until the oldest failure in the
window ages out.  A success clears its account's failures, not its
address's (one's own account must not reset a guesser's address).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from indexer.accounts.audit import printable
from indexer.accounts.records import Throttle
from indexer.accounts.tables import LoginFailure


def blocked(s: Session, throttle: Throttle, account: str, address: str, now: datetime) -> bool:
    since = now - throttle.window
    by_account = s.scalar(select(func.count()).select_from(LoginFailure)
                          .where(LoginFailure.account == account, LoginFailure.at > since))
    if by_account >= throttle.per_account:
        return True
    by_address = s.scalar(select(func.count()).select_from(LoginFailure)
                          .where(LoginFailure.address == printable(address)[:64], LoginFailure.at > since))
    return by_address >= throttle.per_address


def failed(s: Session, account: str, address: str, now: datetime) -> None:
    s.add(LoginFailure(account=account[:128], address=printable(address)[:64], at=now))


def succeeded(s: Session, throttle: Throttle, account: str, now: datetime) -> None:
    s.execute(delete(LoginFailure).where(LoginFailure.account == account))
    # Old rows of everyone go too: the table holds one window's failures.
    s.execute(delete(LoginFailure).where(LoginFailure.at <= now - throttle.window))
