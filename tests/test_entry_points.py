"""`streamlit run streamlit_app.py` (a checkout, Streamlit Community Cloud) serves the same app
as `kengir-geo serve`: the top-level script only calls the packaged one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from harness.chromium import TIMEMAP_IFRAME
from harness.server import free_port

ROOT = Path(__file__).resolve().parent.parent
STREAMLIT = Path(sys.executable).parent / "streamlit"


def test_streamlit_app_is_thin_and_the_config_is_one_copy():
    source = (ROOT / "streamlit_app.py").read_text()
    assert "from kengir_geo.app.main import run" in source
    assert "import streamlit" not in source
    config = ROOT / ".streamlit" / "config.toml"
    assert config.resolve() == ROOT / "kengir_geo" / "app" / "config.toml"


@pytest.mark.browser
def test_streamlit_run_streamlit_app_serves_the_app(page, tmp_path):
    """Run as its README says, from the checkout, with no flags but the port."""
    port = free_port()
    log_path = tmp_path / "streamlit.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [str(STREAMLIT), "run", "streamlit_app.py", f"--server.port={port}"],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, log_path.read_text()
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    assert reply.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, log_path.read_text()
                time.sleep(0.2)
        page.emulate_media(color_scheme="dark")  # Streamlit follows it unless a theme is set
        page.goto(f"{url}/story")
        page.locator(".st-key-story_next button:visible").first.wait_for(timeout=60_000)
        page.frame_locator(TIMEMAP_IFRAME).locator("body[data-ready='1']").wait_for(
            state="attached", timeout=60_000
        )
        assert page.title() == "Kengir 1954"
        assert page.locator('[data-testid="stException"]').count() == 0
        # the settings came from .streamlit/config.toml: its light theme, in a dark browser
        background = page.evaluate(
            "getComputedStyle(document.querySelector('[data-testid=\"stApp\"]')).backgroundColor"
        )
        assert background == "rgb(255, 255, 255)"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
