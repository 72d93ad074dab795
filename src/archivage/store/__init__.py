"""The database: originals, their records, and the search index (SQLite FTS5 or PostgreSQL).

One schema (``store/tables.py``, reached through ``store/migrations.py``) serves both backends.
Each record is kept whole as JSON (what ``export`` writes back, key order included) and also
spread over narrow columns (type, dates, year, review count, figure kinds) and side tables
(distinct names and the records citing them, figures) so that every filter, sort and facet
runs in SQL without decoding the JSON.

Full text, on both backends made of the words of ``textfold.index_text`` (folded, stemmed), so
the same query finds the same records whichever database holds them:

- SQLite: a contentless FTS5 table ``records_fts`` (rowid = ``records.key``), written in the
  same transaction as the record. Contentless: the text is not stored twice; to forget a row
  the FTS5 delete command is given the same words again, computed from the stored record
  (a change to ``textfold``'s stems therefore needs a migration that rebuilds the index).
- PostgreSQL: a ``tsv`` column (title weight A, text B) with a GIN index, made with the
  ``simple`` configuration from the same words.

Writing costs the same whatever the archive's size: a new original reads nothing but its own
sha256 (no scan of the text index), and every index is a B-tree insert or an FTS5 segment.
Opening a ``Store`` only reads the schema version (no DDL, no lock); reads go through the
driver directly (see ``connect``), writes through SQLAlchemy.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cached_property

from ..errors import ArchivageError, ConfigError
from ..textfold import fold
from . import connect
from .dates import date_range
from .fields import decode_data
from .migrations import SCHEMA_VERSION, MigrationNeeded, read_version


class StoreError(ArchivageError):
    """The database refused a write (the message says which file and why)."""


def _pages(record: dict) -> str:
    pages = (record.get("source") or {}).get("pages") or []
    return ", ".join(map(str, pages)) or "?"


def _json(value) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _entry(row) -> dict:
    import json

    return {"field": row["field"], "before": json.loads(row["before"]) if row["before"] else None,
            "after": json.loads(row["after"]) if row["after"] else None, "by": row["by"], "at": row["at"]}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """A database of originals and records; the one place that writes to it.

    Opening reads the schema version and nothing else. Commands that write call
    :meth:`migrate` first; a new, empty database gets its schema on the first write.
    """

    def __init__(self, url: str):
        self.url = url
        self.backend, self._target = connect.parse(url)
        self.where = connect.hide_password(url)
        self._local = threading.local()
        self._names: dict[tuple[str, str], int] = {}  # (field, name) -> nid, filled after commits
        self._version = self._read_version()

    # -- connections -----------------------------------------------------------------------

    @cached_property
    def engine(self):
        """The SQLAlchemy engine (writes, migrations); created on first use."""
        return connect.engine(self.url)

    def _raw(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = (connect.connect_sqlite(self._target) if self.backend == "sqlite"
                        else connect.connect_postgres(self._target))
            except Exception as e:  # sqlite3/psycopg OperationalError: bad host, password, path
                raise ConfigError(f"Cannot open the database {self.where}: {connect.reason(e)}.") from None
            self._local.conn = conn
        return conn

    @contextmanager
    def read(self) -> Iterator:
        """A DB-API cursor for reading (``?`` placeholders on SQLite, ``%s`` on PostgreSQL)."""
        cur = self._raw().cursor()
        try:
            yield cur
        finally:
            cur.close()

    @property
    def placeholder(self) -> str:
        return "?" if self.backend == "sqlite" else "%s"

    def _read_version(self) -> int | None:
        with self.read() as cur:
            return read_version(cur, self.backend)

    # -- schema ----------------------------------------------------------------------------

    def migrate(self) -> tuple[int, int]:
        """Bring the schema up to date (see ``migrations``); (version before, version after)."""
        self._version = self._read_version()
        if self._version == SCHEMA_VERSION:
            return self._version, self._version
        from sqlalchemy import exc

        from .migrations import upgrade

        try:
            with self._write() as conn:
                before, after = upgrade(conn, self.backend, _now())
        except exc.OperationalError as e:
            raise ConfigError(f"Cannot open the database {self.where}: {connect.reason(e)}.") from None
        except exc.ProgrammingError as e:
            raise ConfigError(f"Cannot set up the database {self.where}: {connect.reason(e)}.") from None
        self._version = after
        self._names.clear()
        return before, after

    @property
    def version(self) -> int | None:
        return self._version

    @property
    def empty(self) -> bool:
        """No schema yet: a database nothing was ever written to (asked again each time until it has one)."""
        if self._version is None:
            self._version = self._read_version()
        return self._version is None

    @property
    def needs_migration(self) -> bool:
        return self._version is not None and self._version < SCHEMA_VERSION

    def check(self) -> None:
        """For readers: ``MigrationNeeded`` (one sentence saying what to run) unless the schema is current."""
        if self._version is None or self._version == SCHEMA_VERSION:
            return
        self._version = self._read_version()  # another process may have migrated it since
        if self._version is None or self._version == SCHEMA_VERSION:
            return
        if self._version > SCHEMA_VERSION:
            raise MigrationNeeded(f"The archive {self.where} was made by a newer archivage (schema "
                                  f"{self._version}); upgrade archivage to read it.")
        raise MigrationNeeded(f"The archive {self.where} was made by an older archivage; run "
                              "`archivage migrate` to upgrade it (nothing is lost).")

    def _writable(self) -> None:
        if self._version is None:  # a new archive: create its schema
            self.migrate()
        else:
            self.check()

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
        if "engine" in self.__dict__:
            self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # -- writes ----------------------------------------------------------------------------

    def has_original(self, sha256: str) -> bool:
        if self.empty:
            return False
        with self.read() as cur:
            cur.execute(f"SELECT 1 FROM originals WHERE sha256 = {self.placeholder}", (sha256,))
            return cur.fetchone() is not None

    def save_original(self, *, sha256: str, file: str, stored_path: str, size: int, pages: int,
                      records: list[dict], status: str = "done", claim=None) -> list[str]:
        """Store an original with its records in one transaction, and return the problems met.

        The intake removes the file from the inbox only after this returns. Saving the same
        sha256 again replaces that original's records (re-processing after an upgrade).

        Each record goes in under a savepoint: a record the database refuses is replaced by what
        is certain of it (its pages and text, marked for review, see ``records.fallback_record``),
        and if even that is refused the failure is recorded; the other documents of the file are
        stored either way. One sentence per such problem is returned (empty when all went in).

        ``claim`` (an inbox claim, see ``archivage.claims``) is marked committed in the same
        transaction, or the transaction is rolled back with ``ClaimLost`` if another worker has it.
        """
        from sqlalchemy import exc

        from ..records import fallback_record
        from .tables import failures_table, originals_table
        from .write import NameCache, delete_records

        self._writable()
        row = {"sha256": sha256, "file": file, "stored_path": str(stored_path), "size": size,
               "pages": pages, "status": status}
        new_names: dict[tuple[str, str], int] = {}
        problems: list[str] = []
        try:
            with self._write() as conn:
                delete_records(conn, self.backend, sha256)
                updated = conn.execute(originals_table.update()
                                       .where(originals_table.c.sha256 == sha256).values(**row))
                if updated.rowcount == 0:
                    conn.execute(originals_table.insert().values(**row, added_at=_now()))
                names = NameCache(self._names, new_names)
                records = self._corrected(conn, sha256, records)
                for record in records:
                    error = self._insert_isolated(conn, sha256, record, names)
                    if error is None:
                        continue
                    where = f"the document of {file} on pages {_pages(record)}"
                    reason = f"The database refused {where} ({error})"
                    if self._insert_isolated(conn, sha256, fallback_record(record, reason), names) is None:
                        problems.append(f"{reason}; its text and pages were kept, marked for review.")
                    else:
                        problems.append(f"{reason}; it was not stored.")
                        conn.execute(failures_table.insert().values(file=file, reason=reason + ".",
                                                                    sha256=sha256, added_at=_now()))
                if claim is not None:
                    claim.commit_in(conn, sha256)
        except (exc.IntegrityError, exc.DataError) as e:
            raise StoreError(f"Could not save the records of {file}: {connect.reason(e)}.") from e
        self._names.update(new_names)  # only names whose rows are committed
        return problems

    def _insert_isolated(self, conn, sha256: str, record: dict, names) -> str | None:
        """Insert one record under a savepoint; the database's reason if it refused it, else None."""
        from sqlalchemy import exc

        from .write import insert_record

        known = dict(names.new)
        try:
            with conn.begin_nested():
                insert_record(conn, self.backend, sha256, record, names)
        except (exc.IntegrityError, exc.DataError, KeyError, TypeError, ValueError, AttributeError) as e:
            names.new.clear()  # names added under the savepoint went with it
            names.new.update(known)
            return connect.reason(e)
        return None

    def _corrected(self, conn, sha256: str, records: list[dict]) -> list[dict]:
        """The records of a file stored anew, with the corrections people made to its earlier records."""
        from ..corrections import reapply
        from .tables import corrections_table

        c = corrections_table.c
        rows = conn.execute(corrections_table.select().where(c.sha256 == sha256).order_by(c.id)).mappings().all()
        if not rows:
            return records
        history: dict[str, list[dict]] = {}
        for row in rows:
            history.setdefault(row["record_id"], []).append(_entry(row))
        return [reapply(r, history[r["id"]]) if r["id"] in history else r for r in records]

    def correct(self, record_id: str, field: str, value, *, by: str) -> dict:
        """Set a field of a record to a person's value (``corrections.check`` says what is valid), keep the
        history, and return the corrected record. ``field="review"`` with the name of a field as ``value``
        clears the record's doubts on that field (the person checked it and found it right)."""
        from ..corrections import CorrectionError, apply, clear_doubt
        from .tables import corrections_table
        from .write import _sql

        self._writable()
        at = _now()
        with self._write() as conn:
            row = conn.exec_driver_sql(_sql(self.backend, "SELECT key, sha256, data FROM records WHERE id = ?"),
                                       (record_id,)).first()
            if row is None:
                raise CorrectionError(f"No record has the id {record_id!r}.")
            key, sha, data = row
            record = decode_data(data)
            if field == "review":
                fixed = clear_doubt(record, str(value), by=by, at=at)
            else:
                fixed = apply(record, field, value, by=by, at=at)
            entry = fixed["corrections"][-1]
            self._replace(conn, key, sha, fixed)
            conn.execute(corrections_table.insert().values(
                record_id=record_id, sha256=sha, field=entry["field"], before=_json(entry["before"]),
                after=_json(entry["after"]), by=by, at=at))
        return fixed

    def _replace(self, conn, key: int, sha256: str, record: dict) -> None:
        """Write a record again in place of its row ``key`` (same id; its indexes rebuilt)."""
        from .write import NameCache, delete_record, insert_record

        delete_record(conn, self.backend, key)
        new_names: dict[tuple[str, str], int] = {}
        insert_record(conn, self.backend, sha256, record, NameCache(self._names, new_names))
        self._names.update(new_names)

    def corrections(self, record_id: str) -> list[dict]:
        """A record's history of corrections, oldest first: field, before, after, by, at."""
        if self.empty:
            return []
        self.check()
        rows = self._rows("SELECT field, before, after, by, at FROM corrections WHERE record_id = ? ORDER BY id",
                          (record_id,))
        return [_entry(dict(zip(("field", "before", "after", "by", "at"), row, strict=True))) for row in rows]

    def cut(self, sha256: str) -> dict:
        """How people fixed the cut of a file into documents (``recut``): {"splits": [...], "joins": [...]}."""
        import json

        if self.empty:
            return {"splits": [], "joins": []}
        self.check()
        rows = self._rows("SELECT edits FROM cuts WHERE sha256 = ?", (sha256,))
        return json.loads(rows[0][0]) if rows else {"splits": [], "joins": []}

    def recut(self, sha256: str, edits: dict, records: list[dict], *, by: str) -> list[str]:
        """Keep a file's new cut and store its records made again (corrections re-applied by record id)."""
        from .tables import cuts_table

        self._writable()
        [(file, stored_path, size, pages)] = self._rows(
            "SELECT file, stored_path, size, pages FROM originals WHERE sha256 = ?", (sha256,))
        with self._write() as conn:
            conn.execute(cuts_table.delete().where(cuts_table.c.sha256 == sha256))
            conn.execute(cuts_table.insert().values(sha256=sha256, edits=_json(edits), by=by, at=_now()))
        return self.save_original(sha256=sha256, file=file, stored_path=stored_path, size=size, pages=pages,
                                  records=records)

    def record_duplicate(self, *, sha256: str, file: str, claim=None) -> None:
        from .tables import duplicates_table

        self._writable()
        with self._write() as conn:
            conn.execute(duplicates_table.insert().values(sha256=sha256, file=file, added_at=_now()))
            if claim is not None:
                claim.commit_in(conn, sha256)

    def record_failure(self, *, file: str, reason: str, sha256: str | None = None) -> None:
        from .tables import failures_table

        self._writable()
        with self._write() as conn:
            conn.execute(failures_table.insert().values(file=file, reason=reason, sha256=sha256,
                                                        added_at=_now()))

    @contextmanager
    def _write(self) -> Iterator:
        """A SQLAlchemy transaction that takes the write lock at once on SQLite (see ``connect``)."""
        with self.engine.connect() as conn:
            conn.execution_options(archivage_write=True)
            with conn.begin():
                yield conn

    # -- reads -----------------------------------------------------------------------------

    def _rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self.read() as cur:
            cur.execute(sql.replace("?", self.placeholder), params)
            return cur.fetchall()

    def get(self, record_id: str) -> dict | None:
        if self.empty:
            return None
        self.check()
        rows = self._rows("SELECT data FROM records WHERE id = ?", (record_id,))
        return decode_data(rows[0][0]) if rows else None

    def get_many(self, record_ids: list[str]) -> dict[str, dict]:
        if not record_ids or self.empty:
            return {}
        self.check()
        marks = ", ".join("?" * len(record_ids))
        rows = self._rows(f"SELECT id, data FROM records WHERE id IN ({marks})", tuple(record_ids))
        return {rid: decode_data(data) for rid, data in rows}

    def records(self) -> Iterator[dict]:
        """Every record, ordered by source file then first page (stable between runs)."""
        if self.empty:
            return
        self.check()
        import sqlalchemy as sa

        from .tables import records_table

        r = records_table.c
        query = sa.select(r.data).order_by(r.file, r.first_page, r.id)
        with self.engine.connect() as conn:
            for (data,) in conn.execution_options(yield_per=200).execute(query):
                yield decode_data(data)

    def originals(self) -> list[dict]:
        if self.empty:
            return []
        self.check()
        dups: dict[str, list[str]] = {}
        for sha, name in self._rows("SELECT sha256, file FROM duplicates ORDER BY id"):
            dups.setdefault(sha, []).append(name)
        keys = ("sha256", "file", "stored_path", "size", "pages", "status", "added_at")
        rows = self._rows(f"SELECT {', '.join(keys)} FROM originals ORDER BY added_at, file")
        return [{**dict(zip(keys, row, strict=True)), "duplicates": dups.get(row[0], [])} for row in rows]

    def failures(self) -> list[dict]:
        if self.empty:
            return []
        self.check()
        keys = ("file", "reason", "sha256", "added_at")
        return [dict(zip(keys, row, strict=True))
                for row in self._rows(f"SELECT {', '.join(keys)} FROM failures ORDER BY id")]

    def stats(self) -> dict:
        """Counts for ``archivage status``; ``to_review``: records whose review list is not empty."""
        stats = {"backend": self.backend, "schema": self._version, "originals": 0, "pages": 0, "records": 0,
                 "by_type": {}, "to_review": 0, "duplicates": 0, "failures": 0}
        if self.empty:
            return stats
        self.check()
        by_type = dict(self._rows("SELECT type, count(*) FROM records GROUP BY type ORDER BY type"))
        [(originals, pages)] = self._rows("SELECT count(*), coalesce(sum(pages), 0) FROM originals")
        one = lambda sql: self._rows(sql)[0][0]  # noqa: E731
        stats.update(originals=originals, pages=int(pages), records=sum(by_type.values()), by_type=by_type,
                     to_review=one("SELECT count(*) FROM records WHERE review > 0"),
                     duplicates=one("SELECT count(*) FROM duplicates"),
                     failures=one("SELECT count(*) FROM failures"))
        return stats

    def has_records(self) -> bool:
        if self.empty:
            return False
        self.check()
        return bool(self._rows("SELECT 1 FROM records LIMIT 1"))


__all__ = ["MigrationNeeded", "Store", "StoreError", "date_range", "fold"]
