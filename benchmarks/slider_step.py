"""Figure 1: a day step — key press → map drawn changed, the server's CPU and the bytes sent.

Two pages show the same atlas on the same days, each on its own `streamlit run` server:
the app's Explore page (ours: the time map component, where the day changes in the browser and
Python hears the settled day once, 250 ms after the last change) and a page that rebuilds the
whole folium map in Python each step and hands it to st_folium (the baseline,
apps/rebuild_app.py). Steps go right through the uprising's 42 days and back, one key press on
the focused day slider each (ours: the map's own `input.kg-slider`; the baseline: Streamlit's
slider), and every step waits until the page is quiet again: for ours, until the settled day has
reached Python and its rerun is over. So each step below includes its rerun.

Per step: the latency in the page (_mapwatch.py), the bytes over Streamlit's WebSocket (ours:
split into while stepping and the settle rerun, _wstap.py), and, over a whole round, the CPU
time of the server's process group divided by the key presses. One burst per round (10 presses
0.1 s apart, then one settle) shows the server's share when a key is held down.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks._cpu import cpu_split
from benchmarks._mapwatch import (
    FOLIUM_INSTALL_JS,
    FOLIUM_WAIT_MAP_JS,
    TIMEMAP_INSTALL_JS,
    TIMEMAP_WAIT_MAP_JS,
)
from benchmarks._stats import Summary, paired_ratios
from benchmarks._table import Row, ratio_text, seconds, spread, times
from benchmarks._wstap import (
    BYTES_SINCE_JS,
    INIT_JS,
    QUIET_SINCE_JS,
    SETTLED_RERUN_JS,
    STEP_BYTES_JS,
    STEP_FRAMES_JS,
)
from harness.chromium import FOLIUM_IFRAME, TIMEMAP_IFRAME, VIEWPORT, launch
from harness.server import StreamlitServer

APPS = Path(__file__).resolve().parent / "apps"
FOLIUM_SLIDER = 'input[type="range"][aria-label="Date"]'  # Streamlit's slider (baseline)
TIMEMAP_SLIDER = "input.kg-slider"  # the time map's own day slider (ours)
DAYS = 42
TARGET_MEDIAN = 0.050
TARGET_SPEEDUP = 10.0
TARGET_CPU = 0.005
QUIET_MS = 400  # a step is over when no WebSocket frame came for so long
BURST = 10
CAP_MS = 30_000


def pages() -> dict[str, tuple[Path | None, str]]:
    """Name → (script, None for the app, and the URL path that opens it on the first day)."""
    return {"app": (None, "/?date=1954-05-16"), "rebuild": (APPS / "rebuild_app.py", "/")}


def start(name: str) -> StreamlitServer:
    script, _ = pages()[name]
    server = StreamlitServer(script, cwd=script.parent if script else None)
    server.wait_healthy()
    return server


@dataclass
class Steps:
    latencies: list[float] = field(default_factory=list)  # seconds, steps that changed the map
    unchanged: int = 0  # steps to a day that draws what the day before drew
    failed: int = 0  # steps whose map did not settle within 30 s
    presses: int = 0
    frames: list[dict] = field(default_factory=list)  # baseline: WebSocket split of a step
    bytes: list[dict] = field(default_factory=list)  # per step (see _wstap.STEP_BYTES_JS)
    server_cpu: float = 0.0  # seconds, whole round of single steps
    browser_cpu: float = 0.0
    burst_cpu: float | None = None  # seconds for BURST presses and their one settle


class Page:
    """One opened page and how to press its day slider and wait for the step to end."""

    def __init__(self, browser, url: str, ours: bool):
        self.ours = ours
        self.context = browser.new_context(viewport=VIEWPORT)
        self.context.add_init_script(INIT_JS)
        self.page = self.context.new_page()
        self.page.goto(url)
        iframe = TIMEMAP_IFRAME if ours else FOLIUM_IFRAME
        handle = self.page.wait_for_selector(iframe, state="attached", timeout=120_000)
        if ours:
            self.frame = handle.content_frame()
            self.frame.wait_for_function(TIMEMAP_WAIT_MAP_JS, timeout=120_000, polling=100)
            self.frame.evaluate(TIMEMAP_INSTALL_JS)
            self.slider = self.frame.locator(TIMEMAP_SLIDER)
        else:
            self.frame = self.page
            self.page.evaluate(FOLIUM_INSTALL_JS)
            self.page.wait_for_function(FOLIUM_WAIT_MAP_JS, timeout=120_000, polling=100)
            self.slider = self.page.locator(FOLIUM_SLIDER).first
        self.page.wait_for_timeout(1500)  # let the first run's late messages pass
        self.slider.focus()

    def step(self, key: str) -> dict:
        """Press once; wait for the map and then for the page to be quiet again."""
        if self.ours:
            self.frame.evaluate("(cap) => window.__kgBench.arm(cap)", CAP_MS)
        else:
            self.frame.evaluate("(cap) => window.__kgBench.arm(false, cap)", CAP_MS)
        self.slider.press(key)
        result = self.frame.evaluate("() => window.__kgBench.result")
        if result.get("keyDownAt") is None:
            return result
        if self.ours:
            self.page.wait_for_function(
                SETTLED_RERUN_JS, arg=[result["keyDownAt"], QUIET_MS], polling=50, timeout=60_000
            )
            result["bytes"] = self.page.evaluate(STEP_BYTES_JS, result["keyDownAt"])
        else:
            if result["ms"] is not None:
                result["frames"] = self.page.evaluate(STEP_FRAMES_JS, result["ms"])
            self.wait_quiet(result["keyDownAt"])
            total = self.page.evaluate(BYTES_SINCE_JS, result["keyDownAt"])
            result["bytes"] = {"steppingBytes": total, "settleBytes": 0}
        return result

    def wait_quiet(self, since: float) -> None:
        """The baseline's step is over: its rerun came and nothing since for QUIET_MS."""
        self.page.wait_for_function(
            QUIET_SINCE_JS, arg=[since, QUIET_MS], polling=50, timeout=60_000
        )

    def burst(self, keys: list[str]) -> None:
        """Presses 0.1 s apart (a key held down), then the one settle (ours) or the last
        rerun (baseline)."""
        start = self.page.evaluate("() => performance.timeOrigin + performance.now()")
        for key in keys:
            self.slider.press(key)
            self.page.wait_for_timeout(100)
        last = self.page.evaluate("() => performance.timeOrigin + performance.now()")
        script = SETTLED_RERUN_JS if self.ours else QUIET_SINCE_JS
        self.page.wait_for_function(
            script, arg=[last if not self.ours else start, QUIET_MS], polling=50, timeout=60_000
        )

    def close(self) -> None:
        self.context.close()


def key_for(step: int) -> str:
    """Right to the last day, then back: never a press that cannot move the slider."""
    return "ArrowRight" if (step // (DAYS - 1)) % 2 == 0 else "ArrowLeft"


def run_steps(
    browser, server: StreamlitServer, groups: list[int], url: str, wanted: int, ours: bool
) -> Steps:
    """From the first day, step until `wanted` steps changed the map (at most 3× as many
    presses); then one burst. `groups`: the other servers' process groups (not browsers)."""
    page = Page(browser, url, ours)
    out = Steps()
    try:
        step = 0
        cpu_before = cpu_split(server.process.pid, *groups)
        while len(out.latencies) < wanted and step < 3 * wanted:
            result = page.step(key_for(step))
            step += 1
            if result["ms"] is not None:
                out.latencies.append(result["ms"] / 1000)
                if result.get("frames"):
                    out.frames.append(result["frames"])
            elif result["unchanged"]:
                out.unchanged += 1
            else:
                out.failed += 1
            if result.get("bytes"):
                out.bytes.append(result["bytes"])
        cpu_after = cpu_split(server.process.pid, *groups)
        out.presses = step
        out.server_cpu = cpu_after[0] - cpu_before[0]
        out.browser_cpu = cpu_after[1] - cpu_before[1]
        before = cpu_split(server.process.pid, *groups)[0]
        page.burst([key_for(step + n) for n in range(BURST)])
        out.burst_cpu = cpu_split(server.process.pid, *groups)[0] - before
        return out
    finally:
        page.close()


def run(quick: bool = False) -> list[Row]:
    rounds, wanted = (1, 8) if quick else (3, 12)  # 36 timed steps per page in a full run
    names = list(pages())
    results: dict[str, list[Steps]] = {n: [] for n in names}
    servers = {name: start(name) for name in names}
    try:
        with sync_playwright() as pw:
            browser = launch(pw.chromium)
            try:
                for _ in range(rounds):
                    for name in names:  # interleaved, so a noisy minute hits both
                        url = servers[name].url + pages()[name][1]
                        others = [s.process.pid for n, s in servers.items() if n != name]
                        results[name].append(
                            run_steps(browser, servers[name], others, url, wanted, name == "app")
                        )
            finally:
                browser.close()
    finally:
        for server in servers.values():
            server.stop()
    return rows(results)


def breakdown_note(breakdowns: list[dict]) -> str:
    """Median split of a baseline step: browser → request sent; → last server message; →
    map drawn."""
    if not breakdowns:
        return "no WebSocket frames seen"
    sent = statistics.median(b["sent"] for b in breakdowns)
    last_in = statistics.median(b["lastIn"] for b in breakdowns)
    total = statistics.median(b["total"] for b in breakdowns)
    return (
        f"key → rerun request sent {sent:.0f} ms; → last server message "
        f"{last_in:.0f} ms; → map drawn {total:.0f} ms"
    )


def per_press(rounds: list[Steps], attribute: str) -> list[float]:
    return [getattr(r, attribute) / r.presses for r in rounds if r.presses]


def kb(value: float) -> str:
    return f"{value / 1000:.1f} kB" if value >= 1000 else f"{value:.0f} B"


def counts_note(results: dict[str, list[Steps]]) -> str:
    parts = []
    for name, rounds in results.items():
        unchanged = sum(r.unchanged for r in rounds)
        failed = sum(r.failed for r in rounds)
        parts.append(f"{name}: {unchanged} untimed (map unchanged), {failed} failed")
    return "; ".join(parts)


def settle_note(rounds: list[Steps]) -> str:
    got = [b for r in rounds for b in r.bytes]
    after = [b["settleAfterKeyMs"] for b in got if b.get("settleAfterKeyMs") is not None]
    took = [b["settleMs"] for b in got if b.get("settleMs") is not None]
    if not after or not took:
        return "no settle seen"
    return (
        f"the settled day left the map {statistics.median(after):.0f} ms after the key (median; "
        f"250 ms after the last change by design) and its rerun's last message came "
        f"{statistics.median(took):.0f} ms later ({Summary.of(took).p95:.0f} ms p95)"
    )


def rows(results: dict[str, list[Steps]]) -> list[Row]:
    pooled = {
        n: Summary.of(x for r in rounds for x in r.latencies) for n, rounds in results.items()
    }
    per_round = {n: [Summary.of(r.latencies).median for r in rs] for n, rs in results.items()}
    app, base = pooled["app"], pooled["rebuild"]
    speedup = base.median / app.median
    cpu = {n: per_press(rs, "server_cpu") for n, rs in results.items()}
    browser_cpu = {n: per_press(rs, "browser_cpu") for n, rs in results.items()}
    burst = {
        n: [r.burst_cpu / BURST for r in rs if r.burst_cpu is not None] for n, rs in results.items()
    }
    cpu_app, cpu_base = Summary.of(cpu["app"]), Summary.of(cpu["rebuild"])
    ours_bytes = [b for r in results["app"] for b in r.bytes]
    base_bytes = [b["steppingBytes"] for r in results["rebuild"] for b in r.bytes]
    stepping = Summary.of(b["steppingBytes"] for b in ours_bytes)
    settle = Summary.of(b["settleBytes"] for b in ours_bytes)
    base_step = Summary.of(base_bytes)
    return [
        Row(
            "1 slider step → map drawn changed, median",
            spread(app),
            spread(base),
            ratio_text(paired_ratios(per_round["app"], per_round["rebuild"])),
            f"≤{TARGET_MEDIAN * 1000:.0f} ms and ≥{TARGET_SPEEDUP:.0f}× faster",
            app.median <= TARGET_MEDIAN and speedup >= TARGET_SPEEDUP,
            f"{speedup:.0f}× faster than rebuilding. Ours: key-down on the map's own slider → "
            f"the animation frame where its drawn layers changed, timed in the map's iframe; "
            f"medians per round {', '.join(seconds(m) for m in per_round['app'])}. Rebuild: "
            f"{breakdown_note([f for r in results['rebuild'] for f in r.frames])}. "
            f"Steps: {counts_note(results)}.",
        ),
        Row(
            "1 slider step → map drawn changed, p95",
            seconds(app.p95),
            seconds(base.p95),
            times(app.p95 / base.p95),
            "–",
            None,
        ),
        Row(
            "1 server CPU per day step (with its settle rerun)",
            spread(cpu_app),
            spread(cpu_base),
            ratio_text(paired_ratios(cpu["app"], cpu["rebuild"])),
            f"≤{TARGET_CPU * 1000:.0f} ms",
            cpu_app.median <= TARGET_CPU,
            "CPU time of the server's process group over a round of single steps (each "
            "waited until its rerun was over), divided by the key presses; per-round values. "
            f"Held key ({BURST} presses 0.1 s apart, one settle): ours "
            f"{spread(Summary.of(burst['app']))}, rebuild {spread(Summary.of(burst['rebuild']))} "
            f"per press. Browser CPU per single step: ours "
            f"{spread(Summary.of(browser_cpu['app']))}, rebuild "
            f"{spread(Summary.of(browser_cpu['rebuild']))}. {settle_note(results['app'])}.",
        ),
        Row(
            "1 WebSocket bytes per day step (map)",
            f"{kb(stepping.median)} (max {kb(stepping.high)}, n={stepping.count})",
            f"{kb(base_step.median)} ({kb(base_step.low)}–{kb(base_step.high)}, "
            f"n={base_step.count})",
            times(stepping.median / base_step.median) if base_step.median else "–",
            "0 for the map",
            stepping.high == 0,
            "ours: both directions from the key-down until the settled day is sent to Python; "
            f"then that settle rerun sends {kb(settle.median)} ({kb(settle.low)}–"
            f"{kb(settle.high)}) in both directions, once per settled day. Rebuild: "
            "everything from the key-down until the page is quiet.",
        ),
    ]
