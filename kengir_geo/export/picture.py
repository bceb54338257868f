"""A picture of a chapter or a day for handouts and slides: the export, drawn by Chromium.

The page is the offline export in slide mode (the chapter's title and date, the map with its
labels, the legend open, a line naming the sources); Debian's Chromium draws it headless, the
way the tests drive it, and writes a PNG. No online service, no network.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from kengir_geo.data.atlas import Atlas
from kengir_geo.export.html import ExportError, export_page

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
DRAW_BUDGET_MS = 8000  # virtual time for the page to draw before the picture is taken


def find_chromium() -> str:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ExportError(
        "a picture needs Chromium to draw the map: install it (Debian: apt-get install chromium)"
    )


def export_picture(
    atlas: Atlas,
    out: Path,
    chapter: str | None = None,
    day: date | None = None,
    size: tuple[int, int] = (1920, 1080),
    lang: str = "en",
) -> Path:
    """Write a PNG of the chapter (or the day) at `size`; ExportError says why when it cannot."""
    out = Path(out)
    if out.suffix.lower() != ".png":
        raise ExportError(f"{out.name}: a picture is written as .png")
    chromium = find_chromium()
    html = export_page(atlas, chapter, day, slide=True, lang=lang)
    with tempfile.TemporaryDirectory(prefix="kengir-picture-") as folder:
        page = Path(folder) / "slide.html"
        page.write_text(html, encoding="utf-8")
        shot = Path(folder) / "slide.png"
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--window-size={size[0]},{size[1]}",
            f"--virtual-time-budget={DRAW_BUDGET_MS}",
            f"--screenshot={shot}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            raise ExportError("Chromium took too long to draw the picture") from None
        if done.returncode != 0 or not shot.is_file():
            raise ExportError(f"Chromium could not draw the picture: {done.stderr[-300:]}")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(shot, out)
    return out
