"""The way the map was made before the day moved to the browser: one folium layer per atlas
layer for one day, every feature of that day with its style, tooltip and popup, rebuilt in
Python on every step. Owned by the benchmarks (the app's own folium renderer is gone) so the
full-rebuild baseline keeps drawing what the app draws: the same features, in the same looks
(styles.py), with the time map's words (its English strings) and popups (popups.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import folium
import pandas as pd
from folium.utilities import JsCode
from shapely.geometry import mapping

from kengir_geo.data.atlas import Atlas
from kengir_geo.data.intervals import MAYBE, PAST, SURE
from kengir_geo.map.escape import esc
from kengir_geo.map.payload import LARGE_LAYER
from kengir_geo.map.popups import popup_body
from kengir_geo.map.render import BIND_JS
from kengir_geo.map.styles import feature_style, point_radius
from kengir_geo.story.details import details_of_row, plain_text
from kengir_geo.story.timeline import state_at


def _tooltip(name: object, phase_note: str) -> str:
    """The name on hover, escaped, with a short note such as '(perhaps on this day)'."""
    return f"{esc(name)} <i>{esc(phase_note)}</i>" if phase_note else esc(name)


# the time map's English strings for these notes (client/timemap.js STRINGS)
WORDS = {
    "maybe_event": "perhaps on this day",
    "maybe_feature": "perhaps there on this day",
    "past": "already over",
}
STYLE_JS = JsCode("function (feature) { return feature.properties.style; }")
POINT_JS = JsCode(
    """function (feature, latlng) {
    var p = feature.properties, s = Object.assign({}, p.style);
    if (p.large) { s.renderer = window.kgCanvas || (window.kgCanvas = L.canvas()); }
    s.radius = p.radius;
    return L.circleMarker(latlng, s);
}"""
)


def _note(phase: str, is_events: bool) -> str:
    if phase == MAYBE:
        return f"({WORDS['maybe_event'] if is_events else WORDS['maybe_feature']})"
    return f"({WORDS['past']})" if phase == PAST else ""


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    columns = list(frame.columns)
    return [
        dict(zip(columns, row, strict=True))
        for row in zip(*(frame[c].tolist() for c in columns), strict=True)
    ]


def layer_features(
    atlas: Atlas, layer_id: str, frames, highlight: set[str], large: bool, popups: bool
) -> list[dict[str, Any]]:
    layer = atlas.layers[layer_id]
    is_events = layer.type == "events"
    out = []
    for phase, frame in frames:
        for row in _rows(frame):
            geometry = row["geometry"]
            if geometry is None or geometry.is_empty:
                continue
            fid = plain_text(row.get("id"))
            where = plain_text(row.get("location_certainty")) or plain_text(row.get("certainty"))
            lit = fid in highlight
            props = {
                "id": fid,
                "large": large,
                "style": feature_style(
                    layer.style,
                    where or "unknown",
                    plain_text(row.get("category")) or None,
                    phase,
                    lit,
                    is_events,
                    plain_text(row.get("state")) or None,
                ),
                "radius": point_radius(phase, lit, large, is_events),
                "tooltip": _tooltip(plain_text(row.get("name")) or fid, _note(phase, is_events)),
            }
            if popups:
                props["popup"] = popup_body(details_of_row(atlas, layer_id, row), atlas.sources)
            out.append({"type": "Feature", "geometry": mapping(geometry), "properties": props})
    return out


def day_groups(
    atlas: Atlas,
    day: date,
    layer_ids: Iterable[str],
    highlight: Iterable[str] = (),
    popups: bool = True,
) -> list[folium.FeatureGroup]:
    """One FeatureGroup per layer on `day`: past events underneath, then maybe, then sure."""
    wanted = set(highlight)
    groups = []
    for layer_id, state in state_at(atlas, day, list(layer_ids)).items():
        layer = atlas.layers[layer_id]
        if layer.group == "basemap":
            continue  # the country outlines belong to the base map
        frames = [(PAST, state.past), (MAYBE, state.maybe), (SURE, state.sure)]
        large = len(state) > LARGE_LAYER
        features = layer_features(atlas, layer_id, frames, wanted, large, popups and not large)
        group = folium.FeatureGroup(name=esc(layer.title))
        folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            name=esc(layer.title),
            on_each_feature=BIND_JS,
            point_to_layer=POINT_JS,
            style=STYLE_JS,
        ).add_to(group)
        groups.append(group)  # st_folium names the elements itself, the same on every run
    return groups
