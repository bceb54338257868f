"""The time map as a folium plugin: any GeoDataFrame with date columns, day by day.

    import folium
    from kengir_geo.map import TimeMap

    m = folium.Map(tiles=None)
    TimeMap(camps, start="opened", end="closed", name="camp").add_to(m)
    m.save("camps.html")   # works offline: Leaflet and the plugin are inlined

A `MacroElement` like folium's own plugins, with its Jinja template beside it
(templates/timemap.js.j2). It draws with the browser plugin L.TimeMap (client/timemap.js) and
its controls; the app's map widget and the export use the very same code.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element, Figure, MacroElement
from folium.template import Template

from kengir_geo.data.atlas import Layer, layer_frame
from kengir_geo.map.assets import leaflet_css, leaflet_js, plugin_css, plugin_js
from kengir_geo.map.escape import esc, script_json
from kengir_geo.map.legend import legend_html
from kengir_geo.map.payload import Options, payload_of_layers

TEMPLATES = Path(__file__).resolve().parent / "templates"
CONTROLS = ("timeSlider", "dayList", "timeLegend")


def _template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text(encoding="utf-8"))


def _date_text(value: object) -> str | None:
    """A cell of a date column as the text the date reader takes ("1937-08-05", "1948")."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and float(value).is_integer():
        return f"{int(value):04d}"  # a bare year
    return str(value)


def _plain(value: object) -> Any:
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple, str, int, float, bool)) or value is None:
        return value
    try:
        return None if pd.isna(value) else str(value)
    except (TypeError, ValueError):
        return str(value)


def frame_layer(
    data: gpd.GeoDataFrame | Mapping[str, Any],
    start: str = "start",
    end: str = "end",
    *,
    name: str | None = None,
    layer_id: str = "layer",
    title: str = "Layer",
    kind: str = "features",
    color: str = "#1f5fa8",
    require_dates: bool = True,
    certainty: str = "documented",
) -> Layer:
    """Anyone's GeoDataFrame (or GeoJSON FeatureCollection) as a layer of the time map.

    `start`/`end` name the date columns (dates, timestamps, years or text such as "1954-05");
    `name` the column shown on hover; `kind` "features" (things that last) or "events".
    Without `require_dates`, a missing date column means "no date" (always shown). A feature
    without a `certainty` of its own is drawn as `certainty` (solid: "documented")."""
    frame = data if isinstance(data, gpd.GeoDataFrame) else gpd.GeoDataFrame.from_features(data)
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    for column in (start, end):
        if column not in frame.columns and require_dates:
            raise KeyError(
                f"no column {column!r}; columns are {', '.join(map(str, frame.columns))}"
            )
    columns = [c for c in frame.columns if c != frame.geometry.name]
    features = []
    for number, (geometry, row) in enumerate(
        zip(frame.geometry, frame[columns].itertuples(index=False, name=None), strict=True)
    ):
        raw = {str(c): _plain(v) for c, v in zip(columns, row, strict=True)}
        label = raw.get(name) if name else raw.get("name")
        properties = {
            "id": str(raw.get("id") if raw.get("id") is not None else number),
            "name": "" if label is None else str(label),
            "start": _date_text(raw.get(start)),
            "end": _date_text(raw.get(end)),
            "certainty": raw.get("certainty") or certainty,
            "properties": raw,  # the popup's table (escaped there)
        }
        features.append(
            {
                "type": "Feature",
                "geometry": None if geometry is None else geometry.__geo_interface__,
                "properties": properties,
            }
        )
    doc = {"type": "FeatureCollection", "features": features}
    return Layer(
        id=layer_id,
        title=title,
        file="",
        group="layers",
        type=kind,
        visible=True,
        description="",
        style={"color": color},
        frame=layer_frame(doc, kind),
    )


class TimeMap(MacroElement):
    """A day-by-day map of dated features: a slider from the first date to the last (zooming
    from decades to days), Play, the day's list and a legend.

    data: a GeoDataFrame or GeoJSON FeatureCollection with `start` and `end` columns; or
    `payload`: a payload already built (map/payload.py, as the export does).
    day, range: the first day shown and the days the slider first spans (dates or ordinals);
    locale: dates in the reader's language; strings: the plugin's words (English by default);
    offline: inline Leaflet and drop folium's other CDN files, so a saved file needs no network.
    """

    _template = _template("timemap.js.j2")

    def __init__(
        self,
        data: gpd.GeoDataFrame | Mapping[str, Any] | None = None,
        start: str = "start",
        end: str = "end",
        *,
        name: str | None = None,
        title: str = "Layer",
        kind: str = "features",
        color: str = "#1f5fa8",
        payload: dict[str, Any] | None = None,
        day: date | int | None = None,
        range: Sequence[date | int] | None = None,  # noqa: A002 (the plugin's word)
        unit: str | None = None,
        locale: str = "en-GB",
        strings: Mapping[str, str] | None = None,
        popups: bool = True,
        controls: Sequence[str] = CONTROLS,
        fit: Sequence[str] | None = None,
        offline: bool = True,
        **options: Any,
    ):
        super().__init__()
        self._name = "TimeMap"
        if payload is None:
            if data is None:
                raise ValueError("TimeMap needs data (a GeoDataFrame or GeoJSON) or a payload")
            layer = frame_layer(data, start, end, name=name, title=title, kind=kind, color=color)
            payload = payload_of_layers(
                None, [layer], Options(popups=popups), title, legend_html(None, open_=False)
            )
            fit = fit if fit is not None else [layer.id]
        self.payload = payload
        settings: dict[str, Any] = {"locale": locale, "popups": popups, **options}
        if day is not None:
            settings["day"] = _ordinal(day)
        if range is not None:
            settings["range"] = [_ordinal(range[0]), _ordinal(range[1])]
        if unit:
            settings["unit"] = unit
        if strings:
            settings["strings"] = dict(strings)
        self.settings = settings
        self.control_names = list(controls)
        self.fit_ids = list(fit) if fit else None
        self.offline = offline

    @property
    def payload_json(self) -> str:
        return script_json(self.payload)

    @property
    def options_json(self) -> str:
        return script_json(self.settings)

    @property
    def fit(self) -> str:
        return script_json(self.fit_ids) if self.fit_ids else ""

    @property
    def controls(self) -> list[dict[str, str]]:
        open_legend = {"open": True} if self.settings.get("legend_open") else {}
        return [
            {"name": c, "options": json.dumps(open_legend if c == "timeLegend" else {})}
            for c in self.control_names
        ]

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if isinstance(figure, Figure):
            add_assets(figure, offline=self.offline)
        super().render(**kwargs)


class StoryControl(MacroElement):
    """The story panel (client/story.js) over a TimeMap: chapters, Next/Previous, clicker
    keys. `config` as export/html.story_config builds it; `strings`: the panel's words
    (English by default)."""

    _template = _template("story.js.j2")

    def __init__(
        self,
        time_map: TimeMap,
        config: dict[str, Any],
        strings: Mapping[str, str] | None = None,
    ):
        super().__init__()
        self._name = "StoryControl"
        self.time_map = time_map
        self.config = config
        self.strings = dict(strings or {})

    @property
    def config_json(self) -> str:
        return script_json(self.config)

    @property
    def options_json(self) -> str:
        return script_json({"strings": self.strings})

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if isinstance(figure, Figure):
            add_assets(figure, offline=self.time_map.offline, story=True)
        super().render(**kwargs)


def _ordinal(value: date | int) -> int:
    return value if isinstance(value, int) else value.toordinal()


def _script(text: str) -> str:
    return "<script>" + text.replace("</script", "<\\/script") + "</script>"


def _style(text: str) -> str:
    return "<style>" + text.replace("</style", "<\\/style") + "</style>"


def add_assets(figure: Figure, offline: bool = True, story: bool = False) -> None:
    """The plugin's CSS and JavaScript, inline, once per page. Offline, folium's CDN links for
    Leaflet become Leaflet's own text (in their place, so later scripts still find L) and the
    Map's other CDN files (jQuery, Bootstrap, icon fonts, which the time map does not use) go."""
    header = figure.header
    if offline:
        # a child added under a name the header already holds takes its place (branca keeps
        # the order), so Leaflet's text stands where folium linked it, before later scripts
        for name, _url in folium.Map.default_js + folium.Map.default_css:
            header.add_child(Element(""), name=name)
        header.add_child(Element(_script(leaflet_js())), name="leaflet")
        header.add_child(Element(_style(leaflet_css())), name="leaflet_css")
    header.add_child(Element(_style(plugin_css(story=story))), name="kengir_timemap_css")
    header.add_child(Element(_script(plugin_js(story=story))), name="kengir_timemap_js")


class Page(Figure):
    """A folium figure with the page's language and a title (WCAG: 3.1.1, 2.4.2)."""

    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="{{ this.lang }}">\n'
        "<head>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>{{ this.title }}</title>\n"
        "    {{ this.header.render(**kwargs) }}\n"
        "</head>\n"
        "<body>\n"
        "    {{ this.html.render(**kwargs) }}\n"
        "</body>\n"
        "<script>\n"
        "    {{ this.script.render(**kwargs) }}\n"
        # shown in a frame (the upload preview): the frame's name is the page's title
        "    try { if (window.frameElement) { window.frameElement.title = document.title; } }\n"
        "    catch (e) { /* a frame of another origin */ }\n"
        "</script>\n"
        "</html>\n"
    )

    def __init__(self, title: str, lang: str = "en"):
        super().__init__(height="100%", title=esc(title))  # the template does not escape
        self.lang = esc(lang)
