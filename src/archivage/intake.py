"""Intake: from a file in the inbox (or anywhere) to a committed original, or a clear rejection.

The order for each file is the promise made to archivists: nothing dropped is lost or modified.

    stable? → type check → sha256 → duplicate? → copy into originals/ → pages → records
            → one database transaction → only then remove the file from the inbox

A bad file (empty, not a document, corrupt, encrypted) is moved to ``inbox/_failed/`` with a
``NAME.error.txt`` saying why; the run goes on with the other files. A crash anywhere before the
commit leaves the inbox file where it was, and the next run picks it up again (the
content-addressed copy in ``originals/`` is verified and reused). A database that is down or a
setting that does not work (``ConfigError``) is not the file's fault: the run stops and the
files wait in the inbox.

Plain functions, no Prefect: the CLI calls :func:`ingest_inbox` and :func:`ingest_paths`
directly, the Prefect flow calls :func:`process_file` with its own page reader (mapped tasks).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .claims import Claim, ClaimLost, Claims, Due
from .config import Settings
from .errors import ArchivageError, BadInput, ConfigError
from .model import Page
from .progress import files_bar, pages_bar
from .sniff import sha256_file

log = logging.getLogger("archivage.intake")

Progress = Callable[[str], None]
# reader(stored_original, sha256=, count=, settings=, name=, progress=, tick=) -> the pages, in order;
# tick(1) is called as each page is done (it drives the terminal's page bar)
PagesReader = Callable[..., list[Page]]

# Names that copy tools and editors use while a file is not finished yet.
TEMP_SUFFIXES = (".part", ".partial", ".crdownload", ".download", ".tmp", ".temp", ".filepart", ".swp")
EXTENSIONS = {"pdf": ".pdf", "tiff": ".tif", "png": ".png", "jpeg": ".jpg"}
CHUNK = 1 << 20


class FileChanged(Exception):
    """The source changed while we read it: someone is still writing it; try again next run."""


@dataclass
class Outcome:
    path: Path
    # "ingested" | "duplicate" | "failed" | "skipped_unstable" | "skipped_claimed" (another worker has it)
    # | "resumed" (an earlier attempt committed it; only its removal from the inbox was left)
    status: str
    records: int = 0
    reason: str | None = None
    sha256: str | None = None
    pages: int = 0


# --- the inbox -------------------------------------------------------------------------------


def is_candidate(path: Path) -> bool:
    name = path.name
    return not (name.startswith((".", "~$")) or name.lower().endswith(TEMP_SUFFIXES))


def scan_inbox(settings: Settings) -> list[Path]:
    """Files waiting in the inbox (sub-folders included, ``_failed/`` and temp files not), oldest first."""
    inbox = settings.inbox
    if not inbox.is_dir():
        return []
    found = []
    for root, dirs, files in os.walk(inbox):
        root_path = Path(root)
        # Pruning in place keeps os.walk out of _failed/ and hidden folders.
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not (root_path == inbox and d == settings.failed.name))
        for name in files:
            p = root_path / name
            if is_candidate(p) and p.is_file():
                found.append(p)

    def age(p: Path) -> tuple[float, str]:
        try:
            return (p.stat().st_mtime, str(p))
        except OSError:  # removed meanwhile
            return (float("inf"), str(p))

    return sorted(found, key=age)


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def _can_read(path: Path) -> bool:
    try:
        with open(path, "rb") as fp:
            fp.read(1)
        return True
    except OSError:
        return False


def is_stable(path: Path, *, wait: float = 2.0) -> bool:
    """True when size and mtime did not change over ``wait`` seconds and the file can be opened.

    A file still being copied into the inbox is left for the next run.
    """
    return path in stable_files([path], wait=wait)


def stable_files(paths: Iterable[Path], *, wait: float = 2.0) -> list[Path]:
    """The stable ones among ``paths``, checked together so a batch waits ``wait`` seconds once."""
    paths = list(paths)
    before = {p: _signature(p) for p in paths}
    if wait > 0 and paths:
        time.sleep(wait)
    return [p for p in paths
            if before[p] is not None and _signature(p) == before[p] and _can_read(p)]


# --- checks and the content-addressed copy ---------------------------------------------------


def check_type(path: Path) -> str:
    """The file's kind by its first bytes: "pdf", "tiff", "png" or "jpeg"; BadInput otherwise."""
    from .sniff import sniff

    if path.stat().st_size == 0:
        raise BadInput(f"{path.name} is empty (0 bytes): the copy may have failed, drop it again.")
    kind = sniff(path)
    if kind is None:
        raise BadInput(f"{path.name} is not a PDF, TIFF, PNG or JPEG file (its content says otherwise, "
                       f"whatever its name).")
    return kind


def _fsync_dir(directory: Path) -> None:
    # The rename is durable only once the directory entry is on disk.
    with contextlib.suppress(OSError):  # some filesystems (and Windows) cannot open a directory
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def original_path(settings: Settings, sha256: str, kind: str) -> Path:
    return settings.originals / sha256[:2] / f"{sha256}{EXTENSIONS.get(kind, '')}"


def store_original(path: Path, settings: Settings, *, sha256: str | None = None,
                   kind: str | None = None) -> tuple[str, Path]:
    """Copy ``path`` into ``originals/<sha[:2]>/<sha>.<ext>``: temp file, fsync, atomic rename, fsync dir.

    The source is only read. If the copy already exists (an earlier run crashed before its
    commit) it is verified and reused. Raises FileChanged if the source changed under us.
    """
    kind = kind or check_type(path)
    sha256 = sha256 or sha256_file(path)
    dest = original_path(settings, sha256, kind)
    if dest.exists():
        if sha256_file(dest) == sha256:
            return sha256, dest
        log.warning("stored original %s does not match its name; copying it again", dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.parent / f".{dest.name}.{os.getpid()}.tmp"
    try:
        h = hashlib.sha256()
        with open(path, "rb") as src, open(tmp, "wb") as out:
            while chunk := src.read(CHUNK):
                h.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if h.hexdigest() != sha256:
            raise FileChanged(f"{path.name} changed while it was copied.")
        os.chmod(tmp, 0o444)  # originals are never modified
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_dir(dest.parent)
    return sha256, dest


# --- the two ways a file leaves the inbox ----------------------------------------------------


def _free_name(directory: Path, name: str) -> Path:
    """``name`` in ``directory``, or ``stem-2.ext``, ``stem-3.ext``… when it (or its sidecar) is taken."""
    stem, suffix = os.path.splitext(name)
    candidate, n = directory / name, 1
    while candidate.exists() or (directory / f"{candidate.name}.error.txt").exists():
        n += 1
        candidate = directory / f"{stem}-{n}{suffix}"
    return candidate


def fail(path: Path, settings: Settings, reason: str) -> Path:
    """Move an inbox file to ``inbox/_failed/`` and write ``NAME.error.txt`` with the reason."""
    settings.failed.mkdir(parents=True, exist_ok=True)
    dest = _free_name(settings.failed, path.name)
    try:
        os.replace(path, dest)
    except OSError:
        shutil.move(str(path), dest)  # another filesystem: copy, then remove
    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    sidecar = dest.with_name(dest.name + ".error.txt")
    sidecar.write_text(f"{reason}\n{stamp}\n", encoding="utf-8")
    return dest


def finish(path: Path) -> None:
    """Remove an inbox file; called only after its database commit."""
    path.unlink(missing_ok=True)


# --- one file ---------------------------------------------------------------------------------


def read_all_pages(stored: Path, *, sha256: str, count: int, settings: Settings, name: str,
                   progress: Progress | None = None, tick: Callable[[int], object] | None = None) -> list[Page]:
    """The default page reader: the page stage's own worker pool and on-disk cache."""
    from .pages import read_pages

    return read_pages(stored, languages=settings.languages, dpi=settings.dpi,
                      cache_dir=settings.cache, searchable_dir=settings.searchable,
                      workers=settings.workers, progress=tick)


def _transient(exc: BaseException) -> bool:
    """A database that is down or locked is not the file's fault: leave it in the inbox and stop."""
    try:
        from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError
    except ImportError:  # pragma: no cover - sqlalchemy is a dependency
        return False
    return isinstance(exc, OperationalError | InterfaceError | DisconnectionError)


def _one_sentence(exc: BaseException, name: str) -> str:
    detail = " ".join(str(exc).split())[:300] or type(exc).__name__
    return f"{name} could not be processed because of an unexpected error ({type(exc).__name__}: {detail})."


def process_file(path: Path, settings: Settings, store, *, in_inbox: bool,
                 progress: Progress | None = None, wait: float = 2.0,
                 read_pages: PagesReader | None = None, claim: Claim | None = None) -> Outcome:
    """Take one file through every stage; see the module docstring for the order and the promises.

    ``in_inbox``: the file is ours to move (to ``_failed/``) and remove (after the commit);
    otherwise it belongs to the user and is never touched. ``wait``: seconds of the stability
    check (0 when the caller already checked). ``read_pages``: how pages are read (the Prefect
    flow maps a task over them); default :func:`read_all_pages`. ``claim``: this worker's claim
    on the inbox file (see :func:`process_claimed`), committed with the records.
    """
    path = Path(path)
    say = progress or (lambda message: None)
    name = path.name
    if in_inbox and not (is_stable(path, wait=wait) if wait else _can_read(path)):
        say(f"{name}: still being copied, left for the next run")
        return Outcome(path, "skipped_unstable")
    sha = None
    try:
        kind = check_type(path)
        sha = sha256_file(path)
        if claim is not None and claim.committed_before(sha):
            finish(path)
            say(f"{name}: committed by an earlier attempt; removed from the inbox")
            return Outcome(path, "resumed", sha256=sha)
        if store.has_original(sha):
            store.record_duplicate(sha256=sha, file=name, claim=claim)
            if in_inbox:
                finish(path)
            say(f"{name}: already in the archive (sha256 {sha[:12]}…), recorded as a duplicate")
            return Outcome(path, "duplicate", sha256=sha)
        from .pages import page_count

        # Before the copy: a corrupt or encrypted file never enters the archive.
        count = page_count(path)
        sha, stored = store_original(path, settings, sha256=sha, kind=kind)
        say(f"{name}: {count} page(s), sha256 {sha[:12]}…")
        with pages_bar(name, count) as bar:
            pages = (read_pages or read_all_pages)(stored, sha256=sha, count=count, settings=settings,
                                                   name=name, progress=progress, tick=bar.update)
        _searchable_copy(stored, pages, sha, settings, say)
        from .pipeline import records_from_pages

        records = records_from_pages(pages, file=name, sha256=sha)
        problems = store.save_original(sha256=sha, file=name, stored_path=str(stored),
                                       size=stored.stat().st_size, pages=len(pages), records=records,
                                       claim=claim)
    except ClaimLost as exc:
        say(str(exc))
        return Outcome(path, "skipped_claimed", sha256=sha, reason=str(exc))
    except FileChanged:
        say(f"{name}: changed while being read, left for the next run")
        return Outcome(path, "skipped_unstable", sha256=sha)
    except Exception as exc:  # noqa: BLE001 - every error is reported; nothing is lost
        if isinstance(exc, ConfigError | ImportError) or _transient(exc):
            raise  # not this file's fault: it stays in the inbox for the run after the fix
        if isinstance(exc, ArchivageError):
            reason = str(exc)
        else:
            reason = _one_sentence(exc, name)
            log.exception("unexpected error on %s", path)
        return _reject(path, settings, store, reason, sha, in_inbox, say)
    if in_inbox:
        finish(path)
    for problem in problems or []:
        log.warning("%s", problem)
        say(f"{name}: {problem}")
    say(f"{name}: {len(records)} document(s) stored")
    return Outcome(path, "ingested", records=len(records), sha256=sha, pages=len(pages))


def _searchable_copy(stored: Path, pages: list[Page], sha: str, settings: Settings, say: Progress) -> None:
    """The searchable PDF is a convenience: failing to write it must not cost the records."""
    try:
        from .pages import assemble_searchable

        out = settings.searchable / f"{sha}.pdf"
        if not out.exists():
            assemble_searchable(stored, pages, out, settings.searchable, pdfa=settings.pdfa)
    except Exception as exc:  # noqa: BLE001
        log.warning("no searchable PDF for %s: %s", stored.name, exc, exc_info=True)
        say(f"{stored.name}: searchable PDF not written ({exc})")


def _reject(path: Path, settings: Settings, store, reason: str, sha: str | None, in_inbox: bool,
            say: Progress) -> Outcome:
    if in_inbox:
        moved = fail(path, settings, reason)
        say(f"{path.name}: failed, moved to {moved.relative_to(settings.inbox)}: {reason}")
    else:
        say(f"{path.name}: failed: {reason}")
    if sha:
        _discard_copy(settings, store, sha)
    try:
        store.record_failure(file=path.name, reason=reason, sha256=sha)
    except Exception as exc:  # noqa: BLE001 - the file is safe in _failed/; the sidecar says why
        if _transient(exc):
            raise
        log.exception("could not record the failure of %s", path)
    return Outcome(path, "failed", reason=reason, sha256=sha)


def _discard_copy(settings: Settings, store, sha: str) -> None:
    """Keep originals/ equal to what the database knows: drop the copy of a file that failed."""
    try:
        if store.has_original(sha):
            return
        for copy in (settings.originals / sha[:2]).glob(f"{sha}.*"):
            copy.unlink()
    except Exception:  # noqa: BLE001 - a leftover copy is harmless; the file itself is safe
        log.warning("could not remove the stored copy of %s", sha, exc_info=True)


# --- batches ----------------------------------------------------------------------------------


@contextlib.contextmanager
def batch_lock(settings: Settings, *, block: bool) -> Iterator[bool]:
    """One batch at a time per home folder (a scheduled run and an on-demand run could overlap).

    Yields False when ``block`` is False and another process holds the lock.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock, runs may overlap
        yield True
        return
    settings.home.mkdir(parents=True, exist_ok=True)
    with open(settings.home / ".ingest.lock", "a+") as fp:
        try:
            fcntl.flock(fp, fcntl.LOCK_EX | (0 if block else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fp, fcntl.LOCK_UN)


def inbox_key(settings: Settings, path: Path) -> str:
    """The file's name in the claims table: its path under the inbox, the same on every machine."""
    return Path(path).relative_to(settings.inbox).as_posix()


def inbox_file(settings: Settings, key: str) -> Path:
    """The inbox file a key names; ``BadInput`` for a key that leads outside the inbox or into
    ``_failed/`` (a run's parameters come over the network: never remove a file elsewhere)."""
    inbox = settings.inbox.resolve()
    path = (inbox / key).resolve()
    if (not key or Path(key).is_absolute() or not path.is_relative_to(inbox) or path == inbox
            or path.is_relative_to(settings.failed.resolve()) or not is_candidate(path)):
        raise BadInput(f"{key!r} does not name a file of the inbox {settings.inbox}.")
    return settings.inbox / Path(path).relative_to(inbox)


def process_claimed(path: Path, settings: Settings, store, claims: Claims, progress: Progress | None = None,
                    *, wait: float = 0, read_pages: PagesReader | None = None,
                    run_id: str | None = None) -> Outcome:
    """:func:`process_file` on an inbox file under this worker's claim, kept alive by a heartbeat.

    Another live worker holding the file: skipped. A file gone meanwhile (another worker finished
    it): nothing to do. On an error that is not the file's fault (database down, a crash) the claim
    is let go with its state, so the next attempt knows whether the records were committed.
    """
    key = inbox_key(settings, path)
    claim = claims.take(key, run_id=run_id)
    if claim is None:
        (progress or log.info)(f"{path.name}: another worker is on it")
        return Outcome(path, "skipped_claimed")
    try:
        with claims.heartbeat(claim):
            if not path.exists():
                outcome = Outcome(path, "skipped_claimed", reason="no longer in the inbox")
            else:
                outcome = process_file(path, settings, store, in_inbox=True, progress=progress, wait=wait,
                                       read_pages=read_pages, claim=claim)
    except BaseException:
        with contextlib.suppress(Exception):
            claims.let_go(claim)
        raise
    if outcome.status == "skipped_unstable":
        claims.let_go(claim)
    elif not claim.lost:
        claims.release(claim)
    return outcome


def submit_settled(settings: Settings, store, submit: Callable[[str], str | None], *, wait: float = 2.0,
                   requeue_after: float | None = None, is_pending: Callable[[str], bool] | None = None,
                   dead: Callable[[Due], object] | None = None, ended: Iterable[str] = ()) -> list[str]:
    """The scan of a shared inbox: ``submit(key)`` (which returns the run's id) once for each settled
    file that no worker holds and whose earlier run is not pending (see ``Claims.enqueue``);
    ``dead(due)`` first for a file whose worker died on it; ``ended``: ids of runs that ended without
    their file (see ``Claims.enqueue``). The keys submitted, oldest file first."""
    from .claims import requeue_seconds

    settings.ensure()
    claims = Claims(store)
    submitted = []
    ended = set(ended)
    busy = claims.busy()
    for path in stable_files(scan_inbox(settings), wait=wait):
        key = inbox_key(settings, path)
        if key in busy and busy[key] not in ended:
            continue
        due = claims.enqueue(key, requeue_after=requeue_after or requeue_seconds(), is_pending=is_pending,
                             ended=ended)
        if due is None:
            continue
        if due.dead_run and dead is not None:
            dead(due)
        run_id = submit(key)
        if run_id:
            claims.note_run(key, str(run_id))
        submitted.append(key)
    return submitted


def ingest_inbox(settings: Settings, store, progress: Progress | None = None, *, wait: float = 2.0,
                 read_pages: PagesReader | None = None) -> list[Outcome]:
    """One pass over the inbox: every stable file, oldest first; the others wait for the next run.

    On a shared database (PostgreSQL), several machines may work on the same inbox: each file is
    claimed through the database. On SQLite (one machine), a local lock keeps runs apart.
    """
    settings.ensure()
    if store.backend != "sqlite":
        claims = Claims(store)
        waiting = scan_inbox(settings)
        stable = set(stable_files(waiting, wait=wait))
        outcomes = []
        with files_bar(len(waiting)) as bar:
            for path in waiting:
                if path in stable:
                    outcomes.append(process_claimed(path, settings, store, claims, progress,
                                                    read_pages=read_pages))
                else:
                    outcomes.append(Outcome(path, "skipped_unstable"))
                bar.update(1)
        return outcomes
    with batch_lock(settings, block=False) as mine:
        if not mine:
            (progress or log.info)("another ingest run is working on this inbox; nothing to do")
            return []
        waiting = scan_inbox(settings)
        stable = set(stable_files(waiting, wait=wait))
        outcomes = []
        with files_bar(len(waiting)) as bar:
            for path in waiting:
                if path not in stable:
                    if progress:
                        progress(f"{path.name}: still being copied, left for the next run")
                    outcomes.append(Outcome(path, "skipped_unstable"))
                else:
                    outcomes.append(process_file(path, settings, store, in_inbox=True, progress=progress,
                                                 wait=0, read_pages=read_pages))
                bar.update(1)
        return outcomes


def expand(paths: Iterable[os.PathLike | str]) -> list[Path]:
    """Files named on the command line; a folder stands for the files in it (recursively)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and is_candidate(f)))
        else:
            out.append(p)
    return out


def ingest_paths(paths: Iterable[os.PathLike | str], settings: Settings, store,
                 progress: Progress | None = None, *,
                 read_pages: PagesReader | None = None) -> list[Outcome]:
    """Ingest files from anywhere; they are the user's: never moved, never removed."""
    settings.ensure()
    outcomes = []
    files = expand(paths)
    with batch_lock(settings, block=True), files_bar(len(files)) as bar:
        for path in files:
            if not path.is_file():
                reason = f"{path} does not exist or is not a file."
                if progress:
                    progress(reason)
                outcomes.append(Outcome(path, "failed", reason=reason))
            else:
                outcomes.append(process_file(path, settings, store, in_inbox=False, progress=progress,
                                             wait=0, read_pages=read_pages))
            bar.update(1)
    return outcomes


def summarise(outcomes: Iterable[Outcome]) -> dict:
    """Counts for a run, the shape the CLI prints and the flow returns."""
    out = {"ingested": 0, "duplicates": 0, "failed": 0, "skipped": 0, "records": 0, "failures": []}
    for o in outcomes:
        key = {"ingested": "ingested", "resumed": "ingested", "duplicate": "duplicates",
               "failed": "failed"}.get(o.status, "skipped")
        out[key] += 1
        out["records"] += o.records
        if o.status == "failed":
            out["failures"].append({"file": str(o.path), "reason": o.reason})
    return out
