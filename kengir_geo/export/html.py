"""The offline export: one HTML file that shows every layer on any day, plays, and tells the story.

A folium.Map, the time map plugin (map/timemap.py: L.TimeMap and its controls, the same code
as the app's map) with the atlas's payload, and the story control (map/client/story.js), with
Leaflet and everything else inlined. Nothing loads from the network.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import folium
from branca.element import Element

from kengir_geo.data.atlas import Atlas
from kengir_geo.data.atomic import atomic_write
from kengir_geo.i18n.review import translation_notice
from kengir_geo.map.assets import remote_references
from kengir_geo.map.escape import esc
from kengir_geo.map.payload import Options, map_payload
from kengir_geo.map.plugin_words import story_strings, timemap_options
from kengir_geo.map.render import stable_html
from kengir_geo.map.rich_text import rich_html, sources_html
from kengir_geo.map.timemap import Page, StoryControl, TimeMap
from kengir_geo.story.chapters import chapter_day, chapter_layers, chapter_when, day_label
from kengir_geo.story.periods import period_for, periods

SIZE_BUDGET = int(1.5 * 1024 * 1024)

NOTICE_CSS = """
.kg-translation-notice { position: fixed; left: 50%; transform: translateX(-50%); bottom: 0;
  z-index: 1000; margin: 0; max-width: 40em; padding: 2px 8px;
  font: 12px/1.3 system-ui, sans-serif; background: rgba(255,255,255,.92); color: #333; }
"""


class ExportError(Exception):
    """The export cannot be made as asked (unknown chapter, a remote reference left…)."""


def chapter_entries(atlas: Atlas, lang: str = "en") -> list[dict[str, Any]]:
    """The chapters as the story panel needs them, every text escaped here."""
    total = len(atlas.chapters)
    entries = []
    for number, chapter in enumerate(atlas.chapters, start=1):
        paragraphs = "".join(
            f"<p>{rich_html(p, atlas.sources)}</p>"
            for p in chapter.narrative.split("\n\n")
            if p.strip()
        )
        entries.append(
            {
                "id": chapter.id,
                "number": number,
                "total": total,
                "title": esc(chapter.title),
                "when": esc(chapter_when(chapter, atlas.settings.focus, lang)),
                "html": paragraphs,
                "warning": esc(chapter.content_note),
                "day": chapter_day(chapter).toordinal(),
                "day_label": esc(day_label(chapter, lang)),
                "frame": list(chapter.frame),
                "center": list(chapter.center),
                "zoom": chapter.zoom,
                "layers": list(chapter_layers(atlas, chapter)),
                "highlight": list(chapter.highlight),
                "sources": sources_line(atlas, chapter.highlight, lang),
            }
        )
    return entries


def sources_line(atlas: Atlas, feature_ids: tuple[str, ...], lang: str = "en") -> str:
    """'Sources: Dunn (2021); English Wikipedia…' for the features a chapter names."""
    cited: list[str] = []
    for layer in atlas.layers.values():
        rows = layer.frame[layer.frame["id"].isin(feature_ids)]
        for sources in rows["sources"]:
            cited += [s for s in sources if s not in cited]
    return sources_html(cited, atlas.sources, lang)


def story_config(
    atlas: Atlas, chapter: str | None, day: date | None, slide: bool = False, lang: str = "en"
) -> dict[str, Any]:
    chapters = chapter_entries(atlas, lang)
    start = -1  # the opening card
    if chapter is not None:
        ids = [c["id"] for c in chapters]
        if chapter not in ids:
            raise ExportError(f"no chapter {chapter!r}; chapters are {', '.join(ids) or 'none'}")
        start = ids.index(chapter)
    # the period that holds the day asked for (a camp's 1938), else the first
    first_period = period_for(day, periods(atlas, lang)) if day else periods(atlas, lang)[0]
    focus = atlas.settings.focus
    view = atlas.settings.start_view
    return {
        "chapters": chapters,
        "start": start,
        "day": day.toordinal() if day else None,
        "range": [first_period.first.toordinal(), first_period.last.toordinal()],
        "first_day": (focus.first if focus else first_period.first).toordinal(),
        "frame": list(view.frame),
        "center": list(view.center) if view.center else None,
        "zoom": view.zoom,
        "intro": esc(atlas.settings.intro),
        "title": esc(atlas.settings.title),
        "slide": slide,
        "lang": lang,
    }


def time_map_page(
    atlas: Atlas, config: dict[str, Any], title: str, day: int, lang: str = "en"
) -> tuple[Page, folium.Map, TimeMap]:
    """A page holding a folium map with the atlas on the time map, opened on `day` and framed
    as `config` says; the export's story and the frozen lesson add their control to it."""
    page = Page(title=title, lang=lang)
    fmap = folium.Map(
        location=config["center"] or [0, 0],
        zoom_start=config["zoom"] or 5,
        tiles=None,
        zoom_snap=0.25,
        world_copy_jump=True,
    )
    page.add_child(fmap)
    time_map = TimeMap(
        payload=map_payload(atlas, Options(popups=True, lang=lang)),
        day=day,
        range=config["range"],
        fit=config["frame"] or None,
        controls=("timeSlider", "dayList", "timeLegend"),
        **timemap_options(lang),
    )
    time_map.add_to(fmap)
    return page, fmap, time_map


def export_page(
    atlas: Atlas,
    chapter: str | None = None,
    day: date | None = None,
    slide: bool = False,
    lang: str = "en",
) -> str:
    """The export's HTML, self-contained. `slide`: a still for a picture (picture.py).
    `lang`: the language of its words (the atlas passed is already in it, data/translated.py):
    the plugin's words and dates, the story panel's, and a notice while it is a draft."""
    config = story_config(atlas, chapter, day, slide, lang)
    page, fmap, time_map = time_map_page(
        atlas, config, atlas.settings.title, config["day"] or config["first_day"], lang
    )
    StoryControl(time_map, config, strings=story_strings(lang)).add_to(fmap)
    if notice := translation_notice(lang):  # a draft translation says so in every export
        page.header.add_child(Element(f"<style>{NOTICE_CSS}</style>"), name="kg_notice_css")
        page.html.add_child(
            Element(f'<p class="kg-translation-notice" role="note">{esc(notice)}</p>'),
            name="kg_notice",
        )
    return stable_html(page, "kg-export")  # the same atlas gives the same file


write_atomically = atomic_write  # the one atomic write (data/atomic.py)


def export_html(
    atlas: Atlas,
    out: Path,
    chapter: str | None = None,
    day: date | None = None,
    lang: str = "en",
) -> Path:
    """Write the self-contained HTML export to `out` (atomically) and return its path.

    Raises ExportError when the chapter is unknown or the page would still reach the network.
    """
    html = export_page(atlas, chapter, day, lang=lang)
    remote = remote_references(html)
    if remote:
        raise ExportError(f"the export would load from the network: {remote[0]!r}")
    return write_atomically(Path(out), html)


def export_summary(path: Path, atlas: Atlas) -> str:
    size = path.stat().st_size
    features = sum(len(layer.frame) for layer in atlas.layers.values())
    over = " (over the 1.5 MB target)" if size > SIZE_BUDGET else ""
    return f"{path}: {size / 1024 / 1024:.2f} MB{over}, {len(atlas.layers)} layers, {features} features"
