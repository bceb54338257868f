"""Shared fixtures: the bundled atlas, a real Chromium, and a real `streamlit run` server."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# One way to start Chromium and a streamlit server, shared with the benchmarks.
from harness.chromium import ARGS as CHROMIUM_ARGS
from harness.chromium import CHROMIUM
from harness.server import StreamlitServer

# CI draws the same cases on every run and keeps no database between runs, so a red run means
# the code changed, not the dice; elsewhere Hypothesis explores (and remembers what failed).
# No deadlines anywhere: a shared, busy machine must not turn a slow example into a failure.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")

__all__ = ["StreamlitServer"]  # test_ingest_browser starts its own server


# Whole files whose tests each start processes (the console script, a worker bounded in time
# and memory, a wheel build, the benchmarks' fresh interpreters): `make test-fast` leaves them
# out, `make test` runs them. The Hypothesis sweeps carry @pytest.mark.slow themselves.
PROCESS_HEAVY = {
    "test_hostile_input.py",
    "test_ingest_write.py",
    "test_ingest_limits.py",
    "test_packaging.py",
    "test_benchmarks_smoke.py",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in PROCESS_HEAVY:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def bundled_atlas():
    """The bundled atlas, loaded once a session: load_atlas's own cache keeps 8 folders, and
    the tests load many more, so a test that calls load_atlas() may load it all again."""
    from kengir_geo import load_atlas

    return load_atlas()


@pytest.fixture(scope="session")
def atlas(bundled_atlas):
    return bundled_atlas


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by playwright. Missing Chromium fails under CI, skips elsewhere."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("browser tests need /usr/bin/chromium (apt-get install chromium)")
        pytest.skip("/usr/bin/chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def app_server() -> Iterator[StreamlitServer]:
    """The real app, started once per test session."""
    if shutil.which("streamlit", path=str(Path(sys.executable).parent)) is None:
        pytest.fail("streamlit is not installed in this environment")
    server = StreamlitServer()
    try:
        server.wait_healthy()
        yield server
    finally:
        server.stop()
