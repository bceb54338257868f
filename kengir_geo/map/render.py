"""folium maps: the upload preview on the time map plugin (preview_time_map), and a plain base
map of the atlas (country outlines offline, a legend). The atlas's layers are drawn by the
browser's time map (map/client/timemap.js) in every host."""

from __future__ import annotations

import hashlib
from typing import Any

import folium
import folium.plugins
import numpy as np
import xyzservices
from branca.element import Element, MacroElement
from folium.template import Template
from folium.utilities import JsCode

from kengir_geo.data.atlas import Atlas, Layer
from kengir_geo.data.intervals import OPEN_END, OPEN_START
from kengir_geo.i18n import translator
from kengir_geo.map.basemaps import BASEMAPS, OFFLINE
from kengir_geo.map.escape import esc
from kengir_geo.map.legend import LEGEND_CSS, legend_html
from kengir_geo.map.popups import POPUP_CSS

__all__ = [
    "BIND_JS",
    "LEAFLET_CSS",
    "LEAFLET_JS",
    "base_map",
    "point_js",
    "preview_time_map",
    "stable_html",
]

# Only Leaflet itself: folium's defaults also pull jQuery, Bootstrap and Font Awesome, whose
# icon fonts would be fetched from the network and which no element of ours uses.
LEAFLET_JS = [(n, u) for n, u in folium.Map.default_js if n == "leaflet"]
LEAFLET_CSS = [(n, u) for n, u in folium.Map.default_css if n == "leaflet_css"]


class LeafletMap(folium.Map):
    """A folium Map that links Leaflet and nothing else (a plugin's way to name its files)."""

    default_js = LEAFLET_JS
    default_css = LEAFLET_CSS


class Legend(MacroElement):
    """A Leaflet control holding legend_html(), plus the CSS of popups and legend."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>{{ this.css }}</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
            {{ this.get_name() }}.onAdd = function () {
                var div = L.DomUtil.create("div", "kg-legend-control");
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self, atlas: Atlas | None = None, position: str = "bottomright", open_: bool = True
    ):
        super().__init__()
        self._name = "Legend"
        self.html = legend_html(atlas, open_)
        self.position = position
        self.css = LEGEND_CSS + POPUP_CSS


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


def element_ids(element: Any) -> list[str]:
    """The ids of `element` and everything under it, in tree order, as branca's public
    to_dict() lists them (a Figure's header, body and script parts included)."""
    ids: list[str] = []
    stack = [element.to_dict()]
    while stack:
        node = stack.pop(0)
        ids.append(node["id"])
        stack.extend(node.get("children", {}).values())
        stack.extend(node[part] for part in ("header", "html", "script") if part in node)
    return list(dict.fromkeys(ids))


def stable_html(element: Any, prefix: str = "kg") -> str:
    """The HTML of `element`'s page with every element's random id replaced by one derived
    from `prefix` and its place in the tree: the same arguments render byte-identical HTML
    (an export is reproducible; a Streamlit page keeps its iframe). Rendered first, so the
    elements a render adds are named too."""
    root = element.get_root()
    html = root.render()
    for counter, old in enumerate(element_ids(root)):
        new = hashlib.sha1(f"{prefix}/{counter}".encode()).hexdigest()[:32]  # noqa: S324
        html = html.replace(old, new)
    return html


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
    Same arguments give identical HTML through stable_html."""
    if basemap not in BASEMAPS.values():
        raise ValueError(
            f"unknown basemap {basemap!r}; choose one of {', '.join(BASEMAPS.values())}"
        )
    fmap = LeafletMap(
        location=list(center), zoom_start=zoom, tiles=None, control_scale=True, max_zoom=19
    )
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
    return fmap


PREVIEW_COLOR = "#6a1b9a"  # a new layer's purple, unlike any colour of the atlas's


def preview_time_map(
    located: list[dict[str, Any]],
    atlas: Atlas | None = None,
    title: str | None = None,
    lang: str = "en",
) -> folium.Map:
    """An uploaded layer on the time map (the plugin the app and the export use), over the
    atlas's country outlines: a dated layer previews with its days. `located`: GeoJSON
    features that have a geometry. Popups list each feature's properties, escaped. `lang`:
    the reader's language (the plugin's words and dates)."""
    from kengir_geo.map.legend import legend_html
    from kengir_geo.map.payload import Options, payload_of_layers
    from kengir_geo.map.plugin_words import timemap_options
    from kengir_geo.map.timemap import Page, TimeMap, frame_layer

    title = title or translator(lang).gettext("Your layer")

    layer = frame_layer(
        {"type": "FeatureCollection", "features": located},
        layer_id="upload",
        title=title,
        color=PREVIEW_COLOR,
        require_dates=False,
    )
    outlines = [lay for lay in (atlas.layers.values() if atlas else []) if lay.group == "basemap"]
    payload = payload_of_layers(
        None,
        [*outlines, layer],
        Options(popups=True, lang=lang),
        title,
        legend_html(None, open_=False, lang=lang),
    )
    dated = bool(len(layer.frame)) and bool(
        (layer.frame["first_day"] > OPEN_START).any() or (layer.frame["last_day"] < OPEN_END).any()
    )
    page = Page(title=title, lang=lang)
    fmap = folium.Map(tiles=None, control_scale=True, zoom_snap=0.25)
    page.add_child(fmap)
    controls = ("timeSlider", "dayList", "timeLegend") if dated else ()
    day = fullest_day(layer) if dated else None
    words = timemap_options(lang)
    TimeMap(payload=payload, controls=controls, fit=[layer.id], day=day, **words).add_to(fmap)
    return fmap


def fullest_day(layer: Layer) -> int:
    """The first day on which most of the layer's features may be there: a preview opens on
    it, so a reader sees the layer before stepping through its days."""
    first = np.sort(layer.frame["first_day"].to_numpy())
    last = np.sort(layer.frame["last_day"].to_numpy())
    days = np.unique(first[(first > OPEN_START) & (first < OPEN_END)])
    if not len(days):
        return int(last[(last > OPEN_START) & (last < OPEN_END)].min())
    alive = np.searchsorted(first, days, side="right") - np.searchsorted(last, days, side="left")
    return int(days[int(np.argmax(alive))])
