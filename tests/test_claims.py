"""Inbox claims through the database: one worker per file, a dead worker's file taken over, a retry
that never stores twice. Real SQLite and PostgreSQL (each test runs on both), real PDFs, real intake."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from test_intake import letter_pdf

from archivage.claims import ClaimLost, Claims
from archivage.config import load_settings
from archivage.errors import BadInput
from archivage.intake import inbox_file, ingest_inbox, process_claimed, submit_settled
from archivage.store import Store


@pytest.fixture(params=["sqlite", "postgresql"])
def home(request, tmp_path, fresh_database):
    settings = load_settings(tmp_path / "home", database_url=fresh_database(request.param, tmp_path)).ensure()
    store = Store(settings.database_url)
    store.migrate()
    yield settings, store
    store.close()


def counts(store: Store) -> tuple[int, int, int]:
    s = store.stats()
    return s["originals"], s["records"], s["duplicates"]


def test_one_worker_per_file_until_its_lease_expires(home):
    settings, store = home
    first, second = Claims(store, lease=1), Claims(store, lease=1)
    claim = first.take("a.pdf")
    assert claim is not None and claim.previous_state is None
    assert second.take("a.pdf") is None  # held by a live worker
    assert first.renew(claim)
    time.sleep(1.2)  # the first worker stops renewing: it died
    taken = second.take("a.pdf")
    assert taken is not None and taken.previous_state == "working"
    assert not first.renew(claim) and claim.lost
    # the stalled first worker wakes up and tries to commit: refused, nothing stored
    with pytest.raises(ClaimLost):
        store.save_original(sha256="a" * 64, file="a.pdf", stored_path="/x", size=1, pages=1, records=[],
                            claim=claim)
    assert counts(store) == (0, 0, 0)


def test_a_claimed_file_is_stored_then_leaves_the_inbox_and_the_table(home, tmp_path):
    settings, store = home
    path = letter_pdf(settings.inbox / "lettre.pdf", "A-1")
    claims = Claims(store)
    outcome = process_claimed(path, settings, store, claims)
    assert outcome.status == "ingested" and outcome.records >= 1
    assert not path.exists()
    assert claims.held() == []
    assert counts(store) == (1, outcome.records, 0)


def test_a_file_committed_before_its_worker_died_is_only_removed_by_the_next(home):
    """Killed between the commit and the removal from the inbox: the retry stores nothing again."""
    settings, store = home
    (settings.inbox / "sub").mkdir()
    path = letter_pdf(settings.inbox / "sub" / "lettre.pdf", "B-2")
    dead = Claims(store, lease=0.5)
    claim = dead.take("sub/lettre.pdf")
    from archivage.sniff import sha256_file

    sha = sha256_file(path)
    store.save_original(sha256=sha, file="lettre.pdf", stored_path=str(path), size=1, pages=1, records=[],
                        claim=claim)
    before = counts(store)
    time.sleep(0.7)
    outcome = process_claimed(path, settings, store, Claims(store))
    assert outcome.status == "resumed"
    assert not path.exists() and counts(store) == before  # no duplicate row, no second original
    assert Claims(store).held() == []


def test_a_database_error_lets_the_claim_go_with_its_state(home):
    settings, store = home
    path = letter_pdf(settings.inbox / "lettre.pdf", "C-3")
    claims = Claims(store, lease=60)

    def broken_reader(*args, **kwargs):
        from sqlalchemy.exc import OperationalError

        raise OperationalError("SELECT 1", {}, Exception("server closed the connection unexpectedly"))

    with pytest.raises(Exception, match="closed the connection"):
        process_claimed(path, settings, store, claims, read_pages=broken_reader)
    assert path.exists()  # not the file's fault: it waits in the inbox
    [row] = claims.held()
    assert row["worker"] is None and row["state"] == "working"
    # any worker takes it at once (no lease to wait for) and stores it
    assert process_claimed(path, settings, store, Claims(store)).status == "ingested"
    assert counts(store)[0] == 1 and not path.exists()


def test_the_scan_submits_each_settled_file_once_until_it_is_due_again(home):
    settings, store = home
    letter_pdf(settings.inbox / "a.pdf", "D-4")
    letter_pdf(settings.inbox / "b.pdf", "D-5")
    (settings.inbox / "c.pdf.part").write_bytes(b"%PDF-1.4 half")
    submitted: list[str] = []
    pending = {"run-1": True, "run-2": True}

    def submit(key: str) -> str:
        submitted.append(key)
        return f"run-{len(submitted)}"

    def scan(**kw) -> list[str]:
        return submit_settled(settings, store, submit, wait=0, requeue_after=1, is_pending=pending.get, **kw)

    assert scan() == ["a.pdf", "b.pdf"]
    assert scan() == []  # their runs are pending
    dying = Claims(store, lease=0.5)
    assert dying.take("a.pdf", run_id="run-1") is not None  # a's run starts, then its machine dies
    time.sleep(1.1)
    dead = []
    # a: its worker stopped renewing: due again, and its run is reported dead; b: its run still
    # waits in a busy queue, so it is not submitted twice
    assert scan(dead=dead.append) == ["a.pdf"]
    assert [(d.key, d.dead_run, d.dead_worker) for d in dead] == [("a.pdf", "run-1", dying.worker)]
    pending.update({"run-2": False, "run-3": True})  # b's run was taken by a worker that died; a's waits
    time.sleep(1.1)
    assert scan(dead=dead.append) == ["b.pdf"]
    assert [(d.key, d.dead_run, d.dead_worker) for d in dead[1:]] == [("b.pdf", "run-2", None)]
    assert submitted == ["a.pdf", "b.pdf", "a.pdf", "b.pdf"]
    # a run that ended without its file (the server answered 503 as a worker took it: crashed)
    # makes the file due at once, without waiting for requeue_after
    assert scan(ended={"run-4"}) == ["b.pdf"] and submitted[-1] == "b.pdf"
    assert scan(ended={"run-4"}) == []  # the new run (run-5) is the one to wait for


def test_two_watchers_on_a_shared_database_store_each_file_once(home):
    # (on SQLite the local lock keeps the two apart; on PostgreSQL the claims do)
    settings, store = home
    for n in range(4):
        letter_pdf(settings.inbox / f"l{n}.pdf", f"E-{n}")
    import threading

    results = []
    other = Store(settings.database_url)
    threads = [threading.Thread(target=lambda s=s: results.extend(ingest_inbox(settings, s, wait=0)))
               for s in (store, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    other.close()
    statuses = sorted(o.status for o in results)
    assert statuses.count("ingested") == 4
    assert set(statuses) <= {"ingested", "skipped_claimed"}
    assert counts(store)[0] == 4 and counts(store)[2] == 0
    assert list(settings.inbox.glob("*.pdf")) == []


@pytest.mark.parametrize("key", ["../outside.pdf", "/etc/passwd", "_failed/x.pdf", "", "sub/../../x.pdf",
                                 ".hidden.pdf"])
def test_a_key_outside_the_inbox_is_refused(tmp_path, key):
    settings = load_settings(tmp_path / "home").ensure()
    with pytest.raises(BadInput, match="does not name a file of the inbox"):
        inbox_file(settings, key)
    assert inbox_file(settings, "sub/a.pdf") == settings.inbox / "sub" / "a.pdf"


def test_keys_are_the_same_on_every_machine(tmp_path):
    from archivage.intake import inbox_key

    settings = load_settings(tmp_path / "home")
    assert inbox_key(settings, settings.inbox / "2024" / "a.pdf") == "2024/a.pdf"
    assert isinstance(inbox_key(settings, Path(settings.inbox / "b.pdf")), str)
