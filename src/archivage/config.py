"""Where things live and how the pipeline runs: one home folder, overridable by environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    interval: int = 30  # seconds between scheduled ingest runs
    languages: str = "fra"  # tesseract languages, e.g. "fra+eng"
    dpi: int = 300
    workers: int = 0  # OCR worker processes; 0 means one per core
    pdfa: bool = True  # searchable copies as PDF/A-2b (ghostscript), the archival format
    dask_address: str | None = None  # a Dask scheduler for one file's pages (deployed flows)
    page_tasks: bool = True  # deployed flows: one Prefect task per page (False: the run's own threads)

    @property
    def inbox(self) -> Path:
        return self.home / "inbox"

    @property
    def failed(self) -> Path:
        return self.inbox / "_failed"

    @property
    def archive(self) -> Path:
        return self.home / "archive"

    @property
    def originals(self) -> Path:
        return self.archive / "originals"

    @property
    def searchable(self) -> Path:
        return self.archive / "searchable"

    @property
    def cache(self) -> Path:
        return self.archive / "cache"

    def ensure(self) -> Settings:
        for d in (self.inbox, self.failed, self.originals, self.searchable, self.cache):
            d.mkdir(parents=True, exist_ok=True)
        return self


def load_settings(home: str | os.PathLike | None = None, **overrides) -> Settings:
    """Settings from arguments, then ``ARCHIVAGE_*`` environment variables, then defaults."""
    env = os.environ
    home_path = Path(home or env.get("ARCHIVAGE_HOME") or "data").expanduser().resolve()
    db = overrides.pop("database_url", None) or env.get("ARCHIVAGE_DATABASE_URL")
    if not db:
        db = f"sqlite:///{home_path / 'archivage.db'}"
    values = {
        "interval": int(env.get("ARCHIVAGE_INTERVAL", 30)),
        "languages": env.get("ARCHIVAGE_OCR_LANGUAGES", "fra"),
        "dpi": int(env.get("ARCHIVAGE_DPI", 300)),
        "workers": int(env.get("ARCHIVAGE_WORKERS", 0)),
        "pdfa": env.get("ARCHIVAGE_PDFA", "1").strip().lower() not in ("0", "false", "no", "off"),
        "dask_address": env.get("ARCHIVAGE_DASK_ADDRESS") or None,
        "page_tasks": env.get("ARCHIVAGE_PAGE_TASKS", "1").strip().lower() not in ("0", "false", "no", "off"),
    }
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(home=home_path, database_url=db, **values)


# Transfer packages (``export --format seda``): (name, option, environment variable, what it is).
# Read by ``seda.agencies`` only when a package is made; the first three are required there.
SEDA_SETTINGS = [
    ("archival_agency", "--archival-agency", "ARCHIVAGE_SEDA_ARCHIVAL_AGENCY",
     "the identifier of the archives service receiving the transfer"),
    ("transferring_agency", "--transferring-agency", "ARCHIVAGE_SEDA_TRANSFERRING_AGENCY",
     "the identifier of the service transferring the records"),
    ("originating_agency", "--originating-agency", "ARCHIVAGE_SEDA_ORIGINATING_AGENCY",
     "the identifier of the service that produced the records"),
    ("agreement", "--agreement", "ARCHIVAGE_SEDA_AGREEMENT", "the identifier of the transfer agreement"),
]
