"""Figure 2: cold start — from starting the server process to the map drawn in Chromium.

The browser is already running (a user's is); each repetition starts a new server process
and opens the page in a new browser context (empty cache). Ours: `kengir-geo serve` and the
app's first page, done when the time map component's iframe says it is ready
(body[data-ready='1']) and its layers hold drawn features. Baseline: a one-marker
streamlit-folium page served the same way (apps/minimal_app.py), done when its Leaflet map has
the marker. Both are polled every animation frame, in the map's frame.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks._mapwatch import FOLIUM_INSTALL_JS, FOLIUM_WAIT_MAP_JS, TIMEMAP_WAIT_MAP_JS
from benchmarks._stats import Summary, paired_ratios
from benchmarks._table import Row, ratio_text, seconds, spread
from benchmarks._wstap import INIT_JS
from harness.chromium import FOLIUM_IFRAME, TIMEMAP_IFRAME, VIEWPORT, launch
from harness.server import StreamlitServer

APPS = Path(__file__).resolve().parent / "apps"
TARGET_RATIO = 1.1


# In the page once the map is drawn: when the first script run's last message came and when
# the map was drawn (ms since navigation), and how many bytes the page downloaded.
SPLIT_JS = """() => {
  const got = window.__kgFrames.filter((f) => f.dir === 'in');
  const bytes = performance.getEntriesByType('resource')
    .reduce((sum, r) => sum + (r.transferSize || 0), 0);
  return {lastIn: got.length ? got[got.length - 1].t : null, drawn: performance.now(), bytes};
}"""


FRAME_BYTES_JS = """() => performance.getEntriesByType('resource')
  .reduce((sum, r) => sum + (r.transferSize || 0), 0)"""


@dataclass
class ColdStart:
    total: float  # seconds from process start to map drawn
    healthy: float  # of which until /_stcore/health answered
    last_message: float  # seconds after navigation: the first script run's last message
    drawn: float  # seconds after navigation: map drawn (as the top page saw it)
    bytes: int  # what the browser downloaded (the top page and the map's iframe)


def time_to_map(browser, script: Path | None) -> ColdStart:
    """None times the app itself (`kengir-geo serve`)."""
    server = StreamlitServer(script, cwd=script.parent if script else None)
    try:
        healthy = server.wait_healthy()
        context = browser.new_context(viewport=VIEWPORT)
        try:
            context.add_init_script(INIT_JS)
            page = context.new_page()
            page.goto(server.url + "/")
            if script is None:
                handle = page.wait_for_selector(TIMEMAP_IFRAME, state="attached", timeout=120_000)
                frame = handle.content_frame()
                frame.wait_for_function(TIMEMAP_WAIT_MAP_JS, timeout=120_000, polling="raf")
            else:
                handle = page.wait_for_selector(FOLIUM_IFRAME, state="attached", timeout=120_000)
                page.evaluate(FOLIUM_INSTALL_JS)
                page.wait_for_function(FOLIUM_WAIT_MAP_JS, timeout=120_000, polling="raf")
                frame = handle.content_frame()
            total = time.monotonic() - server.started
            split = page.evaluate(SPLIT_JS)
            split["bytes"] += frame.evaluate(FRAME_BYTES_JS) if frame else 0
            return ColdStart(
                total, healthy, (split["lastIn"] or 0) / 1000, split["drawn"] / 1000, split["bytes"]
            )
        finally:
            context.close()
    finally:
        server.stop()


def split_note(name: str, runs: list[ColdStart]) -> str:
    def median(values) -> str:
        return seconds(statistics.median(values))

    return (
        f"{name}: health {median(r.healthy for r in runs)}, then from opening the page: "
        f"first script run's last message {median(r.last_message for r in runs)}, map drawn "
        f"{median(r.drawn for r in runs)}, {statistics.median(r.bytes for r in runs) / 1e6:.1f}"
        " MB downloaded"
    )


def run(quick: bool = False) -> list[Row]:
    rounds = 2 if quick else 5
    ours: list[ColdStart] = []
    base: list[ColdStart] = []
    with sync_playwright() as pw:
        browser = launch(pw.chromium)
        try:
            for _ in range(rounds):  # alternated: the same noise for both
                ours.append(time_to_map(browser, None))
                base.append(time_to_map(browser, APPS / "minimal_app.py"))
        finally:
            browser.close()
    ratios = paired_ratios([r.total for r in ours], [r.total for r in base])
    return [
        Row(
            "2 cold start: process start → map drawn",
            spread(Summary.of(r.total for r in ours)),
            spread(Summary.of(r.total for r in base)),
            ratio_text(ratios),
            f"≤{TARGET_RATIO}× minimal page",
            ratios.median <= TARGET_RATIO,
            f"medians — {split_note('ours', ours)}; {split_note('minimal', base)}",
        )
    ]
