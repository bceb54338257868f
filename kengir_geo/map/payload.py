"""The atlas as the browser's time map needs it: every feature once, with its four day bounds.

The app's map widget and the offline export load this one payload; the browser (client/
timemap.js) decides on each day which features are sure, maybe or past and restyles them, so
changing the day never goes back to the server. Everything a reader sees is escaped here, in
Python; styles come from styles.py, so the browser only picks among them.

Compact on purpose: a style set (the six looks of a feature: sure, maybe, past, each plain or
highlighted) is written once per layer and referred to by number, and a layer of points keeps
its coordinates in one flat array, so a 50,000-point layer is numbers, not objects.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import shapely
from shapely.geometry import mapping

from kengir_geo.data.atlas import Atlas, Layer
from kengir_geo.data.dates import try_parse_date
from kengir_geo.data.intervals import MAYBE, OPEN_END, OPEN_START, PAST, SURE
from kengir_geo.map.escape import esc
from kengir_geo.map.legend import legend_html
from kengir_geo.map.popups import popup_body, shared_popup_part
from kengir_geo.map.styles import feature_style, point_radius
from kengir_geo.story.changes import layer_changes
from kengir_geo.story.details import details_of_row, plain_text
from kengir_geo.story.timeline import counter_origin

# Above this many features a layer is drawn as small canvas circles, without labels.
LARGE_LAYER = 1000
PHASES = (SURE, MAYBE, PAST)
SPEEDS = (0.5, 1, 2, 5, 10)  # days a second


@dataclass(frozen=True)
class Options:
    popups: bool = True  # each feature's full story on click (the export, the story map)
    large_layer: int = LARGE_LAYER


def _day_bounds(layer: Layer) -> list[int]:
    """first, sure_from, sure_until, last for every feature, flat. Open ends stay ordinals
    of year 1 and 9999, which JSON and JavaScript hold exactly."""
    frame = layer.frame
    columns = ("first_day", "sure_from", "sure_until", "last_day")
    return [int(v) for row in zip(*(frame[c] for c in columns), strict=True) for v in row]


def _style_set(layer: Layer, row: dict[str, Any], large: bool) -> tuple:
    """The six looks of one feature (sure, maybe, past; plain, then highlighted)."""
    where = plain_text(row.get("location_certainty")) or plain_text(row.get("certainty"))
    category = plain_text(row.get("category")) or None
    state = plain_text(row.get("state")) or None
    kind = plain_text(row.get("kind")) or None
    is_events = layer.type == "events"
    looks = []
    for lit in (False, True):
        for phase in PHASES:
            style = feature_style(
                layer.style, where or "unknown", category, phase, lit, is_events, state, kind
            )
            style["radius"] = point_radius(phase, lit, large, is_events)
            if large and not lit:
                # thousands of dots: one fill each, no outline to paint, so the fill carries
                # what the outline would (still paler the less sure we are)
                style["stroke"] = False
                style["fillOpacity"] = round(min(1.0, 2.5 * style.get("fillOpacity", 0.3)), 3)
            looks.append(json.dumps(style, sort_keys=True))
    return tuple(looks)


def _clock(start: object) -> str:
    span = try_parse_date(start) if isinstance(start, str) and start.strip() else None
    return span.clock if span else ""


def _geometries(layer: Layer) -> list[dict[str, Any] | None]:
    values = layer.frame.geometry.values
    usable = ~(shapely.is_missing(values) | shapely.is_empty(values))
    rounded = shapely.set_precision(values, 1e-6)  # about 10 cm
    return [mapping(g) if ok else None for g, ok in zip(rounded, usable, strict=True)]


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    columns = [c for c in frame.columns if c != "geometry"]
    return [
        dict(zip(columns, row, strict=True))
        for row in zip(*(frame[c].tolist() for c in columns), strict=True)
    ]


def layer_payload(atlas: Atlas | None, layer: Layer, options: Options) -> dict[str, Any]:
    """One layer for the browser: looks, names, labels, day bounds, shapes, popups."""
    frame = layer.frame
    large = len(frame) > options.large_layer
    rows = _records(frame)
    looks: dict[tuple, int] = {}
    sets, parts, part_index = [], [], {}
    style_of, popup_of = [], []
    for row in rows:
        key = _style_set(layer, row, large)
        if key not in looks:
            looks[key] = len(sets)
            sets.append([json.loads(s) for s in key])
        style_of.append(looks[key])
        if options.popups:
            html = _popup_body(atlas, layer, row, large)
            if html not in part_index:
                part_index[html] = len(parts)
                parts.append(html)
            popup_of.append(part_index[html])
    geometries = _geometries(layer)
    points = all(g is None or g["type"] == "Point" for g in geometries) and len(rows) > 0
    names = [esc(plain_text(r.get("name")) or plain_text(r.get("id"))) for r in rows]
    payload: dict[str, Any] = {
        "id": layer.id,
        "title": esc(layer.title),
        "type": layer.type,
        "group": layer.group,
        "visible": layer.visible,
        "plan": layer.plan,
        "large": large,
        "sets": sets,
        "look": style_of,
        "ids": [plain_text(r.get("id")) for r in rows],
        "names": names,
        "days": _day_bounds(layer),
    }
    if points:
        payload["xy"] = [
            round(c, 6) for g in geometries for c in (g["coordinates"][:2] if g else (None, None))
        ]
    else:
        payload["shapes"] = geometries
    if not large:
        payload["labels"] = [esc(plain_text(r.get("label"))) for r in rows]
        payload["kinds"] = [plain_text(r.get("kind")) for r in rows]
        payload["states"] = [esc(plain_text(r.get("state"))) for r in rows]
        payload["times"] = [_clock(r.get("start")) for r in rows]
        payload["doubt"] = [
            float(r["uncertainty_m"])
            if plain_text(r.get("location_certainty")) == "unknown"
            and pd.notna(r.get("uncertainty_m"))
            else 0
            for r in rows
        ]
    if options.popups:
        payload["parts"] = parts
        payload["popup"] = popup_of
    return payload


def _popup_body(atlas: Atlas | None, layer: Layer, row: dict[str, Any], large: bool) -> str:
    """A feature's popup without its title (the browser adds the escaped name). In a large
    layer it is the part features share (layer, dates, certainty, sources), so thousands of
    features refer to a handful of texts. Without an atlas (a layer of anyone's): its
    properties as a table."""
    if atlas is None:
        from kengir_geo.ingest.preview import popup_table  # the one table of raw properties

        return popup_table(row.get("properties") or {})
    if large:
        return shared_popup_part(atlas, layer, row)
    return popup_body(details_of_row(atlas, layer.id, row), atlas.sources)


def focus_payload(atlas: Atlas) -> dict[str, Any] | None:
    focus = atlas.settings.focus
    if focus is None:
        return None
    return {
        "name": esc(focus.name),
        "first": focus.first.toordinal(),
        "last": focus.last.toordinal(),
        "origin": focus.counter_from.toordinal(),
        "since": esc(counter_origin(focus)),
    }


def changes_payload(layers: list[Layer], options: Options) -> dict[str, list[list[Any]]]:
    """What changed on each day (story/changes.py, the one rule), as the browser lists it:
    day -> [layer's index in the payload, feature's index, "start" or "end", sentence]. Large
    layers are drawn as dots without a list, so their changes are left out."""
    days: dict[str, list[list[Any]]] = {}
    for index, layer in enumerate(layers):
        if len(layer.frame) > options.large_layer:
            continue
        for day, entries in layer_changes(layer).items():
            days.setdefault(str(day), []).extend(
                [index, c.row, c.what, esc(c.sentence)] for c in entries
            )
    return days


def payload_of_layers(
    atlas: Atlas | None, layers: list[Layer], options: Options, title: str, legend: str
) -> dict[str, Any]:
    """The browser's time map for these layers (of an atlas, or of anyone's frame)."""
    return {
        "version": 2,
        "title": esc(title),
        "epoch": date(1970, 1, 1).toordinal(),
        "open": [OPEN_START, OPEN_END],
        "focus": focus_payload(atlas) if atlas is not None else None,
        "layers": [layer_payload(atlas, layer, options) for layer in layers],
        "changes": changes_payload(layers, options),
        "legend": legend,
        "speeds": list(SPEEDS),
    }


def map_payload(
    atlas: Atlas, options: Options = Options(), layer_ids: Iterable[str] | None = None
) -> dict[str, Any]:
    """Everything the browser needs to show any day of the atlas."""
    wanted = list(atlas.layers) if layer_ids is None else list(layer_ids)
    layers = [atlas.layers[lid] for lid in wanted]
    return payload_of_layers(atlas, layers, options, atlas.settings.title, legend_html(atlas))
