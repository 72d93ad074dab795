"""The database: originals, their records, and the search index (SQLite FTS5 or PostgreSQL).

One SQLAlchemy schema serves both backends. Each record is kept whole as JSON (what
``export`` writes back, key order included) and also spread over plain columns and side
tables (people, entities, figures) so that every search filter runs in SQL.

Full-text search differs by backend:
- SQLite: an FTS5 table ``records_fts`` holding the folded and stemmed words of the title
  and text (see ``textfold``), written in the same transaction as the record.
- PostgreSQL: a generated ``tsv`` column, ``to_tsvector('french', unaccent(...))``, with a
  GIN index; ``unaccent`` is wrapped in an IMMUTABLE function because generated columns
  only accept immutable expressions.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event, exc

from .errors import ArchivageError, ConfigError
from .textfold import fold, fold_name, index_text


class StoreError(ArchivageError):
    """The database refused a write (the message says which file and why)."""


metadata = sa.MetaData()

originals_table = sa.Table(
    "originals", metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("stored_path", sa.Text, nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("pages", sa.Integer, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("added_at", sa.String(32), nullable=False),  # ISO 8601 UTC, same text on both backends
)

duplicates_table = sa.Table(
    "duplicates", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sha256", sa.String(64), nullable=False, index=True),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("added_at", sa.String(32), nullable=False),
)

failures_table = sa.Table(
    "failures", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64)),
    sa.Column("added_at", sa.String(32), nullable=False),
)

records_table = sa.Table(
    "records", metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("sha256", sa.String(64), sa.ForeignKey("originals.sha256", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("first_page", sa.Integer, nullable=False),
    sa.Column("type", sa.String(20), nullable=False, index=True),
    sa.Column("title", sa.Text),
    sa.Column("date", sa.String(10)),  # as in the record: "2019-02-26", "2019-02", "2019" or NULL
    # First and last day the date covers, so "2019" overlaps a search from March to June 2019.
    sa.Column("date_start", sa.String(10), index=True),
    sa.Column("date_end", sa.String(10), index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("data", sa.Text, nullable=False),  # the full record as JSON text, key order kept
)

people_table = sa.Table(
    "people", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("record_id", sa.String(80), sa.ForeignKey("records.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("role", sa.String(10), nullable=False),  # signatory | addressee
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("name_folded", sa.Text, nullable=False),
    sa.Column("function", sa.Text),
    sa.CheckConstraint("role IN ('signatory', 'addressee')", name="people_role"),
)

entities_table = sa.Table(
    "entities", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("record_id", sa.String(80), sa.ForeignKey("records.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("label", sa.String(20), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("folded", sa.Text, nullable=False),
)

figures_table = sa.Table(
    "figures", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("record_id", sa.String(80), sa.ForeignKey("records.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("unit", sa.String(20)),
    sa.Column("subject", sa.Text),
)

SQLITE_FTS = ("CREATE VIRTUAL TABLE IF NOT EXISTS records_fts USING fts5("
              "record_id UNINDEXED, title, body, tokenize='unicode61')")

# unaccent() is only STABLE (it reads a dictionary); the two-argument form with the dictionary
# named is safe to declare IMMUTABLE, which a generated column requires. {schema} is where the
# extension lives, so the function works whatever the search_path.
POSTGRES_SEARCH = [
    """CREATE OR REPLACE FUNCTION archivage_unaccent(text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, $1) $$""",
    """ALTER TABLE records ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS (
         setweight(to_tsvector('french', archivage_unaccent(coalesce(title, ''))), 'A') ||
         setweight(to_tsvector('french', archivage_unaccent(text)), 'B')) STORED""",
    "CREATE INDEX IF NOT EXISTS records_tsv ON records USING gin (tsv)",
]


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_range(value: str | None) -> tuple[str | None, str | None]:
    """First and last day a (possibly partial) ISO date covers: "2019-02" -> 2019-02-01, 2019-02-28."""
    m = _DATE.match(value or "")
    if not m:
        return None, None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        try:
            date.fromisoformat(value)
        except ValueError:  # "2019-02-30": no such day
            return None, None
        return value, value
    if month:
        if not 1 <= int(month) <= 12:
            return None, None
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


def _pages(record: dict) -> str:
    pages = (record.get("source") or {}).get("pages") or []
    return ", ".join(map(str, pages)) or "?"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


class Store:
    """A database of originals and records; the one place that writes to it."""

    def __init__(self, url: str):
        self.url = url
        self.engine = _engine(url)
        self.backend = self.engine.dialect.name
        self._create_schema()

    # -- setup -----------------------------------------------------------------------------

    def _create_schema(self) -> None:
        where = self.engine.url.render_as_string(hide_password=True)
        try:
            # A write transaction (IMMEDIATE on SQLite): the watcher and a CLI command may both
            # be creating the schema of a new database at the same moment.
            with self._write() as conn:
                metadata.create_all(conn)
                if self.backend == "sqlite":
                    conn.exec_driver_sql(SQLITE_FTS)
                elif self.backend == "postgresql":
                    schema = _unaccent_schema(conn)
                    for statement in POSTGRES_SEARCH:
                        conn.exec_driver_sql(statement.format(schema=schema))
        except exc.OperationalError as e:
            raise ConfigError(f"Cannot open the database {where}: {_reason(e)}.") from None
        except exc.ProgrammingError as e:
            if "unaccent" in str(e):
                raise ConfigError(
                    f"The PostgreSQL database {where} lacks the unaccent extension; "
                    "run CREATE EXTENSION unaccent in it as a superuser.") from None
            raise ConfigError(f"Cannot set up the database {where}: {_reason(e)}.") from None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # -- writes ----------------------------------------------------------------------------

    def has_original(self, sha256: str) -> bool:
        with self.engine.connect() as conn:
            query = sa.select(originals_table.c.sha256).where(originals_table.c.sha256 == sha256)
            return conn.execute(query).first() is not None

    def save_original(self, *, sha256: str, file: str, stored_path: str, size: int, pages: int,
                      records: list[dict], status: str = "done") -> list[str]:
        """Store an original with its records in one transaction, and return the problems met.

        The intake removes the file from the inbox only after this returns. Saving the same
        sha256 again replaces that original's records (re-processing after an upgrade).

        Each record goes in under a savepoint: a record the database refuses is replaced by what
        is certain of it (its pages and text, marked for review, see ``records.fallback_record``),
        and if even that is refused the failure is recorded; the other documents of the file are
        stored either way. One sentence per such problem is returned (empty when all went in).
        """
        from .records import fallback_record

        row = {"sha256": sha256, "file": file, "stored_path": str(stored_path), "size": size,
               "pages": pages, "status": status}
        problems: list[str] = []
        try:
            with self._write() as conn:
                self._delete_records(conn, sha256)
                updated = conn.execute(originals_table.update()
                                       .where(originals_table.c.sha256 == sha256).values(**row))
                if updated.rowcount == 0:
                    conn.execute(originals_table.insert().values(**row, added_at=_now()))
                for record in records:
                    error = self._insert_isolated(conn, sha256, record)
                    if error is None:
                        continue
                    where = f"the document of {file} on pages {_pages(record)}"
                    reason = f"The database refused {where} ({error})"
                    if self._insert_isolated(conn, sha256, fallback_record(record, reason)) is None:
                        problems.append(f"{reason}; its text and pages were kept, marked for review.")
                    else:
                        problems.append(f"{reason}; it was not stored.")
                        conn.execute(failures_table.insert().values(file=file, reason=reason + ".",
                                                                    sha256=sha256, added_at=_now()))
        except (exc.IntegrityError, exc.DataError) as e:
            raise StoreError(f"Could not save the records of {file}: {_reason(e)}.") from e
        return problems

    def _insert_isolated(self, conn: sa.Connection, sha256: str, record: dict) -> str | None:
        """Insert one record under a savepoint; the database's reason if it refused it, else None."""
        try:
            with conn.begin_nested():
                self._insert_record(conn, sha256, record)
        except (exc.IntegrityError, exc.DataError, KeyError, TypeError, ValueError) as e:
            return _reason(e)
        return None

    def record_duplicate(self, *, sha256: str, file: str) -> None:
        with self._write() as conn:
            conn.execute(duplicates_table.insert().values(sha256=sha256, file=file, added_at=_now()))

    def record_failure(self, *, file: str, reason: str, sha256: str | None = None) -> None:
        with self._write() as conn:
            conn.execute(failures_table.insert().values(file=file, reason=reason, sha256=sha256,
                                                  added_at=_now()))

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """A transaction that takes the write lock at once on SQLite (see ``_engine``)."""
        with self.engine.connect() as conn:
            conn.execution_options(archivage_write=True)
            with conn.begin():
                yield conn

    def _delete_records(self, conn: sa.Connection, sha256: str) -> None:
        ids = sa.select(records_table.c.id).where(records_table.c.sha256 == sha256).scalar_subquery()
        if self.backend == "sqlite":
            conn.exec_driver_sql(
                "DELETE FROM records_fts WHERE record_id IN (SELECT id FROM records WHERE sha256 = ?)",
                (sha256,))
        # Explicit deletes rather than ON DELETE CASCADE: a SQLite connection opened by another
        # tool may have foreign keys off, and this must still leave no orphans.
        for side in (people_table, entities_table, figures_table):
            conn.execute(side.delete().where(side.c.record_id.in_(ids)))
        conn.execute(records_table.delete().where(records_table.c.sha256 == sha256))

    def _insert_record(self, conn: sa.Connection, sha256: str, record: dict) -> None:
        source = record["source"]
        start, end = date_range(record.get("date"))
        rid = record["id"]
        conn.execute(records_table.insert().values(
            id=rid, sha256=sha256, file=source["file"],
            first_page=(source.get("pages") or [1])[0],
            type=record["type"], title=record.get("title"), date=record.get("date"),
            date_start=start, date_end=end, text=record.get("text") or "", data=_dumps(record)))
        people_rows = [
            {"record_id": rid, "role": role, "name": p["name"], "name_folded": fold_name(p["name"]),
             "function": p.get("function")}
            for role, key in (("signatory", "signatories"), ("addressee", "addressees"))
            for p in record.get(key) or [] if p.get("name")
        ]
        entity_rows = [
            {"record_id": rid, "label": e["label"], "text": e["text"], "folded": fold_name(e["text"])}
            for e in record.get("entities") or []
        ]
        figure_rows = [
            {"record_id": rid, "kind": f["kind"], "value": f["value"], "unit": f.get("unit"),
             "subject": f.get("subject")}
            for f in record.get("figures") or [] if f.get("value") is not None
        ]
        for table, rows in ((people_table, people_rows), (entities_table, entity_rows),
                            (figures_table, figure_rows)):
            if rows:
                conn.execute(table.insert(), rows)
        if self.backend == "sqlite":
            conn.exec_driver_sql("INSERT INTO records_fts (record_id, title, body) VALUES (?, ?, ?)",
                                 (rid, index_text(record.get("title")), index_text(record.get("text"))))

    # -- reads -----------------------------------------------------------------------------

    def get(self, record_id: str) -> dict | None:
        with self.engine.connect() as conn:
            query = sa.select(records_table.c.data).where(records_table.c.id == record_id)
            data = conn.execute(query).scalar()
        return json.loads(data) if data else None

    def get_many(self, record_ids: list[str]) -> dict[str, dict]:
        if not record_ids:
            return {}
        with self.engine.connect() as conn:
            r = records_table.c
            query = sa.select(r.id, r.data).where(r.id.in_(record_ids))
            rows = conn.execute(query)
            return {rid: json.loads(data) for rid, data in rows}

    def records(self) -> Iterator[dict]:
        """Every record, ordered by source file then first page (stable between runs)."""
        r = records_table.c
        query = sa.select(r.data).order_by(r.file, r.first_page, r.id)
        with self.engine.connect() as conn:
            for (data,) in conn.execution_options(yield_per=200).execute(query):
                yield json.loads(data)

    def originals(self) -> list[dict]:
        with self.engine.connect() as conn:
            dups: dict[str, list[str]] = {}
            for sha, name in conn.execute(sa.select(duplicates_table.c.sha256, duplicates_table.c.file)
                                          .order_by(duplicates_table.c.id)):
                dups.setdefault(sha, []).append(name)
            o = originals_table.c
            query = sa.select(o.sha256, o.file, o.stored_path, o.size, o.pages, o.status, o.added_at)
            rows = conn.execute(query.order_by(o.added_at, o.file)).mappings()
            return [{**row, "duplicates": dups.get(row["sha256"], [])} for row in rows]

    def failures(self) -> list[dict]:
        with self.engine.connect() as conn:
            f = failures_table.c
            query = sa.select(f.file, f.reason, f.sha256, f.added_at).order_by(f.id)
            return [dict(row) for row in conn.execute(query).mappings()]

    def stats(self) -> dict:
        count = sa.func.count()
        with self.engine.connect() as conn:
            by_type = dict(conn.execute(sa.select(records_table.c.type, count).group_by(records_table.c.type)
                                        .order_by(records_table.c.type)).all())
            return {
                "backend": self.backend,
                "originals": conn.execute(sa.select(count).select_from(originals_table)).scalar(),
                "pages": conn.execute(sa.select(sa.func.coalesce(sa.func.sum(originals_table.c.pages), 0)))
                .scalar(),
                "records": sum(by_type.values()),
                "by_type": by_type,
                "duplicates": conn.execute(sa.select(count).select_from(duplicates_table)).scalar(),
                "failures": conn.execute(sa.select(count).select_from(failures_table)).scalar(),
            }


def _unaccent_schema(conn: sa.Connection) -> str:
    """Install unaccent if it is not there yet (a trusted extension since PostgreSQL 13)."""
    find = "SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension WHERE extname = 'unaccent'"
    schema = conn.exec_driver_sql(find).scalar()
    if schema is None:
        conn.exec_driver_sql("CREATE EXTENSION unaccent")
        schema = conn.exec_driver_sql(find).scalar()
    return schema


def _engine(url: str) -> sa.Engine:
    try:
        parsed = sa.make_url(url)
    except exc.ArgumentError:
        raise ConfigError(f"The database URL {url!r} is not valid; expected e.g. "
                          "sqlite:///path/archivage.db or postgresql+psycopg://user@host/db.") from None
    shown = parsed.render_as_string(hide_password=True)
    unsupported = ConfigError(f"The database URL {shown!r} names an unsupported database; "
                              "use sqlite:///path/archivage.db or postgresql+psycopg://user@host/db.")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise unsupported
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed)
        return sa.create_engine(parsed, pool_pre_ping=True)
    except (exc.NoSuchModuleError, ModuleNotFoundError):
        raise unsupported from None
    except OSError as e:
        raise ConfigError(f"Cannot create the folder of the database {shown}: {e.strerror}.") from None


def _sqlite_engine(url: sa.URL) -> sa.Engine:
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
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=30000"):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        # A write transaction takes the lock up front (IMMEDIATE), so it waits politely for
        # another writer instead of failing half-way with "database is locked".
        immediate = conn.get_execution_options().get("archivage_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _reason(error: Exception) -> str:
    """The driver's own message, first line, without SQLAlchemy's SQL dump and links."""
    inner = getattr(error, "orig", None) or error
    text = str(inner).strip().splitlines()[0] if str(inner).strip() else type(inner).__name__
    return text.rstrip(".")


__all__ = ["Store", "StoreError", "date_range", "fold"]
