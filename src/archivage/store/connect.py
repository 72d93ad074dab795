"""Connections: plain driver connections for reading, a SQLAlchemy engine for writing.

Reads (search, show, status) talk to the driver directly (``sqlite3`` or ``psycopg``):
importing SQLAlchemy costs about 200 ms, most of what a whole ``archivage search`` may take.
Writes and migrations use SQLAlchemy, which the ingest imports anyway.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import ConfigError

_EXAMPLES = "sqlite:///path/archivage.db or postgresql+psycopg://user@host/db"
_SCHEME = re.compile(r"^([a-z][a-z0-9]*)(?:\+([a-z0-9_]+))?$")


def hide_password(url: str) -> str:
    return re.sub(r"(//[^:/@]*):[^@/]*@", r"\1:***@", url)


def parse(url: str) -> tuple[str, str]:
    """(backend, target): the SQLite file path (or ':memory:'), or a libpq connection URI."""
    scheme, sep, rest = url.partition("://")
    m = _SCHEME.match(scheme)
    if not sep or not m:
        raise ConfigError(f"The database URL {hide_password(url)!r} is not valid; expected e.g. {_EXAMPLES}.")
    backend, driver = m.group(1), m.group(2)
    if backend == "sqlite" and driver in (None, "pysqlite"):
        path = unquote(urlsplit(url).path)
        path = path[1:] if path.startswith("/") else path  # sqlite:///rel.db, sqlite:////abs.db
        if not path or path == ":memory:":
            return "sqlite", ":memory:"
        return "sqlite", path
    if backend in ("postgresql", "postgres") and driver in (None, "psycopg"):
        return "postgresql", "postgresql://" + rest
    raise ConfigError(f"The database URL {hide_password(url)!r} names an unsupported database; use {_EXAMPLES}.")


def connect_sqlite(path: str) -> sqlite3.Connection:
    """A connection that manages its own transactions and waits (30 s) for a writer's lock."""
    if path != ":memory:":
        Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout=30000")
    # Searches read many pages of the indexes: map the file (no read call per page) and keep
    # 64 MB of pages in the connection's cache (the default is 2 MB).
    conn.execute("PRAGMA mmap_size=1073741824")
    conn.execute("PRAGMA cache_size=-65536")
    return conn


def connect_postgres(uri: str):
    """An autocommit connection: a reader never holds a transaction open between queries."""
    import psycopg

    return psycopg.connect(uri, autocommit=True, connect_timeout=10)


def reason(error: BaseException) -> str:
    """The driver's own message, first line, without SQLAlchemy's SQL dump and links."""
    inner = getattr(error, "orig", None) or error
    text = str(inner).strip().splitlines()[0] if str(inner).strip() else type(inner).__name__
    return text.rstrip(".")


def engine(url: str):
    """The SQLAlchemy engine for writes (imports SQLAlchemy)."""
    import sqlalchemy as sa
    from sqlalchemy import exc

    backend, target = parse(url)
    shown = hide_password(url)
    try:
        parsed = sa.make_url(url)
    except exc.ArgumentError:
        raise ConfigError(f"The database URL {shown!r} is not valid; expected e.g. {_EXAMPLES}.") from None
    try:
        if backend == "sqlite":
            return _sqlite_engine(parsed)
        return sa.create_engine(parsed.set(drivername="postgresql+psycopg"), pool_pre_ping=True)
    except (exc.NoSuchModuleError, ModuleNotFoundError):
        raise ConfigError(f"The database URL {shown!r} names an unsupported database; use {_EXAMPLES}.") from None
    except OSError as e:
        raise ConfigError(f"Cannot create the folder of the database {shown}: {e.strerror}.") from None


def _sqlite_engine(url):
    import sqlalchemy as sa
    from sqlalchemy import event

    if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):
        # Manage transactions ourselves (below) instead of letting sqlite3 open them lazily.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        # WAL: a CLI search reads while the watcher writes. FULL sync: a commit that returned
        # is on disk, because the intake deletes the inbox file right after it.
        # A 64 MB page cache: inserts land all over the indexes of a large archive.
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=30000",
                       "cache_size=-65536"):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        # A write transaction takes the lock up front (IMMEDIATE), so it waits politely for
        # another writer instead of failing half-way with "database is locked".
        immediate = conn.get_execution_options().get("archivage_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
