"""The atlas as the browser's time map needs it: every feature once, with its four day bounds.

The app's map widget and the offline export load this one payload; the browser (client/
timemap.js) decides on each day which features are sure, maybe or past and restyles them, so
changing the day never goes back to the server. Everything a reader sees is escaped here, in
Python; styles come from styles.py, so the browser only picks among them.

Compact on purpose: a style set (the six looks of a feature: sure, maybe, past, each plain or
highlighted) is written once per layer and referred to by number, and the per-feature columns
(ids, names, looks, day bounds, points) are packed (columns.py; timecore.js unpacks them), so
a 100,000-point layer is a few strings, not objects.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping

from kengir_geo.data.atlas import Atlas, Layer
from kengir_geo.data.dates import try_parse_date
from kengir_geo.data.intervals import MAYBE, OPEN_END, OPEN_START, PAST, SURE
from kengir_geo.data.settings import Settings
from kengir_geo.map.columns import packed_days, packed_ints, packed_points, packed_texts
from kengir_geo.map.escape import esc, esc_name, esc_names
from kengir_geo.map.legend import legend_html
from kengir_geo.map.popups import popup_body, properties_table, shared_popup_part
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
    lang: str = "en"  # the reader's language (kengir_geo.i18n)


def _style_set(layer: Layer, key: tuple, large: bool) -> list[dict[str, Any]]:
    """The six looks of features with this key (sure, maybe, past; plain, then highlighted)."""
    where, category, state, kind = key
    is_events = layer.type == "events"
    looks = []
    for lit in (False, True):
        for phase in PHASES:
            style = feature_style(layer.style, where, category, phase, lit, is_events, state, kind)
            style["radius"] = point_radius(phase, lit, large, is_events)
            if large and not lit:
                # thousands of dots: one fill each, no outline to paint, so the fill carries
                # what the outline would (still paler the less sure we are)
                style["stroke"] = False
                style["fillOpacity"] = round(min(1.0, 2.5 * style.get("fillOpacity", 0.3)), 3)
            looks.append(style)
    return looks


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


def _texts(frame: pd.DataFrame, column: str) -> list[str]:
    """A column as plain_text gives it (missing: ""), for the whole column at once."""
    if column not in frame:
        return [""] * len(frame)
    values = frame[column]
    return values.where(values.notna(), "").astype(str).str.strip().tolist()


def _plain_codes(frame: pd.DataFrame, column: str) -> tuple[np.ndarray, list[str]]:
    """A column as numbers, one per distinct value, and each number's text as plain_text gives
    it (missing: "")."""
    if column not in frame:
        return np.zeros(len(frame), dtype=np.int64), [""]
    values = frame[column]
    try:
        codes, uniques = pd.factorize(values)
    except TypeError:  # a list or other unhashable value: by its text
        codes, uniques = pd.factorize(values.astype(str).where(values.notna()))
    texts = [str(u).strip() for u in uniques]
    return np.where(codes < 0, len(texts), codes), [*texts, ""]


KEY_COLUMNS = ("location_certainty", "certainty", "category", "state", "kind")


def _looks(layer: Layer, large: bool) -> tuple[list[list[dict[str, Any]]], np.ndarray]:
    """The layer's style sets and each feature's set: one set per distinct (where, category,
    state, kind), and keys that give the same looks share a set (a layer of 100k has a few)."""
    frame = layer.frame
    columns = [_plain_codes(frame, c) for c in KEY_COLUMNS]
    if not len(frame):
        return [], np.zeros(0, dtype=np.int64)
    feature_key = np.zeros(len(frame), dtype=np.int64)  # the five codes as one, in turn
    for codes, texts in columns:
        feature_key = pd.factorize(feature_key * len(texts) + codes)[0]
    first = np.unique(feature_key, return_index=True)[1]  # a feature of each key
    rows = [[codes[i] for codes, _ in columns] for i in first.tolist()]
    sets: list[list[dict[str, Any]]] = []
    by_looks: dict[str, int] = {}
    set_of_key = []
    for row in rows:
        where_, certainty, category, state, kind = (
            texts[code] for code, (_, texts) in zip(row, columns, strict=True)
        )
        key = (where_ or certainty or "unknown", category or None, state or None, kind or None)
        looks = _style_set(layer, key, large)
        text = json.dumps(looks, sort_keys=True)
        if text not in by_looks:
            by_looks[text] = len(sets)
            sets.append(looks)
        set_of_key.append(by_looks[text])
    return sets, np.asarray(set_of_key, dtype=np.int64)[feature_key]


def layer_payload(atlas: Atlas | None, layer: Layer, options: Options) -> dict[str, Any]:
    """One layer for the browser: looks, names, labels, day bounds, shapes, popups. Built a
    column at a time: a layer of 100,000 points takes well under a second."""
    frame = layer.frame
    large = len(frame) > LARGE_LAYER
    sets, style_of = _looks(layer, large)
    parts: list[str] = []
    part_index: dict[str, int] = {}
    popup_of: list[int] = []
    if options.popups:
        for row in _records(frame):
            html = _popup_body(atlas, layer, row, large, options.lang)
            if html not in part_index:
                part_index[html] = len(parts)
                parts.append(html)
            popup_of.append(part_index[html])
    values = frame.geometry.values
    kinds = shapely.get_type_id(values)  # -1: missing
    points = len(frame) > 0 and bool(((kinds == 0) | (kinds == -1)).all())
    ids = _texts(frame, "id")
    names = esc_names([n or i for n, i in zip(_texts(frame, "name"), ids, strict=True)])
    payload: dict[str, Any] = {
        "id": layer.id,
        "title": esc(layer.title),
        "type": layer.type,
        "group": layer.group,
        "visible": layer.visible,
        "plan": layer.plan,
        "large": large,
        "sets": sets,
        "look": packed_ints(style_of),
        "ids": packed_texts(ids),
        "names": packed_texts(names),
        "days": packed_days(frame),
    }
    if points:
        payload["xy"] = packed_points(values)
    else:
        payload["shapes"] = _geometries(layer)
    if not large:
        rows = _records(frame)
        payload["labels"] = esc_names([plain_text(r.get("label")) for r in rows])
        payload["kinds"] = [plain_text(r.get("kind")) for r in rows]
        payload["states"] = [esc(plain_text(r.get("state"))) for r in rows]
        payload["times"] = [_clock(r.get("start")) for r in rows]
        # where it is drawn is a guess: its label gives way to those of surer shapes
        payload["vague"] = [
            int(
                (plain_text(r.get("location_certainty")) or plain_text(r.get("certainty")))
                in ("", "unknown")
            )
            for r in rows
        ]
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


def _popup_body(
    atlas: Atlas | None, layer: Layer, row: dict[str, Any], large: bool, lang: str = "en"
) -> str:
    """A feature's popup without its title (the browser adds the escaped name). In a large
    layer it is the part features share (layer, dates, certainty, sources), so thousands of
    features refer to a handful of texts. Without an atlas (a layer of anyone's): its
    properties as a table."""
    if atlas is None:
        return properties_table(row.get("properties") or {})
    if large:
        return shared_popup_part(atlas, layer, row, lang)
    return popup_body(details_of_row(atlas, layer.id, row, lang), atlas.sources, lang)


def focus_payload(atlas: Atlas, lang: str = "en") -> dict[str, Any] | None:
    focus = atlas.settings.focus
    if focus is None:
        return None
    return {
        "name": esc(focus.name),
        "first": focus.first.toordinal(),
        "last": focus.last.toordinal(),
        "origin": focus.counter_from.toordinal(),
        "since": esc(counter_origin(focus, lang)),
    }


def changes_payload(
    layers: list[Layer], options: Options, settings: Settings | None = None
) -> dict[str, list[list[Any]]]:
    """What changed on each day (story/changes.py, the one rule), as the browser lists it:
    day -> [layer's index in the payload, feature's index, "start" or "end", sentence]. Large
    layers are drawn as dots without a list, so their changes are left out."""
    days: dict[str, list[list[Any]]] = {}
    for index, layer in enumerate(layers):
        if len(layer.frame) > LARGE_LAYER:
            continue
        for day, entries in layer_changes(layer, settings, options.lang).items():
            days.setdefault(str(day), []).extend(
                [index, c.row, c.what, esc_name(c.sentence)] for c in entries
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
        "focus": focus_payload(atlas, options.lang) if atlas is not None else None,
        "layers": [layer_payload(atlas, layer, options) for layer in layers],
        "changes": changes_payload(layers, options, atlas.settings if atlas else None),
        "legend": legend,
        "speeds": list(SPEEDS),
    }


def map_payload(
    atlas: Atlas, options: Options = Options(), layer_ids: Iterable[str] | None = None
) -> dict[str, Any]:
    """Everything the browser needs to show any day of the atlas."""
    wanted = list(atlas.layers) if layer_ids is None else list(layer_ids)
    layers = [atlas.layers[lid] for lid in wanted]
    legend = legend_html(atlas, lang=options.lang)
    return payload_of_layers(atlas, layers, options, atlas.settings.title, legend)
