"""ARCHIVAGE_DASK_ADDRESS: one file's pages run as tasks on a Dask cluster (a real LocalCluster, threads
only: processes would each start a Prefect server in ephemeral mode), through prefect-dask."""

from __future__ import annotations

import pytest
from test_scale import register_pdf

from archivage.config import load_settings
from archivage.store import Store

distributed = pytest.importorskip("distributed")
pytest.importorskip("prefect_dask")


def test_the_pages_of_a_file_run_on_the_dask_cluster(tmp_path, monkeypatch):
    from flows.scale import ingest_file, page_runner

    home = tmp_path / "home"
    settings = load_settings(home).ensure()
    register_pdf(settings.inbox / "registre.pdf", 7, pages=3)
    monkeypatch.setenv("ARCHIVAGE_HOME", str(home))
    monkeypatch.delenv("ARCHIVAGE_DATABASE_URL", raising=False)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        monkeypatch.setenv("ARCHIVAGE_DASK_ADDRESS", cluster.scheduler_address)
        runner = page_runner()
        assert type(runner).__name__ == "DaskTaskRunner"
        with distributed.get_task_stream(client) as stream:
            summary = ingest_file.with_options(task_runner=runner, retries=0)("registre.pdf")
        ran = [t["key"] for t in stream.data]
    assert summary["ingested"] == 1 and summary["pages"] == 3
    assert not (settings.inbox / "registre.pdf").exists()
    store = Store(settings.database_url)
    assert store.stats()["originals"] == 1 and store.stats()["pages"] == 3
    store.close()
    # every page was a task on the cluster
    assert sum("read_page" in str(key) or "read-page" in str(key) for key in ran) == 3, ran


def test_a_dask_address_without_prefect_dask_says_what_to_install(monkeypatch):
    import builtins

    from archivage.errors import ConfigError
    from flows.scale import page_runner

    real_import = builtins.__import__

    def no_prefect_dask(name, *args, **kwargs):
        if name == "prefect_dask":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setenv("ARCHIVAGE_DASK_ADDRESS", "tcp://127.0.0.1:8786")
    monkeypatch.setattr(builtins, "__import__", no_prefect_dask)
    with pytest.raises(ConfigError, match="pip install prefect-dask"):
        page_runner()
