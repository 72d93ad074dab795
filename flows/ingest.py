"""The ``ingest`` flow: one flow run per batch, page OCR as mapped tasks on a thread pool.

A flow run has a fixed cost (about a second), so there is one per batch, never one per file or
page. Pages are tasks: they run in parallel (tesseract is a subprocess, so threads are enough;
process-pool or Dask runners would start a Prefect server per worker in ephemeral mode), are
retried on transient errors, and are cached on the original's content hash, so a re-run never
OCRs a page twice. The files themselves go through :func:`archivage.intake.process_file`, the
same code the CLI runs without Prefect.
"""

from __future__ import annotations

# flows/__init__.py (imported first) sets the environment defaults Prefect reads on import.
import os
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from archivage.config import Settings, load_settings
from archivage.errors import ArchivageError
from archivage.intake import ingest_inbox, ingest_paths, summarise
from archivage.model import Page


def page_cache_key(context, parameters: dict) -> str:
    """Same content, page and OCR settings: same text. The path does not matter (it is derived)."""
    p = parameters
    return f"{p['sha256']}-{p['number']}-{p['languages']}-{p['dpi']}"


def retry_unless_bad_input(task, task_run, state) -> bool:
    """A corrupt page stays corrupt: retry only what may be transient (a killed tesseract, I/O)."""
    exc = state.result(raise_on_failure=False)
    return not isinstance(exc, ArchivageError)


@task(name="read-page", retries=2, retry_delay_seconds=2, retry_condition_fn=retry_unless_bad_input,
      cache_key_fn=page_cache_key, persist_result=True,
      task_run_name="page {number} of {file}")
def read_page(path: str, sha256: str, number: int, languages: str, dpi: int, cache_dir: str,
              searchable_dir: str, file: str) -> Page:
    from archivage.pages import read_page as read_one

    page = read_one(Path(path), number, languages=languages, dpi=dpi, cache_dir=Path(cache_dir),
                    searchable_dir=Path(searchable_dir))
    conf = f", confidence {page.confidence:.0f}" if page.confidence is not None else ""
    get_run_logger().info(f"{file} page {number}: {page.method}{conf}")
    return page


def _workers() -> int:
    return int(os.environ.get("ARCHIVAGE_WORKERS") or 0) or os.cpu_count() or 2


def results_storage(settings: Settings) -> Path:
    """Task results (pages) live in the archive, next to what they were computed from.

    A Path means a local folder to Prefect (an unsaved LocalFileSystem block is refused).
    """
    return settings.archive / "prefect-results"


def mapped_page_reader(settings: Settings, counts: dict, page_task=None):
    """A page reader for :func:`process_file` that maps the ``read-page`` task (or ``page_task``,
    same parameters) over the pages."""
    page_task = page_task or read_page.with_options(result_storage=results_storage(settings))

    def read_pages(stored: Path, *, sha256: str, count: int, settings: Settings, name: str,
                   progress=None, tick=None) -> list[Page]:
        numbers = list(range(1, count + 1))
        futures = page_task.map(path=str(stored), sha256=sha256, number=numbers,
                                languages=settings.languages, dpi=settings.dpi,
                                cache_dir=str(settings.cache), searchable_dir=str(settings.searchable),
                                file=name)
        for _ in as_completed(futures):
            if tick:
                tick(1)
        pages = [f.result() for f in futures]  # the first failed page raises: the file fails
        cached = sum(f.state.name == "Cached" for f in futures)
        counts["pages"] += len(pages)
        counts["pages_cached"] += cached
        if progress and cached:
            progress(f"{name}: {cached} of {len(pages)} page(s) taken from the cache")
        return pages

    return read_pages


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=_workers()))
def ingest(home: str | None = None, paths: list[str] | None = None, database_url: str | None = None,
           languages: str | None = None) -> dict:
    """Ingest the inbox of ``home`` (or the given files, left where they are); return the counts."""
    from archivage.ocr import check_languages
    from archivage.store import Store

    logger = get_run_logger()
    settings = load_settings(home, database_url=database_url, languages=languages).ensure()
    check_languages(settings.languages)  # a missing language pack stops the run, not every page
    store = Store(settings.database_url)
    store.migrate()  # schema changes happen here, at the start of a writing run, never on open
    counts = {"pages": 0, "pages_cached": 0}
    reader = mapped_page_reader(settings, counts)
    if paths:
        logger.info(f"ingesting {len(paths)} path(s) into {settings.home}")
        outcomes = ingest_paths(paths, settings, store, progress=logger.info, read_pages=reader)
    else:
        logger.info(f"scanning {settings.inbox}")
        outcomes = ingest_inbox(settings, store, progress=logger.info, read_pages=reader)
    summary = summarise(outcomes) | counts
    logger.info(f"{summary['ingested']} ingested, {summary['records']} document(s), "
                f"{summary['duplicates']} duplicate(s), {summary['failed']} failed, "
                f"{summary['skipped']} left for the next run; {counts['pages']} page(s) read, "
                f"{counts['pages_cached']} from the cache")
    return summary
