"""`python -m indexer users ...` and `python -m indexer audit`: accounts and the audit log.

Thin, as the rest of the CLI: each command calls the AccountStore
(``indexer.accounts``).  ``--database`` takes a SQLAlchemy URL (env:
DATABASE_URL; default SQLite var/app.sqlite).  Changes are audited as made
by ``cli:<the system user>`` from ``local``.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from datetime import date, datetime, time, timedelta, timezone

import click

from indexer.errors import IndexerError

ROLES = ("admin", "staff")
CLEARANCES = ("mat", "toi-mat", "tuyet-mat")


def database_option(fn):
    return click.option("--database", envvar="DATABASE_URL", default=None,
                        help="SQLAlchemy URL of the accounts database (env: DATABASE_URL; "
                             "default: SQLite var/app.sqlite).")(fn)


def _store(database: str | None):
    from indexer.accounts import open_store

    try:
        store = open_store(database)
    except IndexerError as exc:
        raise click.ClickException(str(exc)) from None
    click.get_current_context().call_on_close(store.close)  # its pooled connections, when the command ends
    return store


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def remember_policies(src_dir, database: str | None, quiet: bool = False) -> None:
    """After a build: audit the folder policies that changed since the last build (when there is a
    database: --database, DATABASE_URL, or var/app.sqlite already made)."""
    from indexer.accounts import default_url
    from indexer.extract.policy import policies_below

    if database is None:
        database = default_url()
        if not Path(database.removeprefix("sqlite:///")).exists():
            return
    seen = {p.path: (p.groups, p.problem) for p in policies_below(src_dir)}
    changes = _run(_store(database).remember_policies, seen, _actor(), "local")
    for c in changes if not quiet else ():
        click.echo(f"  folder policy {c['policy']}: {c['before'] or 'none'} -> {c['after'] or 'none'}")


def _password(generate: bool) -> tuple[str, bool]:
    """(password, whether it was generated): generated, typed at a terminal, or the first line of stdin."""
    from indexer.accounts.passwords import generate_password

    if generate:
        return generate_password(), True
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True), False
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise click.ClickException("no password on standard input: pipe one in "
                                   "(printf '%s\\n' \"$PW\" | ...) or pass --generate to have one made and printed")
    return line, False


def _run(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except IndexerError as exc:
        raise click.ClickException(str(exc)) from None


@click.group()
def users() -> None:
    """Accounts of the search app: add, list, change, disable."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--clearance", type=click.Choice(CLEARANCES), default=None,
              help="The highest secrecy mark this account may read (none: unmarked documents only).")
@click.option("--groups", default="", help="Groups, separated by commas (as named in folder policies).")
@click.option("--generate", is_flag=True, help="Make a password and print it once (else: read from stdin).")
@database_option
def users_add(name, role, clearance, groups, generate, database) -> None:
    """Add an account NAME; its password comes from standard input, or --generate prints a new one."""
    password, made = _password(generate)
    account = _run(_store(database).add_user, name, role, password, clearance, groups, actor=_actor(), address="local")
    click.echo(f"added {account.name} ({account.role}, clearance {account.clearance or 'none'}, "
               f"groups {', '.join(account.groups) or 'none'})")
    if made:
        click.echo(f"password (shown once): {password}")


@users.command("list")
@database_option
def users_list(database) -> None:
    """Print every account: name, role, clearance, groups, state, last login."""
    for a in _run(_store(database).users):
        last = a.last_login_at.strftime("%Y-%m-%d %H:%M") if a.last_login_at else "never"
        click.echo(f"{a.name}\t{a.role}\t{a.clearance or '-'}\t{','.join(a.groups) or '-'}\t"
                   f"{'active' if a.active else 'disabled'}\tlast login {last}")


@users.command("disable")
@click.argument("name")
@database_option
def users_disable(name, database) -> None:
    """Disable NAME: no more logins, its sessions end now (the account and its log stay)."""
    _run(_store(database).update_user, name, _actor(), "local", active=False)
    click.echo(f"disabled {name}; its sessions have ended")


@users.command("set")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default=None)
@click.option("--clearance", type=click.Choice(CLEARANCES + ("none",)), default=None)
@click.option("--groups", default=None, help="The new groups, separated by commas ('' for none).")
@click.option("--password", "new_password", is_flag=True, help="A new password from stdin (or --generate).")
@click.option("--generate", is_flag=True, help="With --password: make one and print it once.")
@click.option("--enable", is_flag=True, help="Enable a disabled account.")
@database_option
def users_set(name, role, clearance, groups, new_password, generate, enable, database) -> None:
    """Change NAME's role, clearance, groups or password, or enable it again."""
    from indexer.accounts.users import UNSET

    password, made = _password(generate) if new_password else (None, False)
    account = _run(_store(database).update_user, name, _actor(), "local", role=role,
                   clearance=UNSET if clearance is None else (None if clearance == "none" else clearance),
                   groups=groups, password=password, active=True if enable else None)
    click.echo(f"{account.name}: {account.role}, clearance {account.clearance or 'none'}, "
               f"groups {', '.join(account.groups) or 'none'}, {'active' if account.active else 'disabled'}")
    if made:
        click.echo(f"password (shown once): {password}")


def _day(value: str | None, name: str) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.combine(date.fromisoformat(value), time(), tzinfo=timezone.utc)
    except ValueError:
        raise click.BadParameter(f"{value!r} is no date (YYYY-MM-DD)", param_hint=name) from None


@click.command()
@click.option("--since", help="From this day on (YYYY-MM-DD, UTC).")
@click.option("--until", help="Up to and including this day (YYYY-MM-DD, UTC).")
@click.option("--user", help="Only what this account did (or tried: failed logins carry the name typed).")
@click.option("--document", help="Only events about this document id.")
@click.option("--action", help="Only this action (login, login.failed, search, document.view, export, ...).")
@click.option("--csv", "as_csv", is_flag=True, help="CSV on standard output (every matching event, oldest first).")
@database_option
def audit(since, until, user, document, action, as_csv, database) -> None:
    """Print or export the audit log: logins, searches, views, downloads, exports, changes."""
    from indexer.accounts import AuditQuery

    end = _day(until, "--until")
    query = AuditQuery(since=_day(since, "--since"), until=end + timedelta(days=1) if end else None,
                       actor=user.casefold() if user else None, document=document, action=action, limit=None)
    store = _store(database)
    if as_csv:
        _run(store.audit_csv, query, sys.stdout)
        return
    entries, _ = _run(store.audit_entries, query)
    for e in reversed(entries):
        click.echo(f"{e.at:%Y-%m-%d %H:%M:%S}\t{e.actor or '-'}\t{e.address or '-'}\t{e.action}\t"
                   f"{e.document or ''}\t{e.detail if e.detail else ''}")
