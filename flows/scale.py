"""Several machines: ``archivage deploy`` once, ``archivage worker`` on each machine.

Two flows, registered on the Prefect server at ``PREFECT_API_URL`` in a work pool (``archivage``,
process type) and run by whichever worker polls it:

* ``scan-inbox/scan-inbox``, on a schedule: submits one ``ingest-file`` run per settled inbox file
  that no worker holds (the claims table, see :mod:`archivage.claims`). A file whose worker died
  (its claim expired) is submitted again, and that worker's run is marked crashed.
* ``ingest-file/ingest-file``: claims one file through the database and takes it through
  :func:`archivage.intake.process_claimed`; its pages are tasks, each holding one slot of the
  machine's concurrency limit ``archivage-ocr-HOST`` (created by ``archivage worker`` with one slot
  per core), so a machine never OCRs more pages at once than it has cores, however many runs it
  takes. With ``ARCHIVAGE_DASK_ADDRESS`` set, the pages run on that Dask cluster instead.

Neither flow takes the home folder or the database as a parameter: each machine's worker has its
own ``ARCHIVAGE_HOME`` (where it mounts the shared archive) and ``ARCHIVAGE_DATABASE_URL`` (a
password is not a parameter the server shows), passed to the runs through the environment.
"""

from __future__ import annotations

import os
import socket
import sys

from prefect import flow, get_run_logger, task
from prefect.task_runners import ThreadPoolTaskRunner

from archivage.config import load_settings
from archivage.errors import ConfigError

from .ingest import _workers, mapped_page_reader, read_page

POOL = "archivage"
FILE_DEPLOYMENT = "ingest-file/ingest-file"


def ocr_limit_name(host: str | None = None) -> str:
    """The concurrency limit of one machine's OCR pages."""
    return f"archivage-ocr-{host or socket.gethostname()}"


# --- the per-file flow ------------------------------------------------------------------------


@task(name="read-page-limited", retries=2, retry_delay_seconds=2,
      task_run_name="page {number} of {file}")
def read_page_limited(path: str, sha256: str, number: int, languages: str, dpi: int, cache_dir: str,
                      searchable_dir: str, file: str):
    """``read-page`` holding one slot of this machine's OCR limit (the page cache makes a retry free)."""
    from prefect.concurrency.sync import concurrency

    with concurrency(ocr_limit_name(), occupy=1, strict=False):
        return read_page.fn(path, sha256, number, languages, dpi, cache_dir, searchable_dir, file)


def threaded_page_reader(counts: dict):
    """Pages read by the library's thread pool inside the run, no task per page: the file takes
    as many slots of the machine's limit as it reads pages at once, once (the server sees one
    request per file instead of a task run and a slot per page)."""
    from prefect.concurrency.sync import concurrency

    from archivage.pages import read_pages

    def read(stored, *, sha256: str, count: int, settings, name: str, progress=None, tick=None):
        slots = max(1, min(count, _workers()))
        with concurrency(ocr_limit_name(), occupy=slots, strict=False):
            pages = read_pages(stored, languages=settings.languages, dpi=settings.dpi,
                               cache_dir=settings.cache, searchable_dir=settings.searchable,
                               workers=slots, progress=tick)
        counts["pages"] += len(pages)
        return pages

    return read


def page_runner():
    """Threads on this machine, or the Dask cluster at ``ARCHIVAGE_DASK_ADDRESS``."""
    address = load_settings().dask_address
    if address:
        try:
            from prefect_dask import DaskTaskRunner
        except ImportError:
            raise ConfigError("ARCHIVAGE_DASK_ADDRESS is set but prefect-dask is not installed "
                              "(pip install prefect-dask).") from None
        return DaskTaskRunner(address=address)
    return ThreadPoolTaskRunner(max_workers=_workers())


@flow(name="ingest-file", task_runner=page_runner(), retries=2, retry_delay_seconds=10,
      flow_run_name="{key}")
def ingest_file(key: str) -> dict:
    """Ingest one inbox file (``key``: its path under the inbox) under a database claim."""
    from prefect.runtime import flow_run

    from archivage.claims import Claims
    from archivage.intake import inbox_file, process_claimed, summarise
    from archivage.store import Store

    logger = get_run_logger()
    settings = load_settings().ensure()
    path = inbox_file(settings, key)
    store = Store(settings.database_url)
    try:
        store.migrate()
        counts = {"pages": 0, "pages_cached": 0}
        if settings.dask_address:  # Dask workers have their own cores: no machine limit
            reader = mapped_page_reader(settings, counts)
        elif settings.page_tasks:
            reader = mapped_page_reader(settings, counts, page_task=read_page_limited)
        else:
            reader = threaded_page_reader(counts)
        outcome = process_claimed(path, settings, store, Claims(store), progress=logger.info,
                                  read_pages=reader, run_id=str(flow_run.get_id() or ""))
    finally:
        store.close()
    return summarise([outcome]) | counts | {"status": outcome.status}


# --- the scheduled scan -----------------------------------------------------------------------


@flow(name="scan-inbox")
def scan_inbox(wait: float = 2.0) -> list[str]:
    """Submit one ``ingest-file`` run per settled inbox file that needs one."""
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.states import Crashed

    from archivage.intake import submit_settled
    from archivage.store import Store

    logger = get_run_logger()
    settings = load_settings().ensure()
    store = Store(settings.database_url)
    store.migrate()

    with get_client(sync_client=True) as client:
        def submit(key: str) -> str:
            run = run_deployment(FILE_DEPLOYMENT, parameters={"key": key}, timeout=0, as_subflow=False)
            return str(run.id)

        def is_pending(run_id: str) -> bool:
            """Still waiting in the queue (scheduled, late, awaiting a retry)? A run that a worker
            took but that never claimed its file is not: that worker died before starting it."""
            try:
                state = client.read_flow_run(run_id).state
            except Exception:  # noqa: BLE001 - deleted, or a bad id: not pending
                return False
            return state is not None and state.is_scheduled()

        def dead(due) -> None:
            who = f"worker {due.dead_worker} stopped renewing its claim" if due.dead_worker else \
                f"run {due.dead_run} never claimed it"
            logger.warning(f"{due.key}: {who}; submitted again")
            try:
                state = client.read_flow_run(due.dead_run).state
                if state is not None and not state.is_final():
                    client.set_flow_run_state(due.dead_run, Crashed(message=f"{due.key}: {who}"), force=True)
            except Exception:  # noqa: BLE001 - the record of a dead run is not worth failing the scan
                logger.warning(f"could not mark run {due.dead_run} crashed", exc_info=True)

        try:
            keys = submit_settled(settings, store, submit, wait=wait, is_pending=is_pending, dead=dead,
                                  ended=ended_runs(client))
        finally:
            store.close()
    logger.info(f"{len(keys)} file(s) submitted")
    return keys


def ended_runs(client, hours: float = 6) -> set[str]:
    """Ids of recent ``ingest-file`` runs that ended badly (a worker that crashed while starting
    them, a server that answered 503, retries exhausted, a cancel): their files are due at once."""
    from datetime import UTC, datetime, timedelta

    from prefect.client.schemas.filters import (
        DeploymentFilter,
        DeploymentFilterName,
        FlowRunFilter,
        FlowRunFilterExpectedStartTime,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType

    since = datetime.now(UTC) - timedelta(hours=hours)
    runs = client.read_flow_runs(
        flow_run_filter=FlowRunFilter(
            state=FlowRunFilterState(type=FlowRunFilterStateType(
                any_=[StateType.CRASHED, StateType.FAILED, StateType.CANCELLED])),
            expected_start_time=FlowRunFilterExpectedStartTime(after_=since)),
        deployment_filter=DeploymentFilter(name=DeploymentFilterName(any_=["ingest-file"])),
        limit=200)
    return {str(run.id) for run in runs}


# --- deploy and worker (called by the CLI) ----------------------------------------------------


def api_url() -> str:
    url = os.environ.get("PREFECT_API_URL")
    if not url:
        raise ConfigError("PREFECT_API_URL is not set: deploy and worker talk to a Prefect server "
                          "(e.g. PREFECT_API_URL=http://server:4200/api; start one with `prefect server start`).")
    return url


def ensure_pool(client, pool: str) -> None:
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists
    from prefect.workers.process import ProcessWorker

    try:
        client.create_work_pool(WorkPoolCreate(
            name=pool, type="process", base_job_template=ProcessWorker.get_default_base_job_template()))
    except ObjectAlreadyExists:
        pass


def deploy(*, pool: str = POOL, interval: int = 30) -> list[str]:
    """Register both deployments in ``pool`` (created if missing); return their names."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    from prefect.types.entrypoint import EntrypointType

    api_url()
    with get_client(sync_client=True) as client:
        try:
            client.api_healthcheck()
        except Exception as e:  # noqa: BLE001
            raise ConfigError(f"No Prefect server answers at {api_url()} ({type(e).__name__}).") from None
        ensure_pool(client, pool)
    # Runs import the flows as `flows.scale.*` (an installed package) on whichever machine.
    common = {"entrypoint_type": EntrypointType.MODULE_PATH, "paused": False}
    # One scan at a time; a scan due while another runs is cancelled, not queued: late scans would
    # otherwise fill the workers' slots when they are busy (a scan is a whole flow run).
    one_scan = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW)
    scan = scan_inbox.to_deployment(name="scan-inbox", interval=interval, concurrency_limit=one_scan,
                                    description=f"Submit one ingest-file run per settled inbox file, every {interval} s.",
                                    **common)
    one = ingest_file.to_deployment(name="ingest-file", description="Ingest one inbox file under a claim.",
                                    **common)
    for deployment in (scan, one):
        deployment.apply(work_pool_name=pool)
    return ["scan-inbox/scan-inbox", FILE_DEPLOYMENT]


def set_ocr_limit(slots: int, host: str | None = None) -> str:
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectAlreadyExists, PrefectHTTPStatusError

    name = ocr_limit_name(host)
    with get_client(sync_client=True) as client:
        for attempt in range(3):
            try:
                client.upsert_global_concurrency_limit_by_name(name, slots)
                break
            except (ObjectAlreadyExists, PrefectHTTPStatusError) as e:
                # Two workers of one machine starting together: the other created it between
                # our read and our create (409); the next attempt updates it.
                conflict = isinstance(e, ObjectAlreadyExists) or e.response.status_code == 409
                if not conflict or attempt == 2:
                    raise
    return name


def worker_command(*, pool: str = POOL, runs: int | None = None, name: str | None = None) -> list[str]:
    exe = os.path.join(os.path.dirname(sys.executable), "prefect")
    cmd = [exe] if os.path.exists(exe) else [sys.executable, "-m", "prefect"]
    cmd += ["worker", "start", "--pool", pool, "--type", "process"]
    if runs:
        cmd += ["--limit", str(runs)]
    if name:
        cmd += ["--name", name]
    return cmd


def worker(*, pool: str = POOL, pages: int | None = None, runs: int | None = None,
           name: str | None = None) -> None:
    """Set this machine's OCR limit, then become ``prefect worker start --pool POOL`` (exec)."""
    api_url()
    pages = pages or _workers()
    limit = set_ocr_limit(pages)
    os.environ["ARCHIVAGE_WORKERS"] = str(pages)  # the runs' threads: never more than the limit's slots
    cmd = worker_command(pool=pool, runs=runs or pages, name=name)
    print(f"OCR limit {limit}: {pages} page(s) at once; {' '.join(cmd[-6:])}", flush=True)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.execv(cmd[0], cmd)
