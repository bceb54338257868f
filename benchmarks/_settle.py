"""Open a standalone HTML file with no network and time it until the browser has settled."""

from __future__ import annotations

import asyncio
from pathlib import Path

from playwright.async_api import async_playwright

from harness.chromium import VIEWPORT, launch

# Settled: the map has features in the DOM (SVG paths, pins or a canvas) and two animation
# frames have passed since, so the frame holding them has been painted. Milliseconds since
# navigation started, read in the page.
SETTLED_JS = """
() => new Promise((resolve) => {
  const drawn = () => document.querySelectorAll(
    '.leaflet-overlay-pane path, .leaflet-overlay-pane canvas, .leaflet-marker-pane > *').length;
  const wait = () => {
    if (drawn() > 0) {
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
    } else {
      requestAnimationFrame(wait);
    }
  };
  wait();
})
"""

PARSED_JS = "() => performance.getEntriesByType('navigation')[0].domContentLoadedEventStart"

# First drawn feature: the first animation frame in which any feature is in the map's DOM.
FIRST_DRAWN_JS = SETTLED_JS.replace(
    "requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())))",
    "resolve(performance.now())",
)


async def _time_page(chromium, path: Path, script: str, timeout_s: float, read: str | None):
    browser = await launch(chromium)
    try:
        context = await browser.new_context(viewport=VIEWPORT)
        await context.route("**/*", _block_outside)
        page = await context.new_page()
        await page.goto(path.resolve().as_uri(), wait_until="commit")
        # A page busy for minutes cannot run a JS timer, so the cap is kept out here; closing
        # the browser ends the busy renderer too.
        took = await asyncio.wait_for(page.evaluate(script), timeout_s)
        return await page.evaluate(read) if read else took
    except TimeoutError:
        return None
    finally:
        await browser.close()


async def _block_outside(route) -> None:
    url = route.request.url
    if url.startswith(("file:", "data:", "blob:", "about:")):
        await route.continue_()
    else:
        await route.abort()


def parsed_offline(path: Path, script: str, timeout_s: float) -> float | None:
    """Like open_offline, but the seconds until the HTML was parsed and its inline scripts
    had run (DOMContentLoaded): the part of the wait that is not drawing."""
    took = asyncio.run(_once(path, script, timeout_s, PARSED_JS))
    return None if took is None else took / 1000


def open_offline(path: Path, script: str, timeout_s: float) -> float | None:
    """Seconds from navigation start until `script` resolves in a fresh Chromium that may
    load nothing but the file; None when that takes longer than `timeout_s`."""
    took = asyncio.run(_once(path, script, timeout_s, None))
    return None if took is None else took / 1000


def read_offline(path: Path, script: str, timeout_s: float, read: str):
    """Like open_offline, then what `read` returns in the page (None when capped)."""
    return asyncio.run(_once(path, script, timeout_s, read))


async def _once(path: Path, script: str, timeout_s: float, read: str | None):
    async with async_playwright() as pw:
        return await _time_page(pw.chromium, path, script, timeout_s, read)
