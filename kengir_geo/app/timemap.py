"""The map widget of Explore and Story: the browser's time map as a Streamlit component.

Why a component of our own: the day must change in the browser, with no server round trip
(benchmarks/RESULTS.md measures both ways), and Python must still
learn the settled day and what was clicked. streamlit-folium rebuilds or replays Leaflet code
on every run and returns no custom values; a components.v1 bidirectional component is a plain
HTML/JS folder with a public protocol. The folder is written once per process (Leaflet from
folium-offline, our client code, the atlas payload as a JSON file the page fetches once), so a
rerun sends Streamlit only a few small arguments. docs/map-engine.md says more.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v1 as components

from kengir_geo.app.language import current_language
from kengir_geo.data.atlas import Atlas
from kengir_geo.data.atomic import atomic_write
from kengir_geo.data.folder import fingerprint
from kengir_geo.map.assets import client_text, leaflet_css, leaflet_js, plugin_css, plugin_js
from kengir_geo.map.basemaps import basemap_spec
from kengir_geo.map.escape import esc
from kengir_geo.map.payload import Options
from kengir_geo.map.payload_file import payload_file
from kengir_geo.map.plugin_words import timemap_options

NAME = "timemap"
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Map</title>
<link rel="stylesheet" href="leaflet.css"><link rel="stylesheet" href="timemap.css">
<style>html, body { margin: 0; height: 100%; overflow: hidden; } #kg-root { height: 100%; }</style>
</head><body><div id="kg-root"></div>
<script src="leaflet.js"></script><script src="timemap.js"></script><script src="widget.js"></script>
</body></html>
"""


def _files() -> dict[str, str]:
    return {
        "index.html": PAGE,
        "leaflet.js": leaflet_js(),
        "leaflet.css": leaflet_css(),
        "timemap.js": plugin_js(),
        "timemap.css": plugin_css(),
        "widget.js": client_text("widget.js"),
    }


def _write(path: Path, text: str) -> None:
    atomic_write(path, text, unchanged_ok=True)  # a half-written file is never served


@st.cache_resource(show_spinner=False)
def component_folder() -> Path:
    """The component's files, in a folder named by what they are made of: our own files and
    the installed folium-offline's version. A folder already written (index.html comes last)
    is used as it is, so a new process need not import folium to render Leaflet's text."""
    ours = PAGE + plugin_js() + plugin_css() + client_text("widget.js")
    made_of = ours + version("folium-offline")
    digest = hashlib.sha256(made_of.encode()).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / f"kengir-geo-{os.getuid()}" / f"timemap-{digest}"
    (folder / "data").mkdir(parents=True, exist_ok=True)
    if not (folder / "index.html").is_file():
        for name, text in sorted(_files().items(), key=lambda item: item[0] == "index.html"):
            _write(folder / name, text)
    return folder


@st.cache_resource(show_spinner="Preparing the map…", max_entries=8)
def _payload_file(_atlas: Atlas, stamp: tuple, popups: bool, lang: str = "en") -> str:
    path = payload_file(_atlas, Options(popups=popups, lang=lang), component_folder() / "data")
    return f"data/{path.name}"


def _named_by_content(prefix: str, text: str) -> str:
    """`text` as a file of the component's data folder, named by its content; its path there."""
    name = f"{prefix}-{hashlib.sha256(text.encode()).hexdigest()[:16]}.json"
    _write(component_folder() / "data" / name, text)
    return f"data/{name}"


# language -> the path of its words file: one dictionary lookup per rerun
_WORDS: dict[str, str] = {}


def words_path(lang: str) -> str:
    """The plugin's words and the locale and patterns of its dates, as a file the page fetches
    once per language. Sent as arguments they were most of a settled day's rerun: a few kB
    serialised and sent on every run, and Babel's patterns take several ms to build."""
    known = _WORDS.get(lang)
    if known is None:
        text = json.dumps(timemap_options(lang), sort_keys=True, separators=(",", ":"))
        known = _WORDS[lang] = _named_by_content("words", text)
    return known


# atlas id -> (the atlas, its payload path per popups flag): an atlas is loaded once per version
# of its folder, so its identity is its version; holding it keeps its id from being reused
_PATHS: dict[tuple[int, bool, str], tuple[Atlas, str]] = {}


def payload_path(atlas: Atlas, popups: bool, lang: str = "en") -> str:
    """The payload's path inside the component's folder, written once per atlas version. A
    rerun for a settled day costs a dictionary lookup, not a scan of the folder."""
    known = _PATHS.get((id(atlas), popups, lang))
    if known is None or known[0] is not atlas:
        known = (atlas, _payload_file(atlas, fingerprint(atlas.root), popups, lang))
        _PATHS[(id(atlas), popups, lang)] = known
    return known[1]


def prepare_files(atlas: Atlas, lang: str) -> None:
    """Write the component's files and the payload of a clickable map (Explore's, the first
    page) and the plugin's words in `lang`: app/warm.py calls this before any visitor
    comes (so not through _payload_file, whose spinner needs a page to be drawn on)."""
    payload_file(atlas, Options(popups=False, lang=lang), component_folder() / "data")
    words_path(lang)


def time_map(
    atlas: Atlas,
    *,
    key: str,
    day: date,
    command: int,
    range_: tuple[date, date],
    layers: list[str],
    highlight: tuple[str, ...] = (),
    frame: tuple[str, ...] = (),
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
    basemap: str = "offline",
    height: int = 600,
    clickable: bool = True,
    present: bool = False,
    day_label: str = "",
) -> dict[str, Any] | None:
    """Draw the time map; return what the browser last reported: {"day": ordinal,
    "selected": {"layer", "id"} or None, "clicks": n, "command": n}, or None before it has.

    `day`, `frame`/`center`/`zoom` are applied when `command` changes (a link, a chapter, a
    new period); layers, highlight, range and basemap whenever they change."""
    component = components.declare_component(NAME, path=str(component_folder()))
    lang = current_language()
    # one argument: Streamlit checks each argument for a table, which costs more than the
    # arguments' own encoding
    view = {
        "payload": payload_path(atlas, popups=not clickable, lang=lang),
        "words": words_path(lang),
        "lang": lang,
        "day": day.toordinal(),
        "command": command,
        "range": [range_[0].toordinal(), range_[1].toordinal()],
        "layers": list(layers),
        "highlight": list(highlight),
        "frame": list(frame),
        "center": list(center) if center else None,
        "zoom": zoom,
        "basemap": basemap_spec(basemap),
        "height": height,
        "clickable": clickable,
        "present": present,
        "day_label": esc(day_label),  # a partial date in words, shown until the day is moved
    }
    return component(key=key, default=None, view=view)
