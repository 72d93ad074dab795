"""PostgreSQL specifics. The search behaviour itself is tested on PostgreSQL by test_search.py
and test_store.py (every test there runs on both backends); in CI a missing server fails them."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from archivage.errors import ConfigError
from archivage.search import search
from archivage.store import Store


@pytest.fixture
def pg_store(fresh_database, tmp_path):
    store = Store(fresh_database("postgresql", tmp_path))
    yield store
    store.close()


def test_full_text_is_a_tsvector_of_the_same_words_as_sqlite_with_gin_index(pg_store, council_records):
    record = council_records[1]
    pg_store.save_original(sha256=record["source"]["sha256"], file=record["source"]["file"],
                           stored_path="/archive/a.pdf", size=1, pages=4, records=[record])
    with pg_store.engine.connect() as conn:
        index = conn.exec_driver_sql(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'records_tsv' "
            "AND schemaname = current_schema()").scalar()
        words = conn.exec_driver_sql("SELECT tsv FROM records").scalar()
    assert "gin" in index.lower()
    # the words of textfold.index_text (folded, stemmed, "vœu" -> "voeu"), title weighted A, text B
    assert "'tranquillit':5A" in words and "'securit':" in words and "'voeu':1A" in words


def test_opening_takes_no_lock_and_changes_nothing(pg_store, council_records):
    """Opening used to run ALTER TABLE, which waits behind any open transaction on records."""
    record = council_records[4]
    pg_store.save_original(sha256=record["source"]["sha256"], file=record["source"]["file"],
                           stored_path="/archive/a.pdf", size=1, pages=2, records=[record])
    engine = sa.create_engine(pg_store.url)
    with engine.connect() as export:
        export.exec_driver_sql("BEGIN")
        export.exec_driver_sql("SELECT count(*) FROM records").scalar()  # an export's open transaction
        with engine.connect() as probe:
            probe.exec_driver_sql("SET lock_timeout = '2s'")
            # what any statement that needs an exclusive lock on records would now wait for
            with pytest.raises(sa.exc.OperationalError, match="lock timeout"):
                probe.exec_driver_sql("LOCK TABLE records IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        reader = Store(pg_store.url)
        assert [h.id for h in search(reader, "myrha")] == [record["id"]]
        assert time.monotonic() - started < 1.5
        reader.close()
        export.exec_driver_sql("COMMIT")
    engine.dispose()


def test_opening_twice_keeps_the_data(pg_store, council_records):
    record = council_records[4]
    pg_store.save_original(sha256=record["source"]["sha256"], file=record["source"]["file"],
                           stored_path="/archive/a.pdf", size=1, pages=2, records=[record])
    again = Store(pg_store.url)  # the schema exists already: creating it again must be harmless
    try:
        assert again.get(record["id"]) == record
        assert [h.id for h in search(again, "arrete", type="arrete")] == [record["id"]]
    finally:
        again.close()


def test_wrong_password_is_one_sentence_without_the_password(fresh_database, tmp_path):
    url = sa.make_url(fresh_database("postgresql", tmp_path)).set(password="not-the-password")
    with pytest.raises(ConfigError, match="Cannot open the database") as caught:
        Store(url.render_as_string(hide_password=False))
    assert "not-the-password" not in str(caught.value)
