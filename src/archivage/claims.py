"""Inbox claims through the database: which machine works on which inbox file, and until when.

Several machines (Prefect workers, or several ``watch`` processes) share one inbox on mounted
storage and one PostgreSQL database. A local lock file holds on one machine only, so each file
is claimed through the ``inbox_claims`` table instead, keyed by its path under the inbox:

* **queued**: the scan submitted a run for the file; no one holds it yet (``worker`` is NULL).
  If no run takes it before ``expires_at`` (the run was lost), the next scan submits another.
* **working**: ``worker`` holds it until ``expires_at``. A heartbeat thread pushes ``expires_at``
  forward while the work goes on; a worker that dies (SIGKILL, power cut) stops renewing it, and
  once it has expired any other worker may take the file over.
* **committed**: the file's records (or its duplicate) were committed, in the same transaction
  as this state; only its removal from the inbox is left. A worker that takes over such a file
  and finds the same sha256 only removes it: a retry never stores anything twice.

The row goes once the file has left the inbox. Time is the database's clock (PostgreSQL's
``clock_timestamp()``), so machines whose clocks differ agree on who has expired; on SQLite
(one machine) it is this machine's clock.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

log = logging.getLogger("archivage.claims")

DEFAULT_LEASE = 60.0  # seconds a claim lives without a heartbeat
DEFAULT_REQUEUE = 600.0  # seconds a queued file waits for its run before it is submitted again


class ClaimLost(Exception):  # noqa: N818 - a state, not a bug
    """Another worker took the file over (this one stalled past its lease): do not commit."""


def worker_name() -> str:
    """host:pid:random — unique per process, readable in the table."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def lease_seconds() -> float:
    return float(os.environ.get("ARCHIVAGE_CLAIM_LEASE") or DEFAULT_LEASE)


def requeue_seconds() -> float:
    return float(os.environ.get("ARCHIVAGE_REQUEUE_AFTER") or DEFAULT_REQUEUE)


@dataclass
class Due:
    """A file the scan should submit a run for; ``dead_run``: the run of a worker that died on it."""

    key: str
    dead_run: str | None = None
    dead_worker: str | None = None


@dataclass
class Claim:
    key: str  # the file's path under the inbox, with "/" separators
    worker: str
    previous_state: str | None  # the row's state before we took it (None: no row)
    previous_sha: str | None  # the sha256 it had (set when "committed")
    claims: Claims
    lost: bool = False

    def committed_before(self, sha256: str) -> bool:
        """An earlier attempt committed this very content: only the inbox removal is left."""
        return self.previous_state == "committed" and self.previous_sha == sha256

    def commit_in(self, conn, sha256: str) -> None:
        """Within the store's commit transaction: mark the claim committed, or ``ClaimLost``."""
        self.claims._mark_committed(conn, self, sha256)

    def release(self) -> None:
        self.claims.release(self)


class Claims:
    """Claims of one worker (one process) on the inbox files of one store."""

    def __init__(self, store, *, worker: str | None = None, lease: float | None = None):
        self.store = store
        self.worker = worker or worker_name()
        self.lease = lease or lease_seconds()

    # -- time and SQL ----------------------------------------------------------------------

    def _now(self, conn) -> float:
        if self.store.backend == "postgresql":
            return float(conn.exec_driver_sql("SELECT extract(epoch FROM clock_timestamp())").scalar())
        return time.time()

    def _sql(self, sql: str) -> str:
        from .store.write import _sql

        return _sql(self.store.backend, sql)

    @contextlib.contextmanager
    def _write(self) -> Iterator:
        self.store._writable()
        with self.store._write() as conn:
            yield conn

    def _lock_row(self, conn, key: str):
        """Make sure the row exists, then lock it (PostgreSQL; SQLite's IMMEDIATE already locks all)."""
        conn.exec_driver_sql(self._sql(
            "INSERT INTO inbox_claims (path, state, worker, sha256, expires_at, attempts) "
            "VALUES (?, 'new', NULL, NULL, 0, 0) ON CONFLICT (path) DO NOTHING"), (key,))
        lock = " FOR UPDATE" if self.store.backend == "postgresql" else ""
        return conn.exec_driver_sql(self._sql(
            f"SELECT state, worker, sha256, expires_at FROM inbox_claims WHERE path = ?{lock}"), (key,)).first()

    # -- the scan's side -------------------------------------------------------------------

    def enqueue(self, key: str, *, requeue_after: float = DEFAULT_REQUEUE,
                is_pending: Callable[[str], bool] | None = None, ended: Collection[str] = ()) -> Due | None:
        """A ``Due`` when a run should be submitted for ``key``: nobody holds it and no run is pending.

        ``is_pending(run_id)``: whether the run submitted earlier is still waiting for a worker
        (asked only once ``requeue_after`` has passed: a long queue is not a lost run). A run
        that has started claims its file at once, so one that started but holds no claim after
        ``requeue_after`` is dead: the file is due again. A file
        whose worker died (a claim that expired while "working") is due whatever its run says:
        that run will never report. A committed file keeps its state (the run that takes it only
        removes it from the inbox). ``ended``: ids of runs known to have ended without the file
        (crashed before starting, failed, cancelled): their files are due at once.
        """
        with self._write() as conn:
            state, worker, _sha, expires = self._lock_row(conn, key)
            run_id = conn.exec_driver_sql(self._sql("SELECT run_id FROM inbox_claims WHERE path = ?"),
                                          (key,)).scalar()
            now = self._now(conn)
            lost = state == "queued" and run_id is not None and run_id in ended
            if state != "new" and expires >= now and not lost:
                return None  # held by a live worker, or queued and its run not due yet
            if state == "queued" and run_id and not lost and is_pending is not None and is_pending(run_id):
                conn.exec_driver_sql(self._sql("UPDATE inbox_claims SET expires_at = ? WHERE path = ?"),
                                     (now + requeue_after, key))
                return None
            conn.exec_driver_sql(self._sql(
                "UPDATE inbox_claims SET state = ?, worker = NULL, expires_at = ?, run_id = NULL WHERE path = ?"),
                ("committed" if state == "committed" else "queued", now + requeue_after, key))
            if worker is not None and state in ("working", "committed"):
                return Due(key, dead_run=run_id, dead_worker=worker)
            # a queued file's run that is no longer waiting yet never claimed it: its worker died
            # between taking the run and starting it (or the run was lost); None if it never ran
            return Due(key, dead_run=run_id if state == "queued" else None)

    def busy(self) -> dict[str, str | None]:
        """Files held or queued and not due yet (key -> run id), read in one query: a scan of a
        large backlog then writes only for the files that need a run."""
        if self.store.empty:
            return {}
        with self.store.engine.connect() as conn:
            now = self._now(conn)
            rows = conn.exec_driver_sql(self._sql(
                "SELECT path, run_id FROM inbox_claims WHERE expires_at >= ? AND state != 'new'"), (now,)).all()
        return dict(rows)

    def note_run(self, key: str, run_id: str) -> None:
        """The run submitted for a queued file (so that the next scan can ask whether it is pending)."""
        with self._write() as conn:
            conn.exec_driver_sql(self._sql(
                "UPDATE inbox_claims SET run_id = ? WHERE path = ? AND worker IS NULL"), (run_id, key))

    # -- the worker's side -----------------------------------------------------------------

    def take(self, key: str, *, run_id: str | None = None) -> Claim | None:
        """Claim ``key`` for this worker (``run_id``: the run doing the work, for the scan to see),
        or None when another live worker holds it."""
        with self._write() as conn:
            state, worker, sha, expires = self._lock_row(conn, key)
            now = self._now(conn)
            if worker not in (None, self.worker) and expires >= now:
                return None
            conn.exec_driver_sql(self._sql(
                "UPDATE inbox_claims SET state = ?, worker = ?, expires_at = ?, attempts = attempts + 1, "
                "run_id = ? WHERE path = ?"),
                ("committed" if state == "committed" else "working", self.worker, now + self.lease, run_id,
                 key))
        if worker not in (None, self.worker):
            log.warning("%s: taking over from %s, whose claim expired", key, worker)
        return Claim(key, self.worker, None if state == "new" else state, sha, self)

    def renew(self, claim: Claim) -> bool:
        """Push the lease forward; False when the claim is no longer ours."""
        with self._write() as conn:
            now = self._now(conn)
            done = conn.exec_driver_sql(self._sql(
                "UPDATE inbox_claims SET expires_at = ? WHERE path = ? AND worker = ?"),
                (now + self.lease, claim.key, self.worker)).rowcount
        if not done:
            claim.lost = True
        return bool(done)

    def _mark_committed(self, conn, claim: Claim, sha256: str) -> None:
        done = conn.exec_driver_sql(self._sql(
            "UPDATE inbox_claims SET state = 'committed', sha256 = ? WHERE path = ? AND worker = ?"),
            (sha256, claim.key, self.worker)).rowcount
        if not done:
            claim.lost = True
            raise ClaimLost(f"{claim.key}: another worker took this file over; not committing it twice.")

    def release(self, claim: Claim) -> None:
        """Forget the claim (the file left the inbox, or is left for a later run)."""
        with self._write() as conn:
            conn.exec_driver_sql(self._sql("DELETE FROM inbox_claims WHERE path = ? AND worker = ?"),
                                 (claim.key, self.worker))

    def let_go(self, claim: Claim) -> None:
        """Give the file back at once, keeping its state (an attempt that failed for a reason that
        is not the file's: the next one must know whether the records were committed)."""
        with self._write() as conn:
            conn.exec_driver_sql(self._sql(
                "UPDATE inbox_claims SET worker = NULL, expires_at = 0 WHERE path = ? AND worker = ?"),
                (claim.key, self.worker))

    def held(self) -> list[dict]:
        """Every row, for ``status`` and tests: path, state, worker, sha256, expires_at, attempts."""
        keys = ("path", "state", "worker", "sha256", "expires_at", "attempts", "run_id")
        if self.store.empty:
            return []
        rows = self.store._rows(f"SELECT {', '.join(keys)} FROM inbox_claims ORDER BY path")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    @contextlib.contextmanager
    def heartbeat(self, claim: Claim) -> Iterator[Claim]:
        """Renew ``claim`` every third of the lease while the body runs (a daemon thread)."""
        stop = threading.Event()

        def beat() -> None:
            while not stop.wait(self.lease / 3):
                try:
                    if not self.renew(claim):
                        log.warning("%s: the claim was taken over by another worker", claim.key)
                        return
                except Exception:  # noqa: BLE001 - a database hiccup: try again next beat
                    log.warning("%s: could not renew the claim", claim.key, exc_info=True)

        thread = threading.Thread(target=beat, name=f"claim-{claim.key}", daemon=True)
        thread.start()
        try:
            yield claim
        finally:
            stop.set()
            thread.join(timeout=5)
