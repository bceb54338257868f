"""Debian's Chromium driven by playwright, with the flags that keep it off the network."""

from __future__ import annotations

import subprocess
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
FOLIUM_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'  # streamlit-folium's map
TIMEMAP_IFRAME = 'iframe[src*="timemap"]'  # the app's time map component


def launch(playwright_chromium):
    """Start one Chromium (sync or async playwright: the caller awaits when async)."""
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: apt-get install chromium")
    return playwright_chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)


def chromium_version() -> str:
    try:
        out = subprocess.run(
            [str(CHROMIUM), "--version"], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    return out.strip() or "unknown"


def block_outside(route) -> None:
    """Route handler: serve nothing from outside this machine (a school network with none)."""
    url = route.request.url
    if url.startswith(("file:", "data:", "blob:", "about:")) or "//127.0.0.1" in url:
        route.continue_()
    else:
        route.abort()
