"""Screenshots of the offline export at a few days, for docs/ and for looking at.

    python scripts/screenshot_export.py [OUT_DIR]

Exports the bundled story, opens it in Debian's Chromium with every non-file request
blocked, and saves docs/export-YYYY-MM-DD.png for each day below (the compound and the events
at zoom 16, as the story's compound chapters show them).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from playwright.sync_api import sync_playwright

from kengir_geo import load_atlas
from kengir_geo.export.html import export_html

DAYS = (date(1954, 5, 10), date(1954, 5, 25), date(1954, 6, 26))
COMPOUND = (47.8400, 67.6150)


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page_file = export_html(load_atlas(), Path(tmp) / "kengir.html")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            blocked: list[str] = []

            def offline(route):
                if route.request.url.startswith("file://"):
                    route.continue_()
                else:
                    blocked.append(route.request.url)
                    route.abort()

            page.route("**/*", offline)
            page.goto(page_file.as_uri())
            page.wait_for_selector("path.leaflet-interactive", state="attached")
            page.evaluate(
                "(c) => Object.values(window).find(v => v instanceof L.Map).setView(c, 16)",
                list(COMPOUND),
            )
            page.evaluate("window.kgShowLayers(['compound', 'events'])")
            for day in DAYS:
                page.evaluate(f"window.kgSetDay({day.toordinal()})")
                page.wait_for_timeout(500)
                target = out_dir / f"export-{day.isoformat()}.png"
                page.screenshot(path=str(target))
                print(target, file=sys.stderr)
            browser.close()
    if blocked:
        raise SystemExit(f"the export tried the network: {blocked}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs"))
