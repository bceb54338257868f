"""The app (`kengir-geo serve`) or a `streamlit run` of any script, on a free 127.0.0.1 port
in its own process group.

The tests and the benchmarks start servers the same way, and neither imports the other. `stop()` ends the whole group and nothing else.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STREAMLIT = Path(sys.executable).parent / "streamlit"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def script_command(script: Path, port: int) -> list[str]:
    return [
        str(STREAMLIT),
        "run",
        str(script),
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--server.headless=true",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
        "--server.enableStaticServing=true",
    ]


def app_command(port: int, *options: str) -> list[str]:
    """The real app as a user starts it: `kengir-geo serve`."""
    return [sys.executable, "-m", "kengir_geo.cli", "serve", f"--port={port}", *options]


class StreamlitServer:
    """`script` is a Streamlit script to run; None runs the app through `kengir-geo serve`
    with `options` (for example --allow-save)."""

    def __init__(
        self,
        script: Path | None = None,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        options: tuple[str, ...] = (),
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(tempfile.gettempdir()) / f"kengir-bench-streamlit-{self.port}.log"
        # The worktree first on the path, so the app imports this checkout's kengir_geo.
        path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        self.started = time.monotonic()
        command = (
            app_command(self.port, *options)
            if script is None
            else script_command(script, self.port)
        )
        self.process = subprocess.Popen(
            command,
            cwd=cwd or (script.parent if script else ROOT),
            env={**os.environ, "PYTHONPATH": path, **(env or {})},
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_healthy(self, timeout: float = 120) -> float:
        """Seconds from process start until /_stcore/health answers."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        return time.monotonic() - self.started
            except OSError:
                time.sleep(0.05)
        raise TimeoutError(f"streamlit not healthy after {timeout}s:\n{self.log_tail()}")

    def log_tail(self) -> str:
        return self.log.read_text()[-3000:]

    def rss_bytes(self) -> int:
        """Resident memory of every process in the server's group (streamlit and children)."""
        total = 0
        for status in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = status.read_text().rsplit(")", 1)[1].split()
                if int(fields[2]) != self.process.pid:  # field 5 of stat: process group
                    continue
                rss_pages = int(fields[21])  # field 24: rss in pages
            except (OSError, IndexError, ValueError):
                continue
            total += rss_pages * os.sysconf("SC_PAGE_SIZE")
        return total

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)

    def __enter__(self) -> StreamlitServer:
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()
