"""``archivage watch``: serve the ingest flow on a schedule over the inbox, and on demand.

Two deployments of the ``ingest`` flow are served by this process:

* ``ingest/ingest-inbox``: every ``interval`` seconds over the inbox of the home folder;
* ``ingest/ingest-on-demand``: no schedule; ``prefect deployment run 'ingest/ingest-on-demand'``.

Without ``PREFECT_API_URL``, a local Prefect server is started for the lifetime of the command
(schedules never run in Prefect's ephemeral mode) and stopped on exit — only that one.

    python -m flows.serve --home DIR [--interval S]
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading

from archivage.config import Settings, load_settings

from .server import LocalServer


def _raise_on_sigterm(signum, frame):
    # Until Prefect's runner installs its own handler, a SIGTERM must still unwind through our
    # `finally` (and stop the server) instead of killing the process on the spot.
    raise SystemExit(128 + signum)


def export_settings(settings: Settings) -> None:
    """Flow runs are subprocesses of the runner: they read the settings from the environment.

    The database URL is not a deployment parameter on purpose: parameters are stored and shown
    by the Prefect server, and a PostgreSQL URL may carry a password.
    """
    os.environ["ARCHIVAGE_HOME"] = str(settings.home)
    os.environ["ARCHIVAGE_DATABASE_URL"] = settings.database_url
    os.environ["ARCHIVAGE_OCR_LANGUAGES"] = settings.languages
    os.environ["ARCHIVAGE_DPI"] = str(settings.dpi)
    os.environ["ARCHIVAGE_WORKERS"] = str(settings.workers)


def deployments(settings: Settings, interval: int):
    from prefect.types.entrypoint import EntrypointType

    from .ingest import ingest

    # Flow runs import the flow as `flows.ingest.ingest` (an installed package), whatever the
    # working directory, and run flows/__init__.py's environment defaults on the way.
    # paused=False: a restart re-activates a schedule paused when the last watch stopped.
    common = {"parameters": {"home": str(settings.home)}, "entrypoint_type": EntrypointType.MODULE_PATH,
              "paused": False}
    return [
        ingest.to_deployment(name="ingest-inbox", interval=interval,
                             description=f"Ingest {settings.inbox} every {interval} s.", **common),
        ingest.to_deployment(name="ingest-on-demand", description=f"Ingest {settings.inbox} now.", **common),
    ]


def watch(settings: Settings, *, interval: int | None = None) -> None:
    """Serve the scheduled and the on-demand deployments until Ctrl-C or SIGTERM."""
    interval = interval or settings.interval
    settings.ensure()
    export_settings(settings)
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _raise_on_sigterm) if main_thread else None
    server = None
    try:
        api_url = os.environ.get("PREFECT_API_URL")
        if not api_url:
            server = LocalServer(log_path=settings.home / "prefect-server.log").start()
            api_url = os.environ["PREFECT_API_URL"] = server.api_url
            print(f"Prefect server started: UI at {api_url.removesuffix('/api')}\n"
                  f"On-demand run: PREFECT_API_URL={api_url} prefect deployment run 'ingest/ingest-on-demand'",
                  flush=True)
        serve(settings, interval, api_url, own_server=server is not None)
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            server.stop()
            print("Prefect server stopped.", flush=True)
        if main_thread:
            signal.signal(signal.SIGTERM, previous)


def serve(settings: Settings, interval: int, api_url: str, *, own_server: bool) -> None:
    # Prefect reads its settings once at import; the URL may have been set after that.
    from prefect import serve as prefect_serve
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: api_url}):
        # No run limit: a run that starts while another works on the inbox finds the intake
        # lock taken and ends at once, where a limit would leave skipped runs piling up late.
        # On a shared server, pause the schedule on exit so runs do not pile up unserved; our
        # own server stops with us, so there is nothing to pause.
        prefect_serve(*deployments(settings, interval), pause_on_shutdown=not own_server,
                      print_starting_message=False)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m flows.serve", description="Serve the ingest flow.")
    p.add_argument("--home")
    p.add_argument("--interval", type=int)
    args = p.parse_args(argv)
    settings = load_settings(args.home, interval=args.interval)
    print(f"Watching {settings.inbox} every {settings.interval} s (Ctrl-C to stop).", flush=True)
    watch(settings, interval=settings.interval)
    return 0


if __name__ == "__main__":
    sys.exit(main())
