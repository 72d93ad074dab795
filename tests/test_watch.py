"""``watch``: a local Prefect server, the scheduled deployment picking up a dropped file, a clean stop.

One test: starting a Prefect server costs 10-20 s. It runs the real thing in a subprocess, as a user would.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from archivage.config import load_settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "dossier-securite-18e-2019-born-digital.pdf"


def wait_for(check, timeout: float, what: str, proc: subprocess.Popen, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        assert proc.poll() is None, f"watch exited early:\n{log.read_text()[-3000:]}"
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what}:\n{log.read_text()[-3000:]}")


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def server_processes(port: int) -> list[int]:
    """Processes whose command line is a Prefect server on ``port``."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"server" in args and str(port).encode() in args:
            found.append(int(proc.name))
    return found


def test_watch_serves_the_inbox_on_a_schedule_and_stops_its_server(tmp_path):
    from archivage.store import Store

    settings = load_settings(tmp_path / "home").ensure()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "ARCHIVAGE_"))}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    log = tmp_path / "watch.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "flows.serve", "--home", str(settings.home),
                                 "--interval", "5"], cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        def announced_port():
            m = re.search(r"UI at http://127\.0\.0\.1:(\d+)", log.read_text())
            return int(m.group(1)) if m else None

        port = wait_for(announced_port, 120, "the Prefect server", proc, log)
        shutil.copyfile(SAMPLE, settings.inbox / "dossier.pdf")
        store = Store(settings.database_url)
        records = wait_for(lambda: list(store.records()), 120, "the scheduled run's records", proc, log)

        assert records[0]["source"]["file"] == "dossier.pdf"
        assert not (settings.inbox / "dossier.pdf").exists()
        assert (tmp_path / "prefect-home").is_dir()  # the server kept its data where it was told
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert code == 0, log.read_text()[-3000:]
    assert "Prefect server stopped." in log.read_text()
    assert not port_open(port)
    assert server_processes(port) == []
