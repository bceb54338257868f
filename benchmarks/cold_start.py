"""Figure 2: cold start — from starting `streamlit run` to the map drawn in Chromium.

The browser is already running (a user's is); each repetition starts a new server process
and opens the page in a new browser context (empty cache). Ours: the app's first page.
Baseline: a one-marker streamlit-folium page served the same way (apps/minimal_app.py).
"""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks._browser import MAP_IFRAME, VIEWPORT, launch
from benchmarks._mapwatch import INSTALL_JS, WAIT_MAP_JS
from benchmarks._server import ROOT, StreamlitServer
from benchmarks._stats import Summary, paired_ratios
from benchmarks._table import Row, ratio_text, seconds, spread

APPS = Path(__file__).resolve().parent / "apps"
TARGET_RATIO = 1.2


def time_to_map(browser, script: Path) -> tuple[float, float]:
    """(seconds to map drawn, seconds of that until the server answered /_stcore/health)."""
    server = StreamlitServer(script, cwd=script.parent)
    try:
        healthy = server.wait_healthy()
        context = browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            page.goto(server.url + "/")
            page.wait_for_selector(MAP_IFRAME, state="attached", timeout=120_000)
            page.evaluate(INSTALL_JS)
            page.wait_for_function(WAIT_MAP_JS, timeout=120_000, polling="raf")
            return time.monotonic() - server.started, healthy
        finally:
            context.close()
    finally:
        server.stop()


def run(quick: bool = False) -> list[Row]:
    rounds = 2 if quick else 5
    ours, base, ours_health, base_health = [], [], [], []
    with sync_playwright() as pw:
        browser = launch(pw.chromium)
        try:
            for _ in range(rounds):  # alternated: the same noise for both
                took, healthy = time_to_map(browser, ROOT / "streamlit_app.py")
                ours.append(took)
                ours_health.append(healthy)
                took, healthy = time_to_map(browser, APPS / "minimal_app.py")
                base.append(took)
                base_health.append(healthy)
        finally:
            browser.close()
    ratios = paired_ratios(ours, base)
    return [
        Row(
            "2 cold start: process start → map drawn",
            spread(Summary.of(ours)),
            spread(Summary.of(base)),
            ratio_text(ratios),
            "≤1.2× minimal page",
            ratios.median <= TARGET_RATIO,
            f"of which until /_stcore/health answered: ours "
            f"{seconds(Summary.of(ours_health).median)}, minimal "
            f"{seconds(Summary.of(base_health).median)}; the rest is the first script run "
            "(imports, atlas, first map) and the browser drawing it",
        )
    ]
