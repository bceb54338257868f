"""A picture of a chapter or a day for handouts and slides: the export, drawn by Chromium.

A picture of a day is titled with that day and fitted to what exists on it (or to the layers
named with --frame), whatever years the atlas's layers cover.

The page is the offline export in slide mode (the chapter's title and date, the map with its
labels, the legend open, a line naming the sources); Debian's Chromium draws it headless, the
way the tests drive it, and writes a PNG. No online service, no network.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from kengir_geo.data.atlas import Atlas
from kengir_geo.data.intervals import OPEN_END, OPEN_START
from kengir_geo.export.html import ExportError, export_page
from kengir_geo.i18n import translator
from kengir_geo.i18n.dates import format_day

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


def existing_on(atlas: Atlas, day: date) -> tuple[str, ...]:
    """Ids of the dated features that exist on `day` (their interval holds it), of every
    layer but the base map's; undated features exist always and frame nothing."""
    ordinal = day.toordinal()
    ids: list[str] = []
    for layer in atlas.layers.values():
        if layer.group == "basemap":
            continue
        frame = layer.frame
        dated = (frame["first_day"] > OPEN_START) | (frame["last_day"] < OPEN_END)
        holds = (frame["first_day"] <= ordinal) & (ordinal <= frame["last_day"])
        ids += [str(i) for i in frame.loc[dated & holds, "id"]]
    return tuple(ids)


def for_the_day(atlas: Atlas, day: date, frame: tuple[str, ...] = (), lang: str = "en") -> Atlas:
    """The atlas as a picture of `day` shows it: titled with the day, fitted to `frame` (ids
    of layers or features), else to what exists that day, else to the atlas's wide view."""
    features = {str(i) for layer in atlas.layers.values() for i in layer.frame["id"]}
    unknown = [i for i in frame if i not in atlas.layers and i not in features]
    if unknown:
        raise ExportError(
            f"no layer {', '.join(unknown)}, nor a feature of that id; "
            f"layers are {', '.join(atlas.layers)}"
        )
    fitted = frame or existing_on(atlas, day)
    settings = atlas.settings
    view = replace(settings.wide_view, frame=fitted) if fitted else settings.wide_view
    named = format_day(day, lang)
    intro = translator(lang).gettext("{title}: the map on {date}.")
    return replace(
        atlas,
        settings=replace(
            settings,
            title=named,
            intro=intro.format(title=settings.title, date=named),
            start_view=view,
        ),
    )


def export_picture(
    atlas: Atlas,
    out: Path,
    chapter: str | None = None,
    day: date | None = None,
    size: tuple[int, int] = (1920, 1080),
    frame: tuple[str, ...] = (),
    lang: str = "en",
) -> Path:
    """Write a PNG of the chapter, or of the day (titled with it, fitted to `frame` or to
    what exists that day), at `size`; ExportError says why when it cannot."""
    out = Path(out)
    if out.suffix.lower() != ".png":
        raise ExportError(f"{out.name}: a picture is written as .png")
    chromium = find_chromium()
    if day is not None and chapter is None:
        atlas = for_the_day(atlas, day, frame, lang)
    html = export_page(atlas, chapter, day, slide=True, lang=lang)
    with tempfile.TemporaryDirectory(prefix="kengir-picture-") as folder:
        page = Path(folder) / "slide.html"
        page.write_text(html, encoding="utf-8")
        shot = Path(folder) / "slide.png"
        run_headless(
            chromium,
            page,
            Path(folder),
            [
                "--hide-scrollbars",
                f"--window-size={size[0]},{size[1]}",
                f"--screenshot={shot}",
            ],
            "the picture",
        )
        if not shot.is_file():
            raise ExportError("Chromium could not draw the picture")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(shot, out)
    return out


def run_headless(chromium: str, page: Path, folder: Path, args: list[str], what: str) -> None:
    """Open the local `page` in headless Chromium with `args` (a screenshot, a PDF), with a
    throwaway profile in `folder`, no network services, and time for the map to draw."""
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={folder / 'profile'}",
        f"--virtual-time-budget={DRAW_BUDGET_MS}",
        *args,
        page.as_uri(),
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        raise ExportError(f"Chromium took too long to draw {what}") from None
    if done.returncode != 0:
        raise ExportError(f"Chromium could not draw {what}: {done.stderr[-300:]}")
