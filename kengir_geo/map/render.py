"""Folium elements for the atlas: a base map that never changes, and the layers at a date.

base_map() holds what stays the same (basemap, country outlines, controls, legend) and is
deterministic, so the app can keep one iframe; feature_groups() holds what changes with the
date. Each feature carries its own style, tooltip and popup as GeoJSON properties, so one small
piece of JavaScript draws every layer, in the app and in the export alike.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

import folium
import folium.plugins
import geopandas as gpd
import pandas as pd
import xyzservices
from branca.element import Element
from folium.utilities import JsCode
from shapely.geometry import mapping

from kengir_geo.data.atlas import Atlas, Layer
from kengir_geo.map.escape import esc
from kengir_geo.map.large_layers import compact_element
from kengir_geo.map.legend import Legend, legend_html
from kengir_geo.map.popups import popup_html, tooltip_html
from kengir_geo.map.styles import MAYBE, PAST, SURE, feature_style, point_radius
from kengir_geo.story.details import FeatureDetails, details_of_row
from kengir_geo.story.timeline import LayerState

__all__ = [
    "BASEMAPS",
    "base_map",
    "feature_groups",
    "layer_geojson",
    "legend_html",
    "popup_html",
    "settle_ids",
]

# Display name -> key: "offline" draws the bundled country outlines, the others are xyzservices.
BASEMAPS = {
    "Country outlines (offline)": "offline",
    "OpenStreetMap": "OpenStreetMap.Mapnik",
    "Esri light grey": "Esri.WorldGrayCanvas",
    "Esri World Imagery": "Esri.WorldImagery",
}
OFFLINE = "offline"

# Only Leaflet itself: folium's defaults also pull jQuery, Bootstrap and Font Awesome, whose
# icon fonts would be fetched from the network and which no element of ours uses.
LEAFLET_JS = [("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css")]

# A layer above this size is drawn on one canvas with small circles and shared popup parts
# (large_layers.py): thousands of SVG nodes, default pins or full popups take seconds to settle.
LARGE_LAYER = 1000

BIND_JS = JsCode(
    """function (feature, layer) {
        var p = feature.properties;
        if (p.tooltip) { layer.bindTooltip(p.tooltip, {sticky: true}); }
        if (p.popup) { layer.bindPopup(p.popup, {maxWidth: 360, maxHeight: 380}); }
    }"""
)
STYLE_JS = JsCode("function (feature) { return feature.properties.style; }")


def point_js(canvas: bool) -> JsCode:
    """Points become circle markers (never pins); an unknown location its area of doubt."""
    renderer = "s.renderer = window.kgCanvas || (window.kgCanvas = L.canvas({padding: 0.5}));"
    return JsCode(
        f"""function (feature, latlng) {{
        var p = feature.properties, s = Object.assign({{}}, p.style);
        {renderer if canvas else ""}
        if (p.doubt_m) {{ s.radius = p.doubt_m; return L.circle(latlng, s); }}
        s.radius = p.radius;
        return L.circleMarker(latlng, s);
    }}"""
    )


def settle_ids(element: Any, prefix: str = "kg") -> Any:
    """Give every element of a folium tree a fixed id (folium's are random), so the same
    arguments render byte-identical HTML. The ids look like folium's (32 hex digits):
    streamlit-folium rewrites any `_<id>` it finds in the script, data included, so a
    short id like `kg1` could match text in a layer."""
    counter = 0
    stack = [element]
    while stack:
        node = stack.pop(0)
        node._id = hashlib.sha1(f"{prefix}/{counter}".encode()).hexdigest()[:32]  # noqa: S324
        counter += 1
        stack.extend(getattr(node, "_children", {}).values())
    return element


def js_safe(text: str) -> str:
    return re.sub(r"\W", "_", text)


def tile_layer(key: str) -> folium.TileLayer:
    provider = xyzservices.providers.query_name(key)
    return folium.TileLayer(
        tiles=provider.build_url(),
        attr=provider.html_attribution,
        name=provider.name,
        max_zoom=provider.get("max_zoom", 19),
    )


def countries_layer(atlas: Atlas) -> folium.GeoJson | None:
    """The bundled country outlines: the offline basemap. Not interactive."""
    layer = next((lay for lay in atlas.layers.values() if lay.group == "basemap"), None)
    if layer is None or layer.frame.empty:
        return None
    frame = layer.frame[["geometry"]]
    return folium.GeoJson(
        frame.__geo_interface__,
        name=esc(layer.title),
        style_function=lambda _feature: {
            "color": "#7f8c8d",
            "weight": 1,
            "fillColor": "#f4f1ea",
            "fillOpacity": 1,
            "interactive": False,
        },
        control=False,
    )


def base_map(
    atlas: Atlas,
    basemap: str = OFFLINE,
    center: tuple[float, float] = (0.0, 0.0),
    zoom: int = 6,
    legend_position: str = "bottomright",
    legend_open: bool = True,
) -> folium.Map:
    """The map without its dated layers: basemap, country outlines when offline, full-screen
    control, scale bar and legend. Same arguments give identical HTML."""
    if basemap not in BASEMAPS.values():
        raise ValueError(
            f"unknown basemap {basemap!r}; choose one of {', '.join(BASEMAPS.values())}"
        )
    fmap = folium.Map(
        location=list(center), zoom_start=zoom, tiles=None, control_scale=True, max_zoom=19
    )
    fmap.default_js = list(LEAFLET_JS)
    fmap.default_css = list(LEAFLET_CSS)
    if basemap == OFFLINE:
        fmap.get_root().header.add_child(
            Element("<style>.folium-map.leaflet-container { background: #dce8ef; }</style>"),
            name="kg_offline_background",
        )
        outlines = countries_layer(atlas)
        if outlines is not None:
            outlines.add_to(fmap)
    else:
        tile_layer(basemap).add_to(fmap)
    folium.plugins.Fullscreen(position="topleft").add_to(fmap)
    Legend(atlas, legend_position, legend_open).add_to(fmap)
    return settle_ids(fmap)


def _phase_note(phase: str, is_events: bool) -> str:
    if phase == MAYBE:
        return "(perhaps on this day)" if is_events else "(perhaps there on this day)"
    return "(already over)" if phase == PAST else ""


def feature_properties(
    layer: Layer,
    details: FeatureDetails,
    row: Any,
    phase: str,
    highlighted: bool,
    large: bool,
    all_sources: dict,
    with_popup: bool = True,
) -> dict[str, Any]:
    """What the browser needs to draw one feature: style, escaped tooltip and popup."""
    is_events = layer.type == "events"
    style = feature_style(
        layer.style,
        details.location_certainty,
        details.category or None,
        phase,
        highlighted,
        is_events,
        details.state or None,
    )
    doubt = details.uncertainty_m if details.location_certainty == "unknown" else None
    props = {
        "id": details.feature_id,
        "layer": layer.id,
        "phase": phase,
        "style": style,
        "radius": point_radius(phase, highlighted, large, is_events),
        "doubt_m": doubt,
        "tooltip": tooltip_html(details.name, _phase_note(phase, is_events)),
    }
    if with_popup:
        props["popup"] = popup_html(details, all_sources)
    return props


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as plain dicts, column by column: iterrows() and to_dict("records") build
    pandas objects per row and cost most of a day's rendering time."""
    columns = list(frame.columns)
    return [
        dict(zip(columns, row, strict=True))
        for row in zip(*(frame[c].tolist() for c in columns), strict=True)
    ]


def layer_geojson(
    atlas: Atlas,
    layer_id: str,
    frames: Iterable[tuple[str, gpd.GeoDataFrame]],
    highlight: Iterable[str] = (),
    large: bool = False,
    popups: bool = True,
) -> list[dict[str, Any]]:
    """GeoJSON features of a layer for each (phase, frame), with drawing properties."""
    layer = atlas.layers[layer_id]
    wanted = set(highlight)
    features = []
    for phase, frame in frames:
        for row in records(frame):
            geometry = row["geometry"]
            if geometry is None or geometry.is_empty:
                continue
            details = details_of_row(atlas, layer_id, row)
            props = feature_properties(
                layer,
                details,
                row,
                phase,
                details.feature_id in wanted,
                large,
                atlas.sources,
                with_popup=popups,
            )
            features.append({"type": "Feature", "geometry": mapping(geometry), "properties": props})
    return features


def is_large(state: LayerState) -> bool:
    return len(state) > LARGE_LAYER


def geojson_element(features: list[dict[str, Any]], name: str) -> folium.GeoJson:
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=name,
        on_each_feature=BIND_JS,
        point_to_layer=point_js(canvas=False),
        style=STYLE_JS,
    )


def feature_groups(
    atlas: Atlas,
    states: dict[str, LayerState],
    highlight: Iterable[str] = (),
    popups: bool = True,
) -> list[folium.FeatureGroup]:
    """One FeatureGroup per layer (manifest order) with its features on the chosen day:
    past events first (underneath), then uncertain ones, then sure ones on top.

    popups=False leaves out the per-feature popups (most of the bytes) for a page that shows
    a clicked feature's details beside the map instead; large layers keep their shared ones.
    """
    highlight = tuple(highlight)
    groups = []
    for layer_id in [lid for lid in atlas.layers if lid in states]:
        layer, state = atlas.layers[layer_id], states[layer_id]
        if layer.group == "basemap":
            continue  # the country outlines belong to the base map
        frames = [(PAST, state.past), (MAYBE, state.maybe), (SURE, state.sure)]
        group = folium.FeatureGroup(name=esc(layer.title))
        if is_large(state):
            compact_element(atlas, layer_id, frames, highlight).add_to(group)
        else:
            features = layer_geojson(atlas, layer_id, frames, highlight, popups=popups)
            geojson_element(features, esc(layer.title)).add_to(group)
        groups.append(settle_ids(group, f"kg_{js_safe(layer_id)}_"))
    return groups
