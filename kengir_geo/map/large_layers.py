"""Layers with thousands of features: canvas circles and shared popup parts.

A full popup per feature would make a 50k-point layer tens of megabytes and take a minute to
build. Here each feature carries only its escaped name and description and two small numbers:
which style and which popup part (dates, certainty, sources: few distinct ones in a layer) it
shares with others. The tables are escaped in Python; the browser only joins the pieces.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

import folium
import geopandas as gpd
import shapely
from branca.element import MacroElement
from folium.template import Template
from folium.utilities import JsCode

from kengir_geo.data.atlas import Atlas, Layer
from kengir_geo.map.escape import esc, script_json
from kengir_geo.map.popups import source_html
from kengir_geo.map.styles import LARGE_POINT_RADIUS, PAST, feature_style
from kengir_geo.story.details import CERTAINTY_EXPLAINED, describe_when, plain_text, string_list


def geojson_geometries(frame: gpd.GeoDataFrame) -> list[dict[str, Any] | None]:
    """The frame's geometries as GeoJSON dicts, coordinates to 6 decimals (about 10 cm),
    converted in one vectorised call; None for a missing or empty geometry."""
    values = frame.geometry.values
    usable = ~(shapely.is_missing(values) | shapely.is_empty(values))
    texts = shapely.to_geojson(shapely.set_precision(values, 1e-6))
    return [json.loads(t) if ok else None for t, ok in zip(texts, usable, strict=True)]


class Tables:
    """Distinct values get a number each; features refer to them by number."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._index: dict[Any, int] = {}

    def number(self, key: Any, make) -> int:
        if key not in self._index:
            self._index[key] = len(self.items)
            self.items.append(make())
        return self._index[key]


def popup_part(atlas: Atlas, layer: Layer, when: str, certainty: str, sources: tuple) -> str:
    """The shared part of a popup: layer, dates, certainty and sources, escaped."""
    cited = "".join(
        f"<li>{source_html(atlas.sources[s]) if s in atlas.sources else esc(s)}</li>"
        for s in sources
    )
    return (
        f'<div class="kg-what">{esc(layer.title)}</div>'
        f"<div><b>When:</b> {esc(when or 'no date given')}</div>"
        f"<div><b>What and when:</b> {esc(CERTAINTY_EXPLAINED.get(certainty, certainty))}</div>"
        f'<div class="kg-sources"><b>Sources</b><ol>{cited}</ol></div>'
    )


def compact_features(
    atlas: Atlas,
    layer_id: str,
    frames: Iterable[tuple[str, gpd.GeoDataFrame]],
    highlight: Iterable[str] = (),
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    """Features with numbers into a style table and a popup-part table, and the two tables."""
    layer = atlas.layers[layer_id]
    is_events = layer.type == "events"
    wanted = set(highlight)
    styles, parts = Tables(), Tables()
    whens: dict[tuple, str] = {}
    features = []
    columns = ["id", "name", "description", "start", "end", "certainty", "category", "sources"]
    for phase, frame in frames:
        rows = frame[columns].itertuples(index=False, name=None)
        for (fid, name, description, start, end, certainty, category, sources), geometry in zip(
            rows, geojson_geometries(frame), strict=True
        ):
            if geometry is None:
                continue
            certainty, category = plain_text(certainty) or "unknown", plain_text(category) or None
            lit = fid in wanted
            style = styles.number(
                (certainty, category, phase, lit),
                lambda c=certainty, k=category, p=phase, h=lit: feature_style(
                    layer.style, c, k, p, h, is_events
                ),
            )
            if (start, end) not in whens:
                whens[(start, end)] = describe_when(start, end, layer.type)
            cited = tuple(string_list(sources))
            when = whens[(start, end)]
            part = parts.number(
                (when, certainty, cited),
                lambda w=when, c=certainty, s=cited: popup_part(atlas, layer, w, c, s),
            )
            props = {
                "id": plain_text(fid),
                "t": esc(plain_text(name) or plain_text(fid)),
                "s": style,
                "p": part,
            }
            if plain_text(description):
                props["d"] = esc(plain_text(description))
            if phase == PAST:
                props["t"] += " <i>(already over)</i>"
            features.append({"type": "Feature", "geometry": geometry, "properties": props})
    return features, styles.items, parts.items


def compact_element(atlas: Atlas, layer_id: str, frames, highlight=()) -> folium.GeoJson:
    """One GeoJson drawn on a canvas, popups assembled from the shared parts.

    The tables are evaluated once per page under a name derived from their content, so a
    redrawn layer (another date) never reads the tables of an earlier one.
    """
    features, styles, parts = compact_features(atlas, layer_id, frames, highlight)
    tables = script_json({"styles": styles, "parts": parts})
    name = "kgTables_" + hashlib.sha1(tables.encode()).hexdigest()[:12]  # noqa: S324 (a name)
    get_tables = f"(window.{name} || (window.{name} = {tables}))"
    style_js = JsCode(f"function (f) {{ return {get_tables}.styles[f.properties.s]; }}")
    point_js = JsCode(
        f"""function (feature, latlng) {{
            var s = Object.assign({{}}, {get_tables}.styles[feature.properties.s]);
            s.radius = {LARGE_POINT_RADIUS};
            s.renderer = window.kgCanvas || (window.kgCanvas = L.canvas({{padding: 0.5}}));
            return L.circleMarker(latlng, s);
        }}"""
    )
    element = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=esc(atlas.layers[layer_id].title),
        point_to_layer=point_js,
        style=style_js,
    )
    GroupPopups(get_tables).add_to(element)
    return element


class GroupPopups(MacroElement):
    """One tooltip and one popup for the whole layer, filled in for the feature under the
    pointer: binding 50k of each, one per feature, costs seconds."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group) {
            function props(layer) { return layer.feature.properties; }
            group.bindTooltip(function (layer) { return props(layer).t; }, {sticky: true});
            group.bindPopup(function (layer) {
                var p = props(layer), parts = {{ this.tables }}.parts;
                return '<div class="kg-popup"><div class="kg-title">' + p.t + '</div>' +
                    (p.d ? '<p class="kg-description">' + p.d + '</p>' : '') + parts[p.p] + '</div>';
            }, {maxWidth: 360, maxHeight: 380});
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, tables_js: str):
        super().__init__()
        self._name = "GroupPopups"
        self.tables = tables_js
