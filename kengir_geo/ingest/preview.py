"""A folium map of an uploaded layer, over the atlas's base map when there is one.

Every string from the file is escaped before it reaches the map (folium's tooltips and
Leaflet's popups insert HTML as given); a value becomes a link only when it is an http(s) URL.
"""

from __future__ import annotations

from typing import Any

import folium

from kengir_geo.data.atlas import Atlas
from kengir_geo.ingest.normalize import positions
from kengir_geo.map.escape import esc
from kengir_geo.map.popups import properties_table as popup_table
from kengir_geo.map.render import preview_time_map

__all__ = ["PREVIEW_LIMIT", "popup_table", "preview_features", "preview_map"]

PREVIEW_LIMIT = 5000  # features drawn; more would slow the browser without showing more
STYLE = {"color": "#6a1b9a", "fillColor": "#ab47bc", "weight": 2, "fillOpacity": 0.35}


def preview_features(collection: dict[str, Any], limit: int = PREVIEW_LIMIT) -> list[dict]:
    """Located features with escaped tooltip and popup, as render.py's JavaScript expects."""
    shown = []
    for item in collection.get("features", []):
        if not isinstance(item, dict) or not positions(item.get("geometry")):
            continue  # unlocated: listed in the problems, nothing to draw
        props = item.get("properties") or {}
        shown.append(
            {
                "type": "Feature",
                "geometry": item["geometry"],
                "properties": {
                    "tooltip": esc(props.get("name") or props.get("id") or ""),
                    "popup": popup_table(props),
                    "style": STYLE,
                    "radius": 7,
                },
            }
        )
        if len(shown) >= limit:
            break
    return shown


def bounds(features: list[dict[str, Any]]) -> list[list[float]] | None:
    points = [p for f in features for p in positions(f["geometry"])]
    if not points:
        return None
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def preview_map(
    collection: dict[str, Any],
    atlas: Atlas | None = None,
    limit: int = PREVIEW_LIMIT,
    lang: str = "en",
) -> folium.Map:
    """The layer on the time map, over the atlas's offline base map (or a bare one), fitted;
    its words and dates in `lang`."""
    located = [
        item
        for item in collection.get("features", [])
        if isinstance(item, dict) and positions(item.get("geometry"))
    ][:limit]
    return preview_time_map(located, atlas, lang=lang)
