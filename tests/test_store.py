"""The store keeps what it was given, all of it or nothing, across restarts, on both backends."""

from __future__ import annotations

import copy
import threading
import time

import pytest
import sqlalchemy as sa

from archivage.errors import ConfigError
from archivage.search import search
from archivage.store import Store, StoreError, date_range


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, fresh_database, tmp_path):
    return fresh_database(request.param, tmp_path)


def save(store: Store, records: list[dict], **overrides) -> list[str]:
    source = records[0]["source"]
    args = {"sha256": source["sha256"], "file": source["file"],
            "stored_path": f"/archive/{source['sha256']}.pdf",
            "size": 4242, "pages": max(p for r in records for p in r["source"]["pages"]), "records": records}
    return store.save_original(**{**args, **overrides})


def dossier(council_records) -> list[dict]:
    return [r for r in council_records if r["source"]["file"] == "dossier-securite-18e.pdf"]


def test_reopened_database_has_everything(url, council_records):
    store = Store(url)
    save(store, dossier(council_records))
    store.record_duplicate(sha256=council_records[0]["source"]["sha256"], file="copie du dossier.pdf")
    store.record_failure(file="illisible.pdf", reason="The PDF is encrypted.")
    store.close()

    store = Store(url)
    try:
        assert store.has_original(council_records[0]["source"]["sha256"])
        assert not store.has_original("f" * 64)
        assert list(store.records()) == dossier(council_records)  # exact, in page order
        voeu = store.get(council_records[1]["id"])
        assert voeu == council_records[1] and list(voeu) == list(council_records[1])
        assert store.get("nope-p1") is None
        [original] = store.originals()
        assert original["file"] == "dossier-securite-18e.pdf" and original["pages"] == 6
        assert original["duplicates"] == ["copie du dossier.pdf"] and original["status"] == "done"
        stats = store.stats()
        assert stats["records"] == 4 and stats["by_type"] == {"communique": 1, "lettre": 2, "voeu": 1}
        assert stats["duplicates"] == 1 and stats["failures"] == 1
        assert store.failures()[0]["reason"] == "The PDF is encrypted."
        letters = {council_records[0]["id"], council_records[2]["id"]}
        assert {h.id for h in search(store, "castaner")} == letters
    finally:
        store.close()


def test_saving_again_replaces_the_records_and_their_index(url, council_records):
    store = Store(url)
    records = dossier(council_records)
    save(store, records)
    changed = copy.deepcopy(records[:1])
    changed[0]["text"] = changed[0]["text"].replace("plan crack", "plan vélo")
    changed[0]["signatories"] = [{"name": "Ian Brossat", "function": "Adjoint",
                                  "page": 2, "start": 0, "end": 0}]
    save(store, changed)
    try:
        assert list(store.records()) == changed
        assert [h.id for h in search(store, "vélo")] == [changed[0]["id"]]
        assert search(store, "crack") == [] and search(store, signatory="lejoindre") == []
        assert [h.id for h in search(store, signatory="brossat")] == [changed[0]["id"]]
        assert len(store.originals()) == 1
    finally:
        store.close()


def test_a_failed_save_writes_nothing(url, council_records):
    """A file whose original the database refuses is all or nothing (a document it refuses is not: see
    tests/test_records.py)."""
    store = Store(url)
    arrete = [r for r in council_records if r["type"] == "arrete"]
    save(store, arrete)
    bad = dossier(council_records)
    try:
        with pytest.raises(StoreError, match="dossier-securite-18e.pdf"):
            save(store, bad, pages=None)  # the originals row cannot be written
        assert not store.has_original(bad[0]["source"]["sha256"])
        assert list(store.records()) == arrete
        assert search(store, "castaner") == [] and search(store, addressee="castaner") == []
        assert search(store, figure_kind="count") == []

        # A failed re-save keeps what was there before.
        with pytest.raises(StoreError):
            save(store, copy.deepcopy(arrete), pages=None)
        assert list(store.records()) == arrete
        assert [h.id for h in search(store, "myrha")] == [arrete[0]["id"]]
    finally:
        store.close()


def test_a_record_id_given_twice_stores_the_first_and_says_so(url, council_records):
    store = Store(url)
    records = dossier(council_records)
    try:
        problems = save(store, records + [copy.deepcopy(records[0])])
        assert len(problems) == 1 and "not stored" in problems[0]
        assert list(store.records()) == records
        assert len(store.failures()) == 1
    finally:
        store.close()


def test_a_search_runs_while_the_watcher_writes(tmp_path, council_records):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    watcher, cli = Store(url), Store(url)
    save(watcher, [r for r in council_records if r["type"] == "arrete"])
    holding = threading.Event()

    def slow_write():
        with watcher._write():
            holding.set()
            time.sleep(0.5)  # a long transaction holding the write lock

    thread = threading.Thread(target=slow_write)
    thread.start()
    holding.wait()
    try:
        started = time.monotonic()
        assert len(search(cli, "myrha")) == 1  # WAL: readers are not blocked by the writer
        assert time.monotonic() - started < 0.4
        save(cli, dossier(council_records))  # a second writer waits for the lock, then succeeds
        assert time.monotonic() - started >= 0.3
    finally:
        thread.join()
        watcher.close()
    assert cli.stats()["records"] == 5
    cli.close()


@pytest.mark.parametrize("url, sentence", [
    ("not a url", "is not valid"),
    ("mysql://u@localhost/archives", "unsupported database"),
    ("postgresql+psycopg://archiviste:secret@127.0.0.1:9/archives", "Cannot open the database"),
])
def test_bad_database_url_is_one_sentence(url, sentence):
    with pytest.raises(ConfigError, match=sentence) as caught:
        Store(url)
    assert "secret" not in str(caught.value) and "\n" not in str(caught.value)


def test_partial_dates_cover_their_whole_period():
    assert date_range("2019") == ("2019-01-01", "2019-12-31")
    assert date_range("2020-02") == ("2020-02-01", "2020-02-29")
    assert date_range("2019-06-19") == ("2019-06-19", "2019-06-19")
    assert date_range(None) == (None, None) and date_range("juin 2019") == (None, None)
    assert date_range("2019-02-30") == (None, None)


def test_a_search_runs_while_an_export_and_an_ingest_are_in_progress(url, council_records):
    """Neither a long export (an open read) nor an ingest (an open write) holds a search back."""
    writer = Store(url)
    save(writer, [r for r in council_records if r["type"] == "arrete"])
    exporting = writer.records()
    next(exporting)  # the export's read is open...
    ingesting, release = threading.Event(), threading.Event()
    dossier_records = dossier(council_records)

    def ingest():
        from archivage.store.write import NameCache, insert_record

        record = dossier_records[0]
        with Store(url)._write() as conn:  # ...and an ingest holds its write transaction
            conn.execute(sa.text("INSERT INTO originals (sha256, file, stored_path, size, pages, status, added_at) "
                                 "VALUES (:sha, 'd.pdf', '/d', 1, 6, 'done', 'now')"),
                         {"sha": record["source"]["sha256"]})
            insert_record(conn, writer.backend, dossier_records[0]["source"]["sha256"], dossier_records[0],
                          NameCache({}, {}))
            ingesting.set()
            release.wait(10)
            raise RuntimeError("rolled back")  # the ingest fails: nothing of it may show

    thread = threading.Thread(target=lambda: pytest.raises(RuntimeError, ingest))
    thread.start()
    ingesting.wait(10)
    try:
        started = time.monotonic()
        reader = Store(url)
        assert [h.id for h in search(reader, "myrha")] == [council_records[4]["id"]]
        assert search(reader, "castaner") == []  # the ingest's uncommitted record is not seen
        assert time.monotonic() - started < 1.5
        reader.close()
    finally:
        release.set()
        thread.join()
        exporting.close()
        writer.close()


def test_review_lists_are_kept_and_counted(url, council_records):
    store = Store(url)
    records = copy.deepcopy(dossier(council_records))
    records[1]["review"] = [{"field": "date", "reason": "stamp read as 2019-05-28 and 2019-05-26"}]
    records[2]["review"] = []
    del records[3]["review"]  # a record made before review lists existed
    save(store, records)
    try:
        assert store.get(records[1]["id"])["review"] == records[1]["review"]
        assert "review" not in store.get(records[3]["id"])  # kept as it was given
        assert store.stats()["to_review"] == 1
        assert [h.id for h in search(store, review=True)] == [records[1]["id"]]
        assert [h.review for h in search(store, review=True)] == [records[1]["review"]]
        assert {h.id for h in search(store, review=False)} == {records[0]["id"], records[2]["id"], records[3]["id"]}
    finally:
        store.close()
