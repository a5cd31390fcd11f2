"""The database behind accounts: a SQLAlchemy URL -> an engine whose schema is current.

SQLite (the default, ``var/app.sqlite`` beside the index) serves one machine
and its gunicorn workers: WAL lets readers go on while one writes, and a
busy timeout queues writers instead of failing them.  PostgreSQL serves an
office with several machines.  The schema is created and upgraded by
Alembic (``migrations``) when the store opens, under a lock (an advisory
lock on PostgreSQL, a file lock beside an SQLite file), so two workers
starting at once do not both upgrade.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from indexer.accounts.errors import DatabaseError

ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS = Path(__file__).parent / "migrations"
_LOCK_KEY = 720020  # PostgreSQL advisory lock of the schema upgrade (any constant of ours)


def default_url() -> str:
    """SQLite in var/app.sqlite of the project folder (beside var/index)."""
    return f"sqlite:///{ROOT / 'var' / 'app.sqlite'}"


def normalise_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` use the driver we ship (psycopg 3)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def describe(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(unreadable URL)"


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"DATABASE_URL {url!r} is no SQLAlchemy URL (e.g. sqlite:///var/app.sqlite, "
                            "postgresql://user:password@host/db)") from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() != "postgresql":
        raise DatabaseError(f"{describe(url)}: only SQLite and PostgreSQL are supported")
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@contextmanager
def _upgrade_lock(engine: Engine, connection):
    if engine.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _LOCK_KEY})
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _LOCK_KEY})
        return
    path = engine.url.database
    if not path or path == ":memory:":
        yield
        return
    fd = os.open(path + ".upgrade-lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (create it in an empty database)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.connect() as connection:
            with _upgrade_lock(engine, connection):
                connection.commit()
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                connection.commit()
    except SQLAlchemyError as exc:
        raise DatabaseError(f"cannot open the accounts database {describe(str(engine.url))}: "
                            f"{exc.__class__.__name__}: {str(exc).splitlines()[0]}") from None
