"""The map widget shared by Explore and Story: one iframe that is updated, never rebuilt.

The base map (basemap, outlines, legend) is built with the same arguments on every rerun, so
its HTML is identical and st_folium keeps the iframe; the layers of the chosen day go through
`feature_group_to_add`, and the camera through `center`/`zoom`, which st_folium applies in
place. Only clicks and the zoom (for the click tolerance) come back to Python.

A day's layers are computed once per process (`day_layers`) and replayed on later visits, so
playback and a class of thirty stepping through the same days do the work once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import streamlit as st
from branca.element import Element
from streamlit_folium import st_folium

from kengir_geo.app.replay import ReplayedGroup, group_code
from kengir_geo.data.atlas import Atlas
from kengir_geo.map.render import base_map, feature_groups
from kengir_geo.story.picking import Picked, pick_feature
from kengir_geo.story.timeline import state_at

# Streamlit serves ./static at /app/static (enableStaticServing in .streamlit/config.toml).
VENDOR_URL = "/app/static/vendor"
BASE_ZOOM = 6


@dataclass(frozen=True)
class Camera:
    center: tuple[float, float]
    zoom: int


def _plain_ids(groups: list) -> list:
    """Give the groups' elements ids of lowercase letters and digits only.

    st_folium renames folium variables with the pattern `_[a-z0-9]+`, so an id holding `_` or
    capitals (render.settle_ids gives `kg_<layer>_N`) leaves a dangling name and the layer is
    never drawn. The ids stay deterministic, so an unchanged day sends unchanged code.
    """
    for index, group in enumerate(groups):
        stack, counter = [group], 0
        while stack:
            node = stack.pop(0)
            node._id = f"kg{index}n{counter}"
            counter += 1
            stack.extend(getattr(node, "_children", {}).values())
    return groups


# Inside the map iframe: the map fills the iframe (so a page can make the iframe as tall as the
# screen, as presentation mode does) and a long legend scrolls instead of covering the map.
IFRAME_CSS = """<style>
#map_div { height: 100vh !important; }
.kg-legend-control .kg-legend { max-height: 38vh !important; overflow-y: auto; }
</style>"""


@dataclass(frozen=True)
class DayLayers:
    """The chosen layers on one day: their frames (for click picking) and their Leaflet code."""

    frames: dict[str, pd.DataFrame]
    code: tuple[str, ...]
    # Held so the atlas outlives this cache entry: the entry is keyed by id(atlas), and a live
    # object's id is never given to another.
    atlas: Atlas = field(repr=False, compare=False)


@st.cache_resource(max_entries=512, show_spinner=False)
def _cached_day_layers(
    _atlas: Atlas,
    atlas_id: int,
    day: date,
    layers: tuple[str, ...],
    highlight: tuple[str, ...],
    popups: bool,
) -> DayLayers:
    states = state_at(_atlas, day, list(layers))
    groups = _plain_ids(feature_groups(_atlas, states, highlight, popups=popups))
    frames = {
        lid: pd.concat([s.past, s.maybe, s.sure])
        for lid, s in states.items()
        if _atlas.layers[lid].group != "basemap"
    }
    code = tuple(group_code(group, index) for index, group in enumerate(groups))
    return DayLayers(frames, code, _atlas)


def day_layers(
    atlas: Atlas, day: date, layers: Iterable[str], highlight: Iterable[str], popups: bool
) -> DayLayers:
    return _cached_day_layers(atlas, id(atlas), day, tuple(layers), tuple(highlight), popups)


def _base(atlas: Atlas, basemap: str, legend_open: bool):
    from kengir_geo.map.assets import localize_links

    fmap = base_map(atlas, basemap=basemap, zoom=BASE_ZOOM, legend_open=legend_open)
    fmap.get_root().header.add_child(Element(IFRAME_CSS), name="kg_app_iframe_css")
    localize_links(fmap, base_url=VENDOR_URL)
    return fmap


def show_map(
    atlas: Atlas,
    *,
    key: str,
    day: date,
    layers: Iterable[str],
    basemap: str,
    camera: Camera | None = None,
    highlight: Iterable[str] = (),
    height: int = 560,
    clickable: bool = True,
    legend_open: bool = True,
) -> Picked | None:
    """Draw the map for `day`; return the feature the user has just clicked, if any.

    With clickable=False nothing comes back from the map, so it never causes a rerun (the
    story map: a clicker's key press must never race a rerun started by the map).
    """
    # Where a click opens the details beside the map, popups would only repeat them.
    today = day_layers(atlas, day, layers, highlight, popups=not clickable)
    result = st_folium(
        _base(atlas, basemap, legend_open),
        key=key,
        height=height,
        use_container_width=True,
        feature_group_to_add=[ReplayedGroup(code) for code in today.code],
        center=list(camera.center) if camera else None,
        zoom=camera.zoom if camera else None,
        returned_objects=["last_object_clicked", "zoom"] if clickable else [],
    )
    click = (result or {}).get("last_object_clicked")
    if not click or st.session_state.get(f"{key}__last_click") == click:
        return None
    st.session_state[f"{key}__last_click"] = click
    zoom = (result or {}).get("zoom") or (camera.zoom if camera else BASE_ZOOM)
    return pick_feature(today.frames, float(click["lat"]), float(click["lng"]), float(zoom))
