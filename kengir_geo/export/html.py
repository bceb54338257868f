"""The offline export: one HTML file with every layer, a playable day slider and the story.

Each feature is written once per *phase* it goes through (perhaps there, surely there, perhaps
there, over), each copy with its own day range and style, so the slider only has to show the
copies whose range holds the day: the same rule as timeline.state_at, decided in Python.
Leaflet and plugins are inlined from folium-offline; the basemap is the bundled outlines.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import folium
import folium.plugins
from branca.element import Element, MacroElement
from folium.template import Template
from folium.utilities import JsCode

from kengir_geo.data.atlas import Atlas
from kengir_geo.data.intervals import OPEN_END
from kengir_geo.data.settings import Focus
from kengir_geo.export.story_panel import StoryPanel
from kengir_geo.map.assets import inline_html, remote_references
from kengir_geo.map.escape import esc
from kengir_geo.map.popups import popup_html
from kengir_geo.map.render import (
    OFFLINE,
    base_map,
    feature_properties,
    point_js,
    settle_ids,
)
from kengir_geo.map.styles import MAYBE, PAST, SURE
from kengir_geo.story.chapters import chapter_day
from kengir_geo.story.details import details_of_row
from kengir_geo.story.periods import periods
from kengir_geo.story.timeline import counter_origin

SIZE_BUDGET = 3 * 1024 * 1024
STEP_MS = 700  # one day per 0.7 s when playing: the 42 days take half a minute


class ExportError(Exception):
    """The export cannot be made as asked (unknown chapter, a remote reference left…)."""


def phase_spans(
    first: int, sure_from: int, sure_until: int, last: int, is_events: bool
) -> list[tuple[str, int, int]]:
    """The consecutive day ranges (inclusive) in which a feature is maybe, sure, maybe, past."""
    spans = []
    if sure_from <= sure_until:
        if first < sure_from:
            spans.append((MAYBE, first, sure_from - 1))
        spans.append((SURE, sure_from, sure_until))
        if sure_until < last:
            spans.append((MAYBE, sure_until + 1, last))
    else:  # a fuzzy single date: perhaps on any of its days, never surely on one
        spans.append((MAYBE, first, last))
    if is_events and last < OPEN_END:
        spans.append((PAST, last + 1, OPEN_END))
    return spans


def timed_features(
    atlas: Atlas, layer_id: str, highlighted: set[str]
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The layer's features, one copy per phase with `t0`..`t1`, and their popups by key."""
    layer = atlas.layers[layer_id]
    is_events = layer.type == "events"
    features, popups = [], {}
    for _, row in layer.frame.iterrows():
        if row.geometry is None or row.geometry.is_empty:
            continue
        details = details_of_row(atlas, layer_id, row)
        key = f"{layer_id}/{details.feature_id}"
        popups[key] = popup_html(details, atlas.sources)
        geometry = row.geometry.__geo_interface__
        spans = phase_spans(
            int(row.first_day),
            int(row.sure_from),
            int(row.sure_until),
            int(row.last_day),
            is_events,
        )
        for phase, t0, t1 in spans:
            props = feature_properties(layer, details, row, phase, False, False, atlas.sources)
            props.pop("popup")
            props.update(key=key, t0=t0, t1=t1)
            if details.feature_id in highlighted:
                lit = feature_properties(layer, details, row, phase, True, False, atlas.sources)
                props["style_hl"] = lit["style"]
            features.append({"type": "Feature", "geometry": geometry, "properties": props})
    return features, popups


STYLE_JS = JsCode(
    """function (feature) {
        var p = feature.properties, lit = window.kgHighlight || [];
        return (p.style_hl && lit.indexOf(p.id) >= 0) ? p.style_hl : p.style;
    }"""
)
BIND_JS = JsCode(
    """function (feature, layer) {
        var p = feature.properties;
        if (p.tooltip) { layer.bindTooltip(p.tooltip, {sticky: true}); }
        var popup = (window.kgPopups || {})[p.key];
        if (popup) { layer.bindPopup(popup, {maxWidth: 360, maxHeight: 380}); }
    }"""
)
INTERVAL_JS = JsCode("function (f) { return {start: f.properties.t0, end: f.properties.t1}; }")


def day_label_js(focus: Focus | None) -> JsCode:
    """The slider's label, 'Day 9 since 16 May · 24 May 1954', from a day ordinal."""
    epoch = date(1970, 1, 1).toordinal()
    if focus is None:
        return JsCode(
            f"""function (t) {{
        var months = ["January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"];
        var d = new Date((Math.round(t) - {epoch}) * 86400000);
        return d.getUTCDate() + " " + months[d.getUTCMonth()] + " " + d.getUTCFullYear();
    }}"""
        )
    first, last = focus.first.toordinal(), focus.last.toordinal()
    origin = focus.counter_from.toordinal()
    since = json.dumps(counter_origin(focus))
    before, after = json.dumps(f" (before {focus.name})"), json.dumps(f" (after {focus.name})")
    return JsCode(
        f"""function (t) {{
        var months = ["January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"];
        var d = new Date((Math.round(t) - {epoch}) * 86400000);
        var text = d.getUTCDate() + " " + months[d.getUTCMonth()] + " " + d.getUTCFullYear();
        var day = Math.round(t);
        if (day >= {first} && day <= {last}) {{
            return "Day " + (day - {origin} + 1) + " since " + {since} + " · " + text;
        }}
        return text + (day < {first} ? {before} : {after});
    }}"""
    )


class DayControl(MacroElement):
    """Popups by key, window.kgSetDay(ordinal), and prev/next that step one day at a time
    (the plugin's own jump between feature start times, which is not what a class expects)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            window.kgPopups = {{ this.popups|tojson }};
            (function () {
                var slider = {{ this.slider.get_name() }};
                window.kgSlider = slider;
                // A day outside the slider's range (a chapter in 1948) is still shown: the
                // layers go to that day, the thumb waits at the nearest end, the label tells.
                window.kgSetDay = function (t) {
                    slider.pause();
                    var inside = Math.max(slider.start, Math.min(slider.end, t));
                    slider.setTime(inside);
                    if (inside !== t) {
                        slider.timelines.forEach(function (tl) { tl.setTime(t); });
                        slider.time = t;
                        slider._output.innerHTML = slider.options.formatOutput(t);
                    }
                };
                function step(by) {
                    var t = Math.max(slider.start, Math.min(slider.end, Math.round(slider.time)));
                    window.kgSetDay(t + by);
                }
                slider.prev = function () { step(-1); };
                slider.next = function () { step(1); };
                window.kgSetDay({{ this.day|tojson }});
            })();
        {% endmacro %}
        """
    )

    def __init__(self, slider: Any, popups: dict[str, str], day: int):
        super().__init__()
        self._name = "DayControl"
        self.slider = slider
        self.popups = popups
        self.day = day


EXPORT_CSS = """
<style>
.leaflet-bottom.leaflet-left { width: calc(100% - 20px); max-width: 900px; }
.leaflet-timeline-control .sldr-ctrl-container { width: 270px; }
.leaflet-timeline-control output.time-text { font: 600 16px system-ui, sans-serif;
  white-space: nowrap; }
.leaflet-timeline-control button { cursor: pointer; }
</style>
"""


def build_export_map(
    atlas: Atlas, chapter: str | None = None, day: date | None = None
) -> folium.Map:
    """The export's map, before inlining: every layer as a Timeline, slider, story, controls."""
    start_index = -1  # the story panel's opening card
    if chapter is not None:
        ids = [c.id for c in atlas.chapters]
        if chapter not in ids:
            raise ExportError(f"no chapter {chapter!r}; chapters are {', '.join(ids) or 'none'}")
        start_index = ids.index(chapter)
    opening = atlas.chapters[start_index] if chapter else None
    focus = atlas.settings.focus
    span = periods(atlas)[0]  # the focus period, or the first year
    shown_day = day or (chapter_day(opening) if opening else None)
    shown_day = shown_day or (focus.first if focus else span.first)
    start = atlas.settings.start_view
    center = opening.center if opening else (start.center or (0.0, 0.0))
    zoom = opening.zoom if opening else (start.zoom or 3)
    # the legend starts folded so that story, slider and legend fit a projector screen
    fmap = base_map(atlas, OFFLINE, center, zoom, legend_open=False)
    fmap.get_root().header.add_child(Element(EXPORT_CSS), name="kg_export_css")

    highlighted = {fid for c in atlas.chapters for fid in c.highlight}
    timelines, layer_ids, popups = [], [], {}
    for layer_id, layer in atlas.layers.items():
        if layer.group == "basemap":
            continue
        features, layer_popups = timed_features(atlas, layer_id, highlighted)
        popups.update(layer_popups)
        timeline = folium.plugins.Timeline(
            {"type": "FeatureCollection", "features": features},
            get_interval=INTERVAL_JS,
            style=STYLE_JS,
            point_to_layer=point_js(canvas=False),
            on_each_feature=BIND_JS,
        )
        timeline.layer_name = esc(layer.title)
        timeline.show = layer.visible
        timeline.add_to(fmap)
        timelines.append(timeline)
        layer_ids.append(layer_id)

    # the slider spans the focus; a chapter or --date outside it is still shown (DayControl)
    first, last = (focus.first, focus.last) if focus else (span.first, span.last)
    steps = max(1, (last - first).days)
    slider = folium.plugins.TimelineSlider(
        auto_play=False,
        start=first.toordinal(),
        end=last.toordinal(),
        steps=steps,
        playback_duration=steps * STEP_MS,
        enable_keyboard_controls=True,
        show_ticks=False,
    )
    slider.options["format_output"] = day_label_js(focus)
    slider.add_timelines(*timelines).add_to(fmap)
    DayControl(slider, popups, shown_day.toordinal()).add_to(fmap)
    StoryPanel(
        atlas,
        slider,
        timelines,
        layer_ids,
        start_index,
        move_view=False,
        move_day=day is None and bool(chapter),
    ).add_to(fmap)
    folium.LayerControl(position="topleft", collapsed=True).add_to(fmap)
    return settle_ids(fmap)


def write_atomically(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
    return path


def export_html(
    atlas: Atlas, out: Path, chapter: str | None = None, day: date | None = None
) -> Path:
    """Write the self-contained HTML export to `out` (atomically) and return its path.

    Raises ExportError when the chapter is unknown or the page would still reach the network.
    """
    fmap = build_export_map(atlas, chapter, day)
    html = inline_html(fmap.get_root().render())
    remote = remote_references(html)
    if remote:
        raise ExportError(f"the export would load from the network: {remote[0]!r}")
    return write_atomically(Path(out), html)


def export_summary(path: Path, atlas: Atlas) -> str:
    size = path.stat().st_size
    features = sum(len(layer.frame) for layer in atlas.layers.values())
    over = " (over the 3 MB target)" if size > SIZE_BUDGET else ""
    return f"{path}: {size / 1024 / 1024:.2f} MB{over}, {len(atlas.layers)} layers, {features} features"
