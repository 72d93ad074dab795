"""PostgreSQL specifics. The search behaviour itself is tested on PostgreSQL by test_search.py
and test_store.py (every test there runs on both backends); in CI a missing server fails them."""

from __future__ import annotations

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


def test_full_text_uses_french_unaccented_tsvector_with_gin_index(pg_store):
    with pg_store.engine.connect() as conn:
        generated = conn.exec_driver_sql(
            "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a "
            "ON a.attrelid = d.adrelid AND a.attnum = d.adnum "
            "WHERE d.adrelid = 'records'::regclass AND a.attname = 'tsv'").scalar()
        index = conn.exec_driver_sql(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'records_tsv' "
            "AND schemaname = current_schema()").scalar()
        folded = conn.execute(sa.text("SELECT to_tsvector('french', archivage_unaccent(:t))::text"),
                              {"t": "Sécurité des policiers"}).scalar()
    assert "'french'" in generated and "archivage_unaccent" in generated
    assert "gin" in index.lower()
    assert folded == "'polici':3 'securit':1"


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
