"""``watch``: a local Prefect server, the scheduled deployment picking up a dropped file, a clean stop.

One test: starting a Prefect server costs 10-20 s. It runs the real thing in a subprocess, as a user would.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from archivage.config import load_settings

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def note_pdf(path: Path, subject: str) -> Path:
    """A one-page born-digital note (text layer: no OCR, the test is about scheduling)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("serif", fname=FONT)
    pdf.set_font("serif", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, f"Note à l'attention de Monsieur le Maire\nParis, le 4 avril 2022\n\nObjet : {subject}\n\n"
                   "Le conseil de quartier Chapelle-Marx Dormoy a examiné le 28 mars 2022 le projet "
                   "d'aménagement, chiffré à 120 000 euros.\n\nLa directrice de cabinet\nAnne Martin")
    pdf.output(str(path))
    return path


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
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_RUNNER_POLL_FREQUENCY="2")  # the runner looks for due runs every 2 s, not 10
    log = tmp_path / "watch.log"
    with open(log, "wb") as out:
        # the command an archivist types
        proc = subprocess.Popen([str(Path(sys.executable).with_name("archivage")), "--home", str(settings.home),
                                 "watch", "--interval", "5"], cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        def announced_port():
            m = re.search(r"UI at http://127\.0\.0\.1:(\d+)", log.read_text())
            return int(m.group(1)) if m else None

        port = wait_for(announced_port, 120, "the Prefect server", proc, log)
        note_pdf(settings.inbox / "note.pdf", "square Léon")
        store = Store(settings.database_url)
        records = wait_for(lambda: list(store.records()), 120, "the scheduled run's records", proc, log)

        assert [r["source"]["file"] for r in records] == ["note.pdf"]
        assert not (settings.inbox / "note.pdf").exists()
        assert (tmp_path / "prefect-home").is_dir()  # the server kept its data where it was told

        # The on-demand deployment, as an archivist would start it, over a file outside the inbox.
        outside = note_pdf(tmp_path / "hors-inbox.pdf", "rue Ordener")
        run = subprocess.run(
            [str(Path(sys.executable).with_name("prefect")), "deployment", "run", "ingest/ingest-on-demand",
             "--param", f'paths=["{outside}"]', "--watch", "--watch-timeout", "120"],
            env=dict(env, PREFECT_API_URL=f"http://127.0.0.1:{port}/api"), capture_output=True, text=True,
            timeout=180)
        assert run.returncode == 0, run.stdout + run.stderr
        assert "hors-inbox.pdf" in [r["source"]["file"] for r in store.records()]
        assert outside.exists()  # a file named on demand is the user's: left in place
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
