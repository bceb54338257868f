"""What both slider pages draw: the atlas's visible layers as they stand on one day.

Stand-in rendering until the engine's state/render functions are merged; the two pages share it,
so they differ only in how the map reaches the browser.
"""

from __future__ import annotations

import os
from datetime import date

import folium
from offline import localize

from kengir_geo import load_atlas

FIRST_DAY = date(1954, 5, 16)
LAST_DAY = date(1954, 6, 26)
CENTER = (47.84, 67.615)


def atlas():
    return load_atlas(os.environ.get("KENGIR_GEODATA") or None)


def base_map() -> folium.Map:
    return localize(folium.Map(location=CENTER, zoom_start=13, tiles=None, prefer_canvas=False))


def groups_at(day: date) -> list[folium.FeatureGroup]:
    ordinal = day.toordinal()
    groups = []
    for layer in atlas().layers.values():
        if not layer.visible:
            continue
        frame = layer.frame
        shown = frame[(frame["first_day"] <= ordinal) & (frame["last_day"] >= ordinal)]
        group = folium.FeatureGroup(name=layer.title)
        style = {"color": layer.style.get("color", "#3366cc")}
        if len(shown):
            folium.GeoJson(
                shown[["id", "name", "geometry"]].to_json(),
                style_function=lambda _feature, style=style: style,
                tooltip=folium.GeoJsonTooltip(["name"]),
            ).add_to(group)
        groups.append(group)
    return groups
