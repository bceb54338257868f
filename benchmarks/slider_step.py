"""Figure 1: slider step → map updated, in Chromium against real `streamlit run` servers.

Three pages draw the same atlas for the same days: the app's Explore page (ours), a page that
rebuilds the whole folium map each step (the baseline), and the app's map widget alone under a
bare slider (a reference: what the rest of the Explore page costs). Steps go right through the
uprising's 42 days and back, one key press each, waiting for the map to settle in between.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks._browser import MAP_IFRAME, VIEWPORT, launch
from benchmarks._mapwatch import INSTALL_JS, WAIT_MAP_JS
from benchmarks._server import StreamlitServer
from benchmarks._stats import Summary, paired_ratios
from benchmarks._table import Row, ratio_text, seconds, spread, times
from benchmarks._wstap import INIT_JS, STEP_FRAMES_JS

APPS = Path(__file__).resolve().parent / "apps"
DATE_SLIDER = 'input[type="range"][aria-label="Date"]'
DAYS = 42
TARGET_MEDIAN = 0.150
TARGET_SPEEDUP = 4.0


def pages() -> dict[str, tuple[Path | None, str]]:
    """Name → (script, None for the app, and the URL path that opens it on the first day)."""
    return {
        "app": (None, "/?date=1954-05-16"),
        "rebuild": (APPS / "rebuild_app.py", "/"),
        "widget": (APPS / "incremental_app.py", "/"),
    }


def start(name: str) -> StreamlitServer:
    script, _ = pages()[name]
    server = StreamlitServer(script, cwd=script.parent if script else None)
    server.wait_healthy()
    return server


def open_page(browser, url: str):
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(INIT_JS)
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(MAP_IFRAME, state="attached", timeout=120_000)
    page.evaluate(INSTALL_JS)
    page.wait_for_function(WAIT_MAP_JS, timeout=120_000, polling=100)
    page.wait_for_timeout(1500)  # let the first run's late messages pass
    return context, page


def key_for(step: int) -> str:
    """Right to the last day, then back: never a press that cannot move the slider."""
    return "ArrowRight" if (step // (DAYS - 1)) % 2 == 0 else "ArrowLeft"


def one_step(page, thumb, key: str) -> dict:
    """Press once; {"ms": latency or None, "unchanged": True when the map had nothing to do}."""
    page.evaluate("() => window.__kgBench.arm()")
    thumb.press(key)
    result = page.evaluate("() => window.__kgBench.result")
    if result["ms"] is not None:
        result["frames"] = page.evaluate(STEP_FRAMES_JS, result["ms"])
    return result


@dataclass
class Steps:
    latencies: list[float] = field(default_factory=list)  # seconds, steps that changed the map
    unchanged: int = 0  # steps to a day that draws what the day before drew
    failed: int = 0  # steps whose map did not settle within 30 s
    frames: list[dict] = field(default_factory=list)


def run_steps(browser, url: str, wanted: int) -> Steps:
    """From the first day, step until `wanted` steps changed the map (at most 3× as many
    presses)."""
    context, page = open_page(browser, url)
    out = Steps()
    try:
        thumb = page.locator(DATE_SLIDER).first
        thumb.focus()
        step = 0
        while len(out.latencies) < wanted and step < 3 * wanted:
            result = one_step(page, thumb, key_for(step))
            step += 1
            if result["ms"] is not None:
                out.latencies.append(result["ms"] / 1000)
                if result.get("frames"):
                    out.frames.append(result["frames"])
            elif result["unchanged"]:
                out.unchanged += 1
            else:
                out.failed += 1
        return out
    finally:
        context.close()


def breakdown_note(breakdowns: list[dict]) -> str:
    """Median split of a step: browser → request sent; → last server message; → map drawn."""
    if not breakdowns:
        return "no WebSocket frames seen"
    sent = statistics.median(b["sent"] for b in breakdowns)
    last_in = statistics.median(b["lastIn"] for b in breakdowns)
    total = statistics.median(b["total"] for b in breakdowns)
    return (
        f"median split: key → rerun request sent {sent:.0f} ms; → last server message "
        f"{last_in:.0f} ms; → map drawn {total:.0f} ms"
    )


def run(quick: bool = False) -> list[Row]:
    rounds, wanted = (1, 10) if quick else (3, 12)  # 36 timed steps per page in a full run
    names = list(pages())
    results: dict[str, list[Steps]] = {n: [] for n in names}
    servers = {name: start(name) for name in names}
    try:
        with sync_playwright() as pw:
            browser = launch(pw.chromium)
            try:
                for _ in range(rounds):
                    for name in names:  # interleaved, so a noisy minute hits all three
                        url = servers[name].url + pages()[name][1]
                        results[name].append(run_steps(browser, url, wanted))
            finally:
                browser.close()
    finally:
        for server in servers.values():
            server.stop()
    return rows(results)


def rounds_note(medians: list[float]) -> str:
    return ", ".join(seconds(m) for m in medians)


def counts_note(results: dict[str, list[Steps]]) -> str:
    parts = []
    for name, rounds in results.items():
        unchanged = sum(r.unchanged for r in rounds)
        failed = sum(r.failed for r in rounds)
        parts.append(f"{name}: {unchanged} untimed (map unchanged), {failed} failed")
    return "; ".join(parts)


def rows(results: dict[str, list[Steps]]) -> list[Row]:
    pooled = {
        n: Summary.of(x for r in rounds for x in r.latencies) for n, rounds in results.items()
    }
    per_round = {n: [Summary.of(r.latencies).median for r in rs] for n, rs in results.items()}
    frames = {n: [f for r in rounds for f in r.frames] for n, rounds in results.items()}
    ratio = paired_ratios(per_round["app"], per_round["rebuild"])
    widget_ratio = paired_ratios(per_round["widget"], per_round["rebuild"])
    app, base = pooled["app"], pooled["rebuild"]
    speedup = base.median / app.median
    return [
        Row(
            "1 slider step → map updated, median",
            spread(app),
            spread(base),
            ratio_text(ratio),
            f"≤150 ms and ≥{TARGET_SPEEDUP:.0f}× faster",
            app.median <= TARGET_MEDIAN and speedup >= TARGET_SPEEDUP,
            f"{speedup:.1f}× faster than rebuilding. App: {breakdown_note(frames['app'])}. "
            f"Rebuild: {breakdown_note(frames['rebuild'])}. Steps: {counts_note(results)}. "
            f"App medians per round: {rounds_note(per_round['app'])} (the first round meets "
            "each day new to the server; later rounds the same days again, which the app "
            "keeps once made).",
        ),
        Row(
            "1 slider step → map updated, p95",
            seconds(app.p95),
            seconds(base.p95),
            times(app.p95 / base.p95),
            "–",
            None,
        ),
        Row(
            "1 map widget alone under a bare slider (reference), median",
            spread(pooled["widget"]),
            spread(base),
            ratio_text(widget_ratio),
            "–",
            None,
            f"Widget: {breakdown_note(frames['widget'])}.",
        ),
    ]
