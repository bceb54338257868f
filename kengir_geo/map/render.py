"""A folium base map of the atlas (country outlines offline, a legend): for the upload preview,
the one map still drawn by folium. The atlas's own layers are drawn by the browser's time map
(map/client/timemap.js)."""

from __future__ import annotations

import hashlib
from typing import Any

import folium
import folium.plugins
import xyzservices
from branca.element import Element
from folium.utilities import JsCode

from kengir_geo.data.atlas import Atlas
from kengir_geo.map.assets import LEAFLET_CSS, LEAFLET_JS
from kengir_geo.map.basemaps import BASEMAPS, OFFLINE
from kengir_geo.map.escape import esc
from kengir_geo.map.legend import Legend

__all__ = ["BIND_JS", "LEAFLET_CSS", "LEAFLET_JS", "base_map", "point_js", "settle_ids"]

BIND_JS = JsCode(
    """function (feature, layer) {
        var p = feature.properties;
        if (p.tooltip) { layer.bindTooltip(p.tooltip, {sticky: true}); }
        if (p.popup) { layer.bindPopup(p.popup, {maxWidth: 360, maxHeight: 380}); }
    }"""
)


def point_js() -> JsCode:
    """Points become circle markers (never pins)."""
    return JsCode(
        """function (feature, latlng) {
        var p = feature.properties, s = Object.assign({}, p.style);
        s.radius = p.radius;
        return L.circleMarker(latlng, s);
    }"""
    )


def settle_ids(element: Any, prefix: str = "kg") -> Any:
    """Give every element of a folium tree a fixed id (folium's are random), so the same
    arguments render byte-identical HTML and st_folium keeps its iframe."""
    counter = 0
    stack = [element]
    while stack:
        node = stack.pop(0)
        node._id = hashlib.sha1(f"{prefix}/{counter}".encode()).hexdigest()[:32]  # noqa: S324
        counter += 1
        stack.extend(getattr(node, "_children", {}).values())
    return element


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
    return folium.GeoJson(
        layer.frame[["geometry"]].__geo_interface__,
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
    """Basemap, country outlines when offline, full-screen control, scale bar and legend.
    Same arguments give identical HTML."""
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
