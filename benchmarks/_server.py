"""A `streamlit run` of any script on a free 127.0.0.1 port, in its own process group.

The same start-up as tests/conftest.py's StreamlitServer, kept here so the benchmarks do not
import the test suite. `stop()` ends the whole group and nothing else.
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


class StreamlitServer:
    def __init__(self, script: Path, env: dict[str, str] | None = None, cwd: Path | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(tempfile.gettempdir()) / f"kengir-bench-streamlit-{self.port}.log"
        # The worktree first on the path, so the app imports this checkout's kengir_geo.
        path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [
                str(STREAMLIT),
                "run",
                str(script),
                "--server.address=127.0.0.1",
                f"--server.port={self.port}",
                "--server.headless=true",
                "--browser.gatherUsageStats=false",
                "--server.fileWatcherType=none",
                "--server.enableStaticServing=true",
            ],
            cwd=cwd or script.parent,
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
