"""A local Prefect server for ``archivage watch``: started as a subprocess, stopped on exit.

Prefect's ephemeral mode runs one-off flows but never runs schedules (each process gets its own
temporary server), so the watch command starts a real one, on the loopback interface only, with
its database in ``PREFECT_HOME`` (``~/.prefect`` unless set). Plain subprocess code.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from archivage.errors import ConfigError

DEFAULT_PORT = 4200  # Prefect's own default: the UI address people expect


def free_port(host: str = "127.0.0.1", preferred: int | None = DEFAULT_PORT) -> int:
    """``preferred`` if nothing listens there, else a port the system picks."""
    for port in ([preferred] if preferred else []) + [0]:
        with socket.socket() as s:
            try:
                s.bind((host, port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise ConfigError(f"No free TCP port on {host} for the local Prefect server.")


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _die_with_parent() -> None:
    """In the child, Linux only: get SIGTERM if the watch process dies without cleaning up (kill -9)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _prefect_command() -> list[str]:
    exe = Path(sys.executable).with_name("prefect")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "prefect"]


class LocalServer:
    """``prefect server start`` on 127.0.0.1:PORT in its own process group."""

    def __init__(self, *, port: int | None = None, log_path: Path | None = None):
        self.host = "127.0.0.1"
        self.port = port or free_port(self.host)
        self.api_url = f"http://{self.host}:{self.port}/api"
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 120) -> LocalServer:
        env = dict(os.environ, PREFECT_SERVER_ANALYTICS_ENABLED="false")
        # The server must not try to talk to another server (or to itself) as a client.
        env.pop("PREFECT_API_URL", None)
        if self.log_path:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            out = open(self.log_path, "ab")  # noqa: SIM115 - kept open for the server's lifetime
        else:
            out = subprocess.DEVNULL
        try:
            # A session of its own: a Ctrl-C in the terminal reaches only us, and we stop the
            # server (and the uvicorn workers it spawns) as a group, in order.
            self.process = subprocess.Popen(
                [*_prefect_command(), "server", "start", "--host", self.host, "--port", str(self.port)],
                env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True, preexec_fn=_die_with_parent if sys.platform == "linux" else None)
        finally:
            if out is not subprocess.DEVNULL:
                out.close()  # the child holds its own descriptor
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                where = f" (see {self.log_path})" if self.log_path else ""
                raise ConfigError(f"The local Prefect server exited at start with code "
                                  f"{self.process.returncode}{where}.")
            if _healthy(self.api_url):
                return self
            time.sleep(0.5)
        self.stop()
        raise ConfigError(f"The local Prefect server did not answer on {self.api_url} within {timeout:.0f} s.")

    def stop(self, timeout: float = 20) -> None:
        """SIGTERM the server's process group, then SIGKILL what is left after ``timeout``."""
        proc = self.process
        if proc is None or proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
        # Children of the group (uvicorn) may outlive the leader by a moment.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
