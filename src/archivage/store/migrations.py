"""The database schema, as a numbered list of migrations.

An archive records the number of the last migration applied in ``schema_version``. Opening a
``Store`` only reads that number: it never changes the schema, so opening never waits for (or
makes others wait behind) a lock. The schema changes only when a command that writes runs
:func:`migrate` at start (``ingest``, ``watch``, ``serve``) or when the user runs
``archivage migrate``. A read command on an archive that needs migrating says what to run.

Archives made before versioning have no ``schema_version`` table; they count as version 0 and
migration 1 rebuilds them in place, keeping every record byte for byte.

To change the schema (a new table of corrections, users, inbox claims…):

1. define the new ``sa.Table`` in ``store/tables.py`` (what the code queries), or add the new
   column to its table there;
2. write ``def _v2(conn, backend): …`` that brings an archive at version 1 to version 2 —
   ``some_table.create(conn)``, or ``conn.exec_driver_sql("ALTER TABLE …")`` — using only
   statements that work on both SQLite and PostgreSQL, or branching on ``backend``;
3. add it to ``MIGRATIONS`` under its number. ``SCHEMA_VERSION`` follows. A new archive runs every
   migration in order, so a migration must not rely on ``metadata.create_all``;
4. add a case to ``tests/test_migrate.py`` (an archive at the previous version upgrades and
   keeps its data).

Each migration runs in the transaction of :func:`migrate` (one writer at a time: IMMEDIATE on
SQLite, an advisory lock on PostgreSQL), and on both backends DDL is transactional: a failed
migration leaves the archive as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from ..errors import ArchivageError

V0_TABLES = ("records", "people", "entities", "figures")


class MigrationNeeded(ArchivageError):  # noqa: N818 - a message to the user, not a bug
    """A read command met an archive whose schema is older (or newer) than this code's."""


def _v1(conn, backend: str) -> None:
    """Scale: integer keys, names and figures as side tables, contentless FTS5, stems on PostgreSQL.

    An archive of version 0 keeps its originals, duplicates and failures tables; its records
    are read back from their JSON and stored again, byte for byte.
    """
    from .tables import (
        POSTGRES_FTS,
        SQLITE_FTS,
        duplicates_table,
        failures_table,
        figures_table,
        names_table,
        originals_table,
        record_names_table,
        records_table,
    )
    from .write import NameCache, insert_record

    old = tables(conn.connection.driver_connection.cursor(), backend)
    moved = {}
    if "records" in old:
        for name in V0_TABLES:
            if name in old:
                conn.exec_driver_sql(f"ALTER TABLE {name} RENAME TO {name}_v0")
                moved[name] = f"{name}_v0"
        if backend == "postgresql":
            # v0's indexes keep their names on the renamed tables; v1 reuses some of them.
            for (index,) in conn.exec_driver_sql(
                    "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
                    "AND tablename = ANY(%(t)s)",
                    {"t": list(moved.values())}).all():
                conn.exec_driver_sql(f'ALTER INDEX "{index}" RENAME TO "{index}_v0"')
        else:
            for (index,) in conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                    "AND tbl_name IN ('records_v0', 'people_v0', 'entities_v0', 'figures_v0')").all():
                conn.exec_driver_sql(f'DROP INDEX "{index}"')
    for table in (originals_table, duplicates_table, failures_table):
        if table.name not in old:
            table.create(conn)
    for table in (records_table, names_table, record_names_table, figures_table):
        table.create(conn)
    if backend == "sqlite":
        if "records_fts" in old:
            conn.exec_driver_sql("DROP TABLE records_fts")
        for statement in SQLITE_FTS:
            conn.exec_driver_sql(statement)
    else:
        for statement in POSTGRES_FTS:
            conn.exec_driver_sql(statement)
    if "records_v0" in moved.values():
        names = NameCache({}, {})
        rows = conn.exec_driver_sql("SELECT sha256, data FROM records_v0 ORDER BY sha256, first_page, id")
        for sha, data in rows.all():
            insert_record(conn, backend, sha, json.loads(data), names, data=data)
        for table in reversed(list(moved.values())):  # the side tables first: no cascade to run
            conn.exec_driver_sql(f"DROP TABLE {table}")
        if backend == "postgresql":
            conn.exec_driver_sql("DROP FUNCTION IF EXISTS archivage_unaccent(text)")


def _v2(conn, backend: str) -> None:
    """People's corrections of records, kept apart from what the pipeline extracts."""
    from .tables import corrections_table

    corrections_table.create(conn)


def _v3(conn, backend: str) -> None:
    """Top-k search: a narrow copy of the columns filters, ties and facets read, in key order.

    A search probes ``records`` once per candidate (a text match to filter, a hit to sort, a
    sampled match to count by type and year). The table's rows carry the record's JSON, so each
    probe lands on a page of its own; this index packs a hundred records a page. SQLite only:
    PostgreSQL keeps the JSON and the tsvector out of line (TOAST), its rows are narrow already.
    """
    from .tables import NARROW_INDEX

    if backend == "sqlite":
        conn.exec_driver_sql(NARROW_INDEX)


def _v4(conn, backend: str) -> None:
    """The web interface's accounts, sessions and API tokens, and the cuts people fixed."""
    from .tables import api_tokens_table, cuts_table, sessions_table, users_table

    for table in (users_table, sessions_table, api_tokens_table, cuts_table):
        table.create(conn)


def _v5(conn, backend: str) -> None:
    """Inbox claims: which machine works on which inbox file, until when (see ``archivage.claims``)."""
    from .tables import inbox_claims_table

    inbox_claims_table.create(conn)


# Keyed by number: parallel branches each took a number (top-k search 3, web 4, inbox claims 5); an
# archive gets every migration whose number it has not recorded, in order.
MIGRATIONS: dict[int, Callable] = {1: _v1, 2: _v2, 3: _v3, 4: _v4, 5: _v5}
SCHEMA_VERSION = max(MIGRATIONS)


def tables(cur, backend: str) -> set[str]:
    """Names of the archive's tables (DB-API cursor: no SQLAlchemy needed to read them)."""
    if backend == "sqlite":
        cur.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    else:
        cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    return {row[0] for row in cur.fetchall()}


def read_version(cur, backend: str) -> int | None:
    """The archive's schema version: None for an empty database, 0 for one made before versions."""
    found = tables(cur, backend)
    if "schema_version" in found:
        cur.execute("SELECT max(version) FROM schema_version")
        return cur.fetchone()[0] or 0
    return 0 if "records" in found or "originals" in found else None


def upgrade(conn, backend: str, now: str) -> tuple[int, int]:
    """Apply the missing migrations inside the caller's SQLAlchemy write transaction."""
    from .tables import schema_version_table

    if backend == "postgresql":
        # One migrating process at a time; the others wait here, then find nothing to do.
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242008)")
    found = read_version(conn.connection.driver_connection.cursor(), backend)
    start = found or 0
    if start > SCHEMA_VERSION:
        raise MigrationNeeded(f"This archive was made by a newer archivage (schema {start}, this one "
                              f"knows {SCHEMA_VERSION}); upgrade archivage before using it.")
    if start == SCHEMA_VERSION:
        return start, start
    if not found:
        schema_version_table.create(conn, checkfirst=True)
        applied: set[int] = set()
    else:
        applied = {v for (v,) in conn.exec_driver_sql("SELECT version FROM schema_version").all()}
    for number in sorted(MIGRATIONS):
        if number not in applied:
            MIGRATIONS[number](conn, backend)
            conn.execute(schema_version_table.insert().values(version=number, migrated_at=now))
    return start, SCHEMA_VERSION
