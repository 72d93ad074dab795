"""Schema versions: an archive made by older code upgrades in place and loses nothing.

``build_v0`` makes an archive exactly as the code before versioned migrations did (its tables,
declared as it declared them, and its rows, written as it wrote them), on both backends.
"""

from __future__ import annotations

import json
import threading

import pytest
import sqlalchemy as sa

from archivage.cli import main
from archivage.search import find, search
from archivage.store import MigrationNeeded, Store
from archivage.store.migrations import SCHEMA_VERSION
from archivage.textfold import fold_name, index_text


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, fresh_database, tmp_path):
    return fresh_database(request.param, tmp_path)


def v0_metadata() -> sa.MetaData:
    """The schema of archives made before versioning (archivage up to a936bf6)."""
    m = sa.MetaData()
    sa.Table("originals", m, sa.Column("sha256", sa.String(64), primary_key=True),
             sa.Column("file", sa.Text, nullable=False), sa.Column("stored_path", sa.Text, nullable=False),
             sa.Column("size", sa.BigInteger, nullable=False), sa.Column("pages", sa.Integer, nullable=False),
             sa.Column("status", sa.String(20), nullable=False), sa.Column("added_at", sa.String(32), nullable=False))
    sa.Table("duplicates", m, sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
             sa.Column("sha256", sa.String(64), nullable=False, index=True),
             sa.Column("file", sa.Text, nullable=False), sa.Column("added_at", sa.String(32), nullable=False))
    sa.Table("failures", m, sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
             sa.Column("file", sa.Text, nullable=False), sa.Column("reason", sa.Text, nullable=False),
             sa.Column("sha256", sa.String(64)), sa.Column("added_at", sa.String(32), nullable=False))
    sa.Table("records", m, sa.Column("id", sa.String(80), primary_key=True),
             sa.Column("sha256", sa.String(64), sa.ForeignKey("originals.sha256", ondelete="CASCADE"),
                       nullable=False, index=True),
             sa.Column("file", sa.Text, nullable=False), sa.Column("first_page", sa.Integer, nullable=False),
             sa.Column("type", sa.String(20), nullable=False, index=True), sa.Column("title", sa.Text),
             sa.Column("date", sa.String(10)), sa.Column("date_start", sa.String(10), index=True),
             sa.Column("date_end", sa.String(10), index=True), sa.Column("text", sa.Text, nullable=False),
             sa.Column("data", sa.Text, nullable=False))
    sa.Table("people", m, sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
             sa.Column("record_id", sa.String(80), sa.ForeignKey("records.id", ondelete="CASCADE"),
                       nullable=False, index=True),
             sa.Column("role", sa.String(10), nullable=False), sa.Column("name", sa.Text, nullable=False),
             sa.Column("name_folded", sa.Text, nullable=False), sa.Column("function", sa.Text),
             sa.CheckConstraint("role IN ('signatory', 'addressee')", name="people_role"))
    sa.Table("entities", m, sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
             sa.Column("record_id", sa.String(80), sa.ForeignKey("records.id", ondelete="CASCADE"),
                       nullable=False, index=True),
             sa.Column("label", sa.String(20), nullable=False), sa.Column("text", sa.Text, nullable=False),
             sa.Column("folded", sa.Text, nullable=False))
    sa.Table("figures", m, sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
             sa.Column("record_id", sa.String(80), sa.ForeignKey("records.id", ondelete="CASCADE"),
                       nullable=False, index=True),
             sa.Column("kind", sa.String(20), nullable=False), sa.Column("value", sa.Float, nullable=False),
             sa.Column("unit", sa.String(20)), sa.Column("subject", sa.Text))
    return m


V0_POSTGRES = [
    """CREATE OR REPLACE FUNCTION archivage_unaccent(text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, $1) $$""",
    """ALTER TABLE records ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS (
         setweight(to_tsvector('french', archivage_unaccent(coalesce(title, ''))), 'A') ||
         setweight(to_tsvector('french', archivage_unaccent(text)), 'B')) STORED""",
    "CREATE INDEX IF NOT EXISTS records_tsv ON records USING gin (tsv)",
]


def build_v0(url: str, records: list[dict]) -> None:
    """An archive as the code before versioning wrote it: its DDL on open, then its rows."""
    engine = sa.create_engine(url)
    m = v0_metadata()
    with engine.begin() as conn:
        m.create_all(conn)
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("CREATE VIRTUAL TABLE IF NOT EXISTS records_fts USING fts5("
                                 "record_id UNINDEXED, title, body, tokenize='unicode61')")
        else:
            schema = conn.exec_driver_sql("SELECT quote_ident(extnamespace::regnamespace::text) "
                                          "FROM pg_extension WHERE extname = 'unaccent'").scalar()
            for statement in V0_POSTGRES:
                conn.exec_driver_sql(statement.format(schema=schema))
        t = m.tables
        by_sha: dict[str, list[dict]] = {}
        for r in records:
            by_sha.setdefault(r["source"]["sha256"], []).append(r)
        for sha, recs in by_sha.items():
            conn.execute(t["originals"].insert().values(
                sha256=sha, file=recs[0]["source"]["file"], stored_path=f"/archive/{sha}.pdf", size=1000,
                pages=max(p for r in recs for p in r["source"]["pages"]), status="done",
                added_at=f"2024-01-0{len(by_sha)}T10:00:00+00:00"))
            for r in recs:
                conn.execute(t["records"].insert().values(
                    id=r["id"], sha256=sha, file=r["source"]["file"], first_page=r["source"]["pages"][0],
                    type=r["type"], title=r.get("title"), date=r.get("date"), date_start=None, date_end=None,
                    text=r.get("text") or "", data=json.dumps(r, ensure_ascii=False)))
                for role, key in (("signatory", "signatories"), ("addressee", "addressees")):
                    for p in r.get(key) or []:
                        conn.execute(t["people"].insert().values(
                            record_id=r["id"], role=role, name=p["name"], name_folded=fold_name(p["name"]),
                            function=p.get("function")))
                for e in r.get("entities") or []:
                    conn.execute(t["entities"].insert().values(record_id=r["id"], label=e["label"],
                                                               text=e["text"], folded=fold_name(e["text"])))
                for f in r.get("figures") or []:
                    conn.execute(t["figures"].insert().values(record_id=r["id"], kind=f["kind"], value=f["value"],
                                                              unit=f.get("unit"), subject=f.get("subject")))
                if engine.dialect.name == "sqlite":
                    conn.exec_driver_sql("INSERT INTO records_fts (record_id, title, body) VALUES (?, ?, ?)",
                                         (r["id"], index_text(r.get("title")), index_text(r.get("text"))))
        conn.execute(t["duplicates"].insert().values(sha256=records[0]["source"]["sha256"],
                                                     file="copie.pdf", added_at="2024-01-05T10:00:00+00:00"))
        conn.execute(t["failures"].insert().values(file="illisible.pdf", reason="The PDF is encrypted.",
                                                   added_at="2024-01-06T10:00:00+00:00"))
    engine.dispose()


def in_file_order(records: list[dict]) -> list[dict]:
    return sorted(records, key=lambda r: (r["source"]["file"], r["source"]["pages"][0], r["id"]))


def test_an_archive_of_the_previous_schema_upgrades_in_place(url, council_records):
    build_v0(url, council_records)
    store = Store(url)
    try:
        assert store.version == 0 and store.needs_migration
        # Reading says what to run, and changes nothing.
        with pytest.raises(MigrationNeeded, match="run `archivage migrate`"):
            search(store, "castaner")
        assert Store(url).version == 0
        assert store.migrate() == (0, SCHEMA_VERSION)
        assert store.migrate() == (SCHEMA_VERSION, SCHEMA_VERSION)  # a second run has nothing to do
        assert list(store.records()) == in_file_order(council_records)  # every record, byte for byte
        for r in council_records:
            assert list(store.get(r["id"])) == list(r)  # key order kept
        originals = store.originals()
        assert len(originals) == 3 and originals[0]["added_at"].startswith("2024-01-03")
        assert [o for o in originals if o["duplicates"]][0]["duplicates"] == ["copie.pdf"]
        assert store.failures()[0]["reason"] == "The PDF is encrypted."
        assert {h.id for h in search(store, "castaner")} == {council_records[0]["id"], council_records[2]["id"]}
        assert [h.id for h in search(store, signatory="hidalgo")] == [council_records[4]["id"]]
        assert find(store, date_from="2019-03", date_to="2019-06", count=True).total == 4
        # the upgraded archive is a normal one: it takes new records
        store.save_original(sha256="d4" * 32, file="nouveau.pdf", stored_path="/a/d4.pdf", size=1, pages=1,
                            records=[{**council_records[5], "id": "d4" * 8 + "-p1",
                                      "source": {"file": "nouveau.pdf", "sha256": "d4" * 32, "pages": [1]}}])
        assert len(search(store, "goutte")) == 2
    finally:
        store.close()


def test_cli_read_commands_say_to_migrate_and_migrate_does(tmp_path, council_records, capsys):
    home = tmp_path / "home"
    home.mkdir()
    build_v0(f"sqlite:///{home / 'archivage.db'}", council_records)
    for argv in (["search", "castaner"], ["show", council_records[0]["id"]], ["status"]):
        assert main(["--home", str(home), *argv]) == 1
        err = capsys.readouterr().err
        assert "run `archivage migrate`" in err and err.count("\n") == 1 and "Traceback" not in err
    assert main(["--home", str(home), "migrate"]) == 0
    assert f"from schema 0 to {SCHEMA_VERSION}" in capsys.readouterr().out
    assert main(["--home", str(home), "migrate"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert main(["--home", str(home), "search", "castaner", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_a_newer_archive_is_refused_in_one_sentence(url, council_records):
    store = Store(url)
    store.migrate()
    with store.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO schema_version (version, migrated_at) VALUES (99, 'later')")
    again = Store(url)
    try:
        with pytest.raises(MigrationNeeded, match="newer archivage"):
            search(again, "castaner")
        with pytest.raises(MigrationNeeded, match="newer archivage"):
            again.migrate()
    finally:
        store.close()
        again.close()


def test_a_new_database_gets_its_schema_on_the_first_write_only(url, council_records):
    store = Store(url)
    try:
        assert store.empty and search(store, "castaner") == [] and store.stats()["records"] == 0
        assert Store(url).empty  # reading created nothing
        record = council_records[4]
        store.save_original(sha256=record["source"]["sha256"], file="a.pdf", stored_path="/a", size=1,
                            pages=2, records=[record])
        assert store.version == SCHEMA_VERSION and store.get(record["id"]) == record
    finally:
        store.close()


def test_two_processes_migrating_at_once_both_succeed(url, council_records):
    build_v0(url, council_records)
    outcomes, errors = [], []

    def run():
        try:
            outcomes.append(Store(url).migrate())
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(outcomes) == [(0, SCHEMA_VERSION), (SCHEMA_VERSION, SCHEMA_VERSION)]
    store = Store(url)
    assert len(list(store.records())) == len(council_records)
    store.close()


def _back_to_schema_2(store) -> None:
    """Undo migrations 3 (the narrow index of top-k search), 4 (the web interface's tables) and 5 (inbox claims)."""
    with store._write() as conn:
        if store.backend == "sqlite":
            conn.exec_driver_sql("DROP INDEX records_narrow")
        for table in ("api_tokens", "sessions", "users", "cuts", "inbox_claims"):
            conn.exec_driver_sql(f"DROP TABLE {table}")
        conn.exec_driver_sql("DELETE FROM schema_version WHERE version > 2")


def test_an_archive_of_schema_2_gets_the_narrow_index_searches_probe(url, council_records, save_by_file):
    """Migration 3 adds an index and nothing else: searches read the same records through it."""
    store = Store(url)
    try:
        save_by_file(store, council_records, "/a")
        before = [(h.id, h.score) for h in search(store, "sécurité OR habitant", date_from="2019", limit=None)]
        _back_to_schema_2(store)
        old = Store(url)
        with pytest.raises(MigrationNeeded, match="run `archivage migrate`"):
            search(old, "habitant", date_from="2019")
        assert old.migrate() == (2, SCHEMA_VERSION) and old.version == SCHEMA_VERSION
        assert [(h.id, h.score) for h in search(old, "sécurité OR habitant", date_from="2019", limit=None)] == before
        assert find(old, "habitant", facets=["type"]).facets == {"type": {"compte_rendu": 1, "voeu": 1}}
        old.close()
    finally:
        store.close()


def test_an_archive_of_schema_2_gets_the_accounts_tables_and_keeps_its_corrections(url, council_records):
    from archivage import accounts

    store = Store(url)
    try:
        store.save_original(sha256=council_records[4]["source"]["sha256"], file="arrete-2020-0147.pdf",
                            stored_path="/a/b2.pdf", size=1, pages=2, records=[council_records[4]])
        store.correct(council_records[4]["id"], "date", "2020-07-04", by="claire")
        _back_to_schema_2(store)  # as an archive made before the web interface
        old = Store(url)
        assert old.version == 2 and old.needs_migration
        assert old.migrate() == (2, SCHEMA_VERSION)
        assert old.get(council_records[4]["id"])["date"] == "2020-07-04"
        assert old.corrections(council_records[4]["id"])[0]["by"] == "claire"
        accounts.add_user(old, "claire", "archiviste", "correct horse battery")
        assert accounts.authenticate(old, "claire", "correct horse battery") == "archiviste"
        old.close()
    finally:
        store.close()


def test_an_archive_lacking_a_middle_migration_gets_it(url, council_records):
    """An archive migrated by code that had migration 5 but not 4 (parallel branches) still gets 4."""
    from archivage import accounts

    store = Store(url)
    try:
        store.save_original(sha256=council_records[5]["source"]["sha256"], file="cq.pdf", stored_path="/a/c3.pdf",
                            size=1, pages=1, records=[council_records[5]])
        with store._write() as conn:
            for table in ("api_tokens", "sessions", "users", "cuts"):
                conn.exec_driver_sql(f"DROP TABLE {table}")
            conn.exec_driver_sql("DELETE FROM schema_version WHERE version = 4")
        old = Store(url)
        assert old.version == 3 and old.needs_migration
        with pytest.raises(MigrationNeeded):
            search(old, "habitants")
        assert old.migrate() == (3, SCHEMA_VERSION)
        accounts.add_user(old, "claire", "archiviste", "correct horse battery")
        assert [h.id for h in search(old, "habitants")] == [council_records[5]["id"]]
        old.close()
    finally:
        store.close()
