"""Scale-out figures: a Prefect server, PostgreSQL, 1 then 2 ``archivage worker`` processes on one backlog.

Prints, for docs/scaling.md:

* pages per second with 1 worker and with 2 (and the ratio), each worker with ``--pages`` OCR slots;
* the fixed cost of a file: wall time of an ``ingest-file`` run on a one-page text PDF (no OCR)
  against the same work in a warm process without Prefect;
* the Prefect server's CPU seconds per file (its process tree, from /proc);
* PostgreSQL commits per second (``save_original`` of one-record files, in process);
* bytes per page on the shared storage (originals, searchable copies, page cache).

    source /work/pgenv.sh   # or ARCHIVAGE_TEST_POSTGRES_URL=postgresql+psycopg://…
    python benchmarks/scale_out.py [--files 6] [--pages 2] [--scans]

``--no-page-tasks`` runs with ``ARCHIVAGE_PAGE_TASKS=0``. ``--scans`` drops scanned pages (OCR; from samples/) instead of born-digital ones. Both workers
run on this machine: with 2 shared cores the ratio shows the orchestration holds, not a speed-up
that the cores cannot give. Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "tests")]

from archivage.config import load_settings  # noqa: E402
from archivage.store import Store  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_cpu(root: int) -> float:
    """CPU seconds (user + system) of a process and its descendants, children reaped included."""
    tick = os.sysconf("SC_CLK_TCK")
    parents, cpu = {}, {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(proc.name)] = int(fields[1])
        cpu[int(proc.name)] = sum(int(x) for x in fields[11:15]) / tick  # utime stime cutime cstime

    def under(pid: int) -> bool:
        while pid > 1:
            if pid == root:
                return True
            pid = parents.get(pid, 0)
        return False

    return sum(c for pid, c in cpu.items() if under(pid))


def scan_pages(out: Path, n: int, pages: int) -> Path:
    """``pages`` scanned pages of the sample dossier, made unique by a blank page's metadata."""
    import pikepdf

    src = pikepdf.open(ROOT / "samples" / "dossier-securite-18e-2019.pdf")
    pdf = pikepdf.new()
    for i in range(pages):
        pdf.pages.append(src.pages[(n * pages + i) % len(src.pages)])
    pdf.docinfo["/Title"] = f"lot {n} {uuid.uuid4().hex}"
    pdf.save(out)
    return out


def make_pg_schema(base: str) -> tuple[str, callable]:
    import sqlalchemy as sa

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")

    def drop():
        with engine.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        engine.dispose()

    url = sa.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False), drop


class Cluster:
    def __init__(self, tmp: Path, database_url: str, interval: int, page_tasks: bool = True):
        self.tmp, self.port = tmp, free_port()
        self.home = tmp / "home"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "ARCHIVAGE_"))}
        self.env.update(PYTHONPATH=f"{ROOT / 'src'}{os.pathsep}{ROOT}", OMP_THREAD_LIMIT="1",
                        PREFECT_HOME=str(tmp / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
                        PREFECT_API_URL=f"http://127.0.0.1:{self.port}/api", ARCHIVAGE_HOME=str(self.home),
                        ARCHIVAGE_DATABASE_URL=database_url, PREFECT_WORKER_QUERY_SECONDS="2",
                        ARCHIVAGE_PDFA="0", ARCHIVAGE_PAGE_TASKS="1" if page_tasks else "0")
        self.procs: dict[str, subprocess.Popen] = {}
        self.idle = 0.0  # server CPU s/s with nothing to do (scans, polls), set by the caller
        self.cli = [sys.executable, "-m", "archivage.cli"]
        self.start("server", str(Path(sys.executable).with_name("prefect")), "server", "start",
                   "--host", "127.0.0.1", "--port", str(self.port))
        deadline = time.monotonic() + 180
        while subprocess.run([*self.cli, "deploy", "--interval", str(interval)], env=self.env, cwd=tmp,
                             capture_output=True).returncode != 0:
            if time.monotonic() > deadline:
                raise SystemExit(f"the Prefect server did not start; see {tmp / 'server.log'}")
            time.sleep(2)

    def start(self, name: str, *args: str) -> None:
        with open(self.tmp / f"{name}.log", "ab") as out:
            self.procs[name] = subprocess.Popen(args, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                                cwd=self.tmp, start_new_session=True)

    def worker(self, name: str, pages: int) -> None:
        self.start(name, *self.cli, "worker", "--pages", str(pages), "--runs", str(pages + 1), "--name", name)

    def server_cpu(self) -> float:
        return tree_cpu(self.procs["server"].pid)

    def workers_cpu(self) -> float:
        """CPU of the workers and of the flow runs they started (reaped children count)."""
        return sum(tree_cpu(p.pid) for name, p in self.procs.items() if name.startswith("w"))

    def stop(self) -> None:
        for proc in self.procs.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)


def idle_server_cpu(cluster: Cluster, seconds: float = 40) -> float:
    """Server CPU seconds per second with an empty inbox: the scheduled scans and the workers' polls."""
    cpu0, t0 = cluster.server_cpu(), time.monotonic()
    time.sleep(seconds)
    return (cluster.server_cpu() - cpu0) / (time.monotonic() - t0)


def drain(cluster: Cluster, store: Store, make, files: int, pages: int, label: str) -> dict:
    settings = load_settings(cluster.home)
    start_originals = store.stats()["originals"]
    cpu0, wcpu0, t0 = cluster.server_cpu(), cluster.workers_cpu(), time.monotonic()
    for n in range(files):
        make(settings.inbox / f"{label}-{n:03d}.pdf", n)
    while store.stats()["originals"] < start_originals + files:
        if time.monotonic() - t0 > 1800:
            raise SystemExit(f"{label}: the backlog did not drain in 30 minutes; see {cluster.tmp}")
        time.sleep(0.5)
    wall = time.monotonic() - t0
    server = cluster.server_cpu() - cpu0 - cluster.idle * wall  # what the files added to the idle rate
    return {"wall": wall, "pages_per_s": files * pages / wall, "server_cpu_per_file": server / files, "worker_cpu_per_file": (cluster.workers_cpu() - wcpu0) / files}


def in_process_seconds(home: Path, make) -> float:
    """The same one-page file through the intake in a warm process (spaCy loaded), no Prefect."""
    from archivage.intake import process_file

    settings = load_settings(home).ensure()
    store = Store(settings.database_url)
    store.migrate()
    process_file(make(settings.inbox / "warm.pdf", 900), settings, store, in_inbox=True, wait=0)
    times = []
    for n in range(3):
        path = make(settings.inbox / f"warm-{n}.pdf", 901 + n)
        t = time.monotonic()
        process_file(path, settings, store, in_inbox=True, wait=0)
        times.append(time.monotonic() - t)
    store.close()
    return sorted(times)[1]


def pg_commits_per_second(database_url: str, n: int = 200) -> dict:
    from conftest import _record

    store = Store(database_url)
    store.migrate()
    t = time.monotonic()
    for i in range(n):
        sha = f"{i:064x}"
        rec = _record(sha, f"f{i}.pdf", [1], "deliberation", "Budget de la voirie", "2021-03-04",
                      "Le conseil municipal approuve le budget de la voirie communale, 12 000 euros. " * 20)
        store.save_original(sha256=sha, file=f"f{i}.pdf", stored_path="/x", size=1, pages=1, records=[rec])
    wall = time.monotonic() - t
    store.close()
    return {"commits_per_s": n / wall}


def bytes_per_page(home: Path, store: Store) -> dict:
    archive = home / "archive"
    parts = {}
    for part in ("originals", "searchable", "cache"):
        parts[part] = sum(f.stat().st_size for f in (archive / part).rglob("*") if f.is_file())
    pages = store.stats()["pages"]
    return {k: v / pages for k, v in parts.items()} | {"pages": pages}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--files", type=int, default=6)
    p.add_argument("--pages", type=int, default=2, help="pages per file")
    p.add_argument("--slots", type=int, default=1, help="OCR pages at once per worker")
    p.add_argument("--scans", action="store_true", help="scanned pages (OCR) instead of text PDFs")
    p.add_argument("--no-page-tasks", action="store_true", help="ARCHIVAGE_PAGE_TASKS=0: pages in the run's threads")
    p.add_argument("--database-url", default=os.environ.get("ARCHIVAGE_TEST_POSTGRES_URL"))
    args = p.parse_args()
    if not args.database_url:
        raise SystemExit("needs PostgreSQL: --database-url or ARCHIVAGE_TEST_POSTGRES_URL")
    from test_scale import register_pdf

    def make(path: Path, n: int) -> Path:
        if args.scans:
            return scan_pages(path, n, args.pages)
        return register_pdf(path, n, pages=args.pages)

    def one_page(path: Path, n: int) -> Path:
        return register_pdf(path, 5000 + n, pages=1)

    url, drop = make_pg_schema(args.database_url)
    tmp = Path(tempfile.mkdtemp(prefix="scale-out-"))
    cluster = Cluster(tmp, url, interval=5, page_tasks=not args.no_page_tasks)
    store = Store(url)
    try:
        cluster.worker("w1", args.slots)
        drain(cluster, store, make, 1, args.pages, "warmup")  # the first run pays imports, caches
        cluster.idle = idle_server_cpu(cluster)
        one = drain(cluster, store, make, args.files, args.pages, "one")
        cluster.worker("w2", args.slots)
        drain(cluster, store, make, 1, args.pages, "warmup2")
        cluster.idle = idle_server_cpu(cluster)
        two = drain(cluster, store, make, args.files, args.pages, "two")
        fixed = drain(cluster, store, one_page, args.files, 1, "fixed")
        sizes = bytes_per_page(cluster.home, store)
    finally:
        store.close()
        cluster.stop()
    warm = in_process_seconds(tmp / "warm-home", one_page)
    commits_url, drop2 = make_pg_schema(args.database_url)
    commits = pg_commits_per_second(commits_url)
    drop()
    drop2()
    per_file_run = fixed["wall"] / args.files * 2  # two workers drained it side by side
    print(f"backlog: {args.files} files x {args.pages} {'scanned' if args.scans else 'text'} pages, "
          f"{'pages in the run' if args.no_page_tasks else 'one task per page'}, "
          f"{args.slots} OCR slot(s) per worker, {os.cpu_count()} cores on this machine")
    print(f"server CPU with an empty inbox (scans every 5 s, 2 workers polling): {cluster.idle:.3f} s/s; "
          "subtracted from the figures per file below")
    print(f"1 worker : {one['pages_per_s']:.2f} pages/s ({one['wall']:.0f} s), "
          f"server CPU {one['server_cpu_per_file']:.2f} s/file, workers' CPU {one['worker_cpu_per_file']:.1f} s/file")
    print(f"2 workers: {two['pages_per_s']:.2f} pages/s ({two['wall']:.0f} s), "
          f"server CPU {two['server_cpu_per_file']:.2f} s/file, workers' CPU {two['worker_cpu_per_file']:.1f} s/file; "
          f"ratio {two['pages_per_s'] / one['pages_per_s']:.2f}")
    print(f"fixed cost of a file: {per_file_run:.1f} s per one-page text file as a flow run "
          f"(a worker's wall time) vs {warm:.2f} s in a warm process: {per_file_run - warm:.1f} s of flow run")
    print(f"CPU per one-page text file: server {fixed['server_cpu_per_file']:.2f} s, workers and their "
          f"flow runs {fixed['worker_cpu_per_file']:.1f} s (in a warm process without Prefect: {warm:.2f} s wall)")
    print(f"PostgreSQL: {commits['commits_per_s']:.0f} one-record files committed per second (one client)")
    print("shared storage per page: " + ", ".join(f"{k} {v / 1024:.1f} KB" for k, v in sizes.items()
                                                  if k != "pages") + f" (over {sizes['pages']} pages)")
    print(f"logs and archive: {tmp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
