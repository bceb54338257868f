"""Figure 7: a classroom — many browser sessions on one app server, all stepping the day.

Every session opens the Explore page in its own browser context (its own Streamlit session),
spread over a few Chromium processes, waits for the map; when all have opened, each presses →
in the map's own day slider 20 times, back to back. A step is timed in the map's iframe as in
slider_step.py (key → map drawn changed: the browser's work), then waits until the settled day
has reached Python and its rerun is over (the server's work, timed from the settle message to
the rerun's last WebSocket frame) — harder than a real class, where students look at a day
before the next. The baseline is the same steps by one session alone on the same server, just
before.

The server and the browsers share the machine's 2 cores, so their CPU is read separately over
the stepping (from the moment all pages had opened): the server's process group per step, and
every Chromium process plus playwright's driver.

Errors: steps whose map did not change in 60 s, reruns that did not end in 60 s, pages that did
not open, JavaScript errors, and Streamlit exception boxes. Memory: resident size of the
server's whole process group, sampled twice a second.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time

from playwright.async_api import async_playwright

from benchmarks._cpu import cpu_split
from benchmarks._mapwatch import TIMEMAP_INSTALL_JS, TIMEMAP_WAIT_MAP_JS
from benchmarks._stats import Summary
from benchmarks._table import Row, seconds, spread, times
from benchmarks._wstap import INIT_JS, SETTLED_RERUN_JS, STEP_BYTES_JS
from harness.chromium import TIMEMAP_IFRAME, VIEWPORT, launch
from harness.server import StreamlitServer

TIMEMAP_SLIDER = "input.kg-slider"
QUIET_MS = 400
TARGET_P95 = 1.0
OPEN_TIMEOUT_MS = 300_000
STEP_CAP_MS = 60_000
FULL_CLASS = 30


class Session:
    def __init__(self) -> None:
        self.latencies: list[float] = []  # key → map drawn changed, steps that changed it
        self.settles: list[float] = []  # settled day sent → its rerun's last message
        self.opened: float | None = None  # seconds from start to the first map drawn
        self.unchanged = 0
        self.errors: list[str] = []


class Barrier:
    """Every session opens its page first; stepping starts for all at once, so the CPU of
    the stepping can be told from the CPU of opening 30 pages."""

    def __init__(self, count: int) -> None:
        self.count, self.arrived, self.go = count, 0, asyncio.Event()
        self.cpu_at_go: tuple[float, float] | None = None
        self.at_go: float | None = None
        self.server_group = 0

    async def wait(self) -> None:
        self.arrived += 1
        if self.arrived >= self.count:
            self.cpu_at_go = cpu_split(self.server_group)
            self.at_go = time.monotonic()
            self.go.set()
        await self.go.wait()


async def run_session(browser, url: str, steps: int, barrier: Barrier | None = None) -> Session:
    """One student: open the Explore page, then press → in the map's own day slider `steps`
    times; each press waits for the map to change (in the browser) and then for the settled
    day to reach Python and its rerun to end."""
    session = Session()
    context = await browser.new_context(viewport=VIEWPORT)
    await context.add_init_script(INIT_JS)
    arrived = False
    try:
        page = await context.new_page()
        page.on("pageerror", lambda error: session.errors.append(f"JS: {error}"))
        start = time.monotonic()
        await page.goto(url + "/?date=1954-05-16", timeout=OPEN_TIMEOUT_MS)
        handle = await page.wait_for_selector(
            TIMEMAP_IFRAME, state="attached", timeout=OPEN_TIMEOUT_MS
        )
        frame = await handle.content_frame()
        await frame.wait_for_function(TIMEMAP_WAIT_MAP_JS, timeout=OPEN_TIMEOUT_MS, polling=200)
        await frame.evaluate(TIMEMAP_INSTALL_JS)
        session.opened = time.monotonic() - start
        slider = frame.locator(TIMEMAP_SLIDER)
        if barrier:
            arrived = True
            await barrier.wait()
        await slider.focus()
        for _ in range(steps):
            await frame.evaluate("(cap) => window.__kgBench.arm(cap)", STEP_CAP_MS)
            await slider.press("ArrowRight")
            result = await frame.evaluate("() => window.__kgBench.result")
            if result["ms"] is not None:
                session.latencies.append(result["ms"] / 1000)
            elif result["unchanged"]:
                session.unchanged += 1
            else:
                session.errors.append(f"a step's map did not change in {STEP_CAP_MS // 1000} s")
                continue
            await page.wait_for_function(
                SETTLED_RERUN_JS,
                arg=[result["keyDownAt"], QUIET_MS],
                polling=100,
                timeout=STEP_CAP_MS,
            )
            got = await page.evaluate(STEP_BYTES_JS, result["keyDownAt"])
            if got["settleMs"] is not None:
                session.settles.append(got["settleMs"] / 1000)
        if await page.locator('[data-testid="stException"]').count():
            session.errors.append("Streamlit showed an exception")
    except Exception as error:  # a session that breaks is an error to count, not a crash
        session.errors.append(f"{type(error).__name__}: {str(error).splitlines()[0]}")
    finally:
        if barrier and not arrived:
            await barrier.wait()
        await context.close()
    return session


async def sample_memory(server: StreamlitServer, peak: list[int], stop: asyncio.Event) -> None:
    while not stop.is_set():
        peak.append(server.rss_bytes())
        with contextlib.suppress(TimeoutError):  # no stop yet: sample again
            await asyncio.wait_for(stop.wait(), 0.5)


async def classroom(url: str, server, sessions: int, browsers: int, steps: int):
    async with async_playwright() as pw:
        processes = [await launch(pw.chromium) for _ in range(browsers)]
        try:
            alone = await run_session(processes[0], url, steps)
            idle_rss = server.rss_bytes()
            samples: list[int] = []
            stop = asyncio.Event()
            sampler = asyncio.create_task(sample_memory(server, samples, stop))
            barrier = Barrier(sessions)
            barrier.server_group = server.process.pid
            crowd = await asyncio.gather(
                *(
                    run_session(processes[i % browsers], url, steps, barrier)
                    for i in range(sessions)
                )
            )
            cpu_after = cpu_split(server.process.pid)
            wall = time.monotonic() - (barrier.at_go or time.monotonic())
            stop.set()
            await sampler
        finally:
            for process in processes:
                await process.close()
    before = barrier.cpu_at_go or cpu_after
    cpu = (cpu_after[0] - before[0], cpu_after[1] - before[1])
    return alone, crowd, idle_rss, max(samples or [0]), wall, cpu


def mb(value: float) -> str:
    return f"{value / 1e6:.0f} MB"


def run(quick: bool = False) -> list[Row]:
    """The full class of 30, and a third of it: where between them the machine gives out."""
    classes = [(6, 2, 5)] if quick else [(10, 1, 20), (30, 3, 20)]
    return [row for size in classes for row in one_class(*size)]


def p50_p95(summary: Summary | None) -> str:
    return f"{seconds(summary.median)} / {seconds(summary.p95)}" if summary else "none"


def one_class(sessions: int, browsers: int, steps: int) -> list[Row]:
    with StreamlitServer() as server:
        server.wait_healthy()
        alone, crowd, idle_rss, peak_rss, wall, cpu = asyncio.run(
            classroom(server.url, server, sessions, browsers, steps)
        )
    if not alone.latencies:
        raise RuntimeError(f"the single session measured nothing: {alone.errors}")
    solo = Summary.of(alone.latencies)
    solo_settle = Summary.of(alone.settles) if alone.settles else None
    steps_done = [x for s in crowd for x in s.latencies]
    settles = [x for s in crowd for x in s.settles]
    presses = sum(len(s.latencies) + s.unchanged for s in crowd)
    errors = [e for s in crowd for e in s.errors]
    opened = [s.opened for s in crowd if s.opened is not None]
    many = Summary.of(steps_done) if steps_done else None
    reruns = Summary.of(settles) if settles else None
    met = many is not None and not errors and many.p95 <= TARGET_P95
    first_errors = "; ".join(sorted(set(errors))[:3])
    target = sessions == FULL_CLASS  # the targets are for the full class
    cores = wall * (os.cpu_count() or 1)
    per_step = f"{cpu[0] / presses * 1000:.0f} ms" if presses else "–"
    return [
        Row(
            f"7 classroom, {sessions} sessions × {steps} steps: errors",
            str(len(errors)),
            str(len(alone.errors)),
            "–",
            "0" if target else "–",
            not errors if target else None,
            first_errors,
        ),
        Row(
            f"7 classroom, {sessions} sessions: step (key → map drawn changed) p50 / p95",
            p50_p95(many),
            f"{p50_p95(solo)} (1 session)",
            times(many.p95 / solo.p95) if many else "–",
            "p95 ≤1 s" if target else "–",
            met if target else None,
            f"{len(steps_done)} timed steps, {sum(s.unchanged for s in crowd)} untimed (map "
            f"unchanged that day); {len(opened)} of {sessions} pages opened, the map drawn "
            f"after {spread(Summary.of(opened)) if opened else 'never'}; then the stepping "
            f"took {wall:.0f} s on {browsers} Chromium processes",
        ),
        Row(
            f"7 classroom, {sessions} sessions: settled day → Python's rerun over, p50 / p95",
            p50_p95(reruns),
            f"{p50_p95(solo_settle)} (1 session)",
            times(reruns.p95 / solo_settle.p95) if reruns and solo_settle else "–",
            "–",
            None,
            "the server's share of a step: from the map's setComponentValue (250 ms after the "
            "key) to the last WebSocket frame of the rerun it started",
        ),
        Row(
            f"7 classroom, {sessions} sessions: CPU while stepping, server / browsers",
            f"server {cpu[0]:.0f} s = {per_step} per step",
            f"browsers {cpu[1]:.0f} s",
            "–",
            "–",
            None,
            f"over the {wall:.0f} s of stepping ({presses} steps), of {cores:.0f} s the "
            f"{os.cpu_count()} cores had: server {cpu[0] / cores:.0%}, Chromium and playwright "
            f"{cpu[1] / cores:.0%}",
        ),
        Row(
            f"7 classroom, {sessions} sessions: server RSS (peak)",
            mb(peak_rss),
            f"{mb(idle_rss)} (after 1 session)",
            times(peak_rss / idle_rss) if idle_rss else "–",
            "–",
            None,
        ),
    ]
