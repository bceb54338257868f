"""Figure 7: a classroom — many browser sessions on one app server, all stepping the slider.

Every session opens the Explore page in its own browser context (its own Streamlit session),
spread over a few Chromium processes, waits for the map, then presses ArrowRight 20 times,
each time waiting until the map has settled (timed in the page, as in slider_step.py). All
sessions start together and step back to back, harder than a real class. The baseline is
the same steps by one session alone on the same server, just before.

Errors: steps whose map did not settle in 30 s, pages that did not open, JavaScript errors,
and Streamlit exception boxes. Memory: resident size of the server's whole process group,
sampled twice a second.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time

from playwright.async_api import async_playwright

from benchmarks._browser import MAP_IFRAME, VIEWPORT, launch
from benchmarks._cpu import cpu_split
from benchmarks._mapwatch import INSTALL_JS, WAIT_MAP_JS
from benchmarks._server import StreamlitServer
from benchmarks._stats import Summary
from benchmarks._table import Row, seconds, spread, times
from benchmarks._wstap import INIT_JS

DATE_SLIDER = 'input[type="range"][aria-label="Date"]'
TARGET_P95 = 1.0
OPEN_TIMEOUT_MS = 300_000
STEP_CAP_MS = 60_000
FULL_CLASS = 30


class Session:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.opened: float | None = None  # seconds from start to the first map drawn
        self.unchanged = 0
        self.errors: list[str] = []
        self.changed: list[bool] = []  # per step: did the map change


async def run_session(browser, url: str, steps: int, expected=None) -> Session:
    """One student. `expected[i]` says whether step i changes the map (learnt from the session
    alone): under load the script can go idle long before the browser applies the map, so
    only a known expectation tells a slow step from a day with nothing to redraw."""
    session = Session()
    context = await browser.new_context(viewport=VIEWPORT)
    await context.add_init_script(INIT_JS)
    try:
        page = await context.new_page()
        page.on("pageerror", lambda error: session.errors.append(f"JS: {error}"))
        start = time.monotonic()
        await page.goto(url + "/?date=1954-05-16", timeout=OPEN_TIMEOUT_MS)
        await page.wait_for_selector(MAP_IFRAME, state="attached", timeout=OPEN_TIMEOUT_MS)
        await page.evaluate(INSTALL_JS)
        await page.wait_for_function(WAIT_MAP_JS, timeout=OPEN_TIMEOUT_MS, polling=200)
        session.opened = time.monotonic() - start
        thumb = page.locator(DATE_SLIDER).first
        await thumb.focus()
        for index in range(steps):
            expect = expected[index] if expected else None
            await page.evaluate("([e, cap]) => window.__kgBench.arm(e, cap)", [expect, STEP_CAP_MS])
            await thumb.press("ArrowRight")
            result = await page.evaluate("() => window.__kgBench.result")
            session.changed.append(result["ms"] is not None)
            if result["ms"] is not None:
                session.latencies.append(result["ms"] / 1000)
            elif result["unchanged"]:
                session.unchanged += 1
            else:
                session.errors.append(f"a step's map did not settle in {STEP_CAP_MS // 1000} s")
        if await page.locator('[data-testid="stException"]').count():
            session.errors.append("Streamlit showed an exception")
    except Exception as error:  # a session that breaks is an error to count, not a crash
        session.errors.append(f"{type(error).__name__}: {str(error).splitlines()[0]}")
    finally:
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
            started, cpu_before = time.monotonic(), cpu_split(server.process.pid)
            crowd = await asyncio.gather(
                *(
                    run_session(processes[i % browsers], url, steps, alone.changed)
                    for i in range(sessions)
                )
            )
            wall = time.monotonic() - started
            cpu_after = cpu_split(server.process.pid)
            stop.set()
            await sampler
        finally:
            for process in processes:
                await process.close()
    cpu = (cpu_after[0] - cpu_before[0], cpu_after[1] - cpu_before[1])
    return alone, crowd, idle_rss, max(samples or [0]), wall, cpu


def mb(value: float) -> str:
    return f"{value / 1e6:.0f} MB"


def run(quick: bool = False) -> list[Row]:
    """The full class of 30, and a third of it: where between them the machine gives out."""
    classes = [(6, 2, 5)] if quick else [(10, 1, 20), (30, 3, 20)]
    return [row for size in classes for row in one_class(*size)]


def one_class(sessions: int, browsers: int, steps: int) -> list[Row]:
    with StreamlitServer() as server:
        server.wait_healthy()
        alone, crowd, idle_rss, peak_rss, wall, cpu = asyncio.run(
            classroom(server.url, server, sessions, browsers, steps)
        )
    if not alone.latencies:
        raise RuntimeError(f"the single session measured nothing: {alone.errors}")
    solo = Summary.of(alone.latencies)
    steps_done = [x for s in crowd for x in s.latencies]
    errors = [e for s in crowd for e in s.errors]
    opened = [s.opened for s in crowd if s.opened is not None]
    many = Summary.of(steps_done) if steps_done else None
    met = many is not None and not errors and many.p95 <= TARGET_P95
    first_errors = "; ".join(sorted(set(errors))[:3])
    target = sessions == FULL_CLASS  # the targets are for the full class
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
            f"7 classroom, {sessions} sessions: step p50 / p95",
            f"{seconds(many.median)} / {seconds(many.p95)}" if many else "none",
            f"{seconds(solo.median)} / {seconds(solo.p95)} (1 session)",
            times(many.p95 / solo.p95) if many else "–",
            "p95 ≤1 s" if target else "–",
            met if target else None,
            f"{len(steps_done)} timed steps, {sum(s.unchanged for s in crowd)} untimed (map "
            f"unchanged that day); {len(opened)} of {sessions} pages opened, first map after "
            f"{spread(Summary.of(opened)) if opened else 'never'}; whole class took {wall:.0f} s "
            f"on {browsers} Chromium processes; CPU used meanwhile: server {cpu[0]:.0f} s, "
            f"browsers {cpu[1]:.0f} s, of {wall * (os.cpu_count() or 1):.0f} s the cores had",
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
