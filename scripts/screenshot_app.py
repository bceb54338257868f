"""Screenshots of the running app for docs/: Explore, a Story chapter in presentation mode at
two projector sizes, and the Timeline. Every request not to 127.0.0.1 is blocked, as offline.

    streamlit run streamlit_app.py --server.port 8765 &
    python scripts/screenshot_app.py http://127.0.0.1:8765 docs/
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

MAP = 'iframe[title="streamlit_folium.st_folium"]'
DRAWN = ".leaflet-overlay-pane path, .leaflet-marker-pane > *"

SHOTS = [
    ("explore.png", "/?date=1954-06-05&place=kengir", (1440, 900), True),
    ("story-1280x720.png", "/story?chapter=camp-is-ours&present=true", (1280, 720), True),
    ("story-1920x1080.png", "/story?chapter=camp-is-ours&present=true", (1920, 1080), True),
    ("timeline.png", "/timeline", (1280, 900), False),
]


def main(base: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for name, path, (width, height), has_map in SHOTS:
            context = browser.new_context(viewport={"width": width, "height": height})
            context.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if urlsplit(route.request.url).hostname in ("127.0.0.1", None)
                    else route.abort()
                ),
            )
            page = context.new_page()
            page.goto(base + path)
            page.wait_for_selector('[data-testid="stApp"]')
            if has_map:
                frame = page.wait_for_selector(MAP, timeout=60_000).content_frame()
                frame.wait_for_function(
                    f"() => document.querySelectorAll('{DRAWN}').length > 0", timeout=60_000
                )
            # widgets' code arrives in chunks after the first paint; wait until all has come
            page.wait_for_load_state("networkidle", timeout=60_000)
            page.wait_for_timeout(2500)  # let tiles of vector layers and charts settle
            page.screenshot(path=str(out / name))
            print("wrote", out / name)
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), Path(sys.argv[2]))
