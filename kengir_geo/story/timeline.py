"""The story at one date: what stood, what happened, what is only possibly so, and "Day N".

Every feature carries four day numbers (see intervals.py):

    first_day <= sure_from ... sure_until <= last_day

On a day t a feature is *sure* when sure_from <= t <= sure_until, and *maybe* when t lies in
first_day..last_day but outside the sure part: its dates are too fuzzy to say. An event is
*past* when its last possible day is before t. All filters are integer array comparisons, so a
layer of 100k features is cut in milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd

from kengir_geo.data.atlas import Atlas
from kengir_geo.data.intervals import OPEN_END, OPEN_START
from kengir_geo.data.settings import Focus
from kengir_geo.i18n import translator
from kengir_geo.i18n.dates import format_day, format_day_month


def focus_day(focus: Focus | None, day: date) -> int | None:
    """The day counter: 1 on the focus's first counted day, None outside its span."""
    if focus is None or not focus.first <= day <= focus.last:
        return None
    return (day - focus.counter_from).days + 1


def long_date(day: date, lang: str = "en") -> str:
    """'24 May 1954' in the reader's language."""
    return format_day(day, lang)


def counter_origin(focus: Focus, lang: str = "en") -> str:
    """'16 May': what the counter counts from, said wherever the count is shown."""
    return format_day_month(focus.counter_from, lang)


def clock_label(focus: Focus | None, day: date, lang: str = "en") -> str:
    """'Day 9 since 16 May · 24 May 1954' within the focus span, else the date and which side
    of it. It counts from a stated day and never says "of 42": the length is disputed."""
    number = focus_day(focus, day)
    if focus is None:
        return long_date(day, lang)
    t = translator(lang)
    if number is not None:
        return t.gettext("Day {number} since {origin} · {date}").format(
            number=t.number(number), origin=counter_origin(focus, lang), date=long_date(day, lang)
        )
    side = (
        t.gettext("{date} (before {period})")
        if day < focus.first
        else t.gettext("{date} (after {period})")
    )
    return side.format(date=long_date(day, lang), period=focus.name)


@dataclass
class LayerState:
    """One layer on one day. Every frame keeps the layer's columns and row order.

    sure:  present for certain on the day (for events: certainly happening that day).
    maybe: possibly present on the day, because a start or end date is fuzzy around it
           (for events: possibly that day, e.g. an event dated only "May 1954").
    past:  events whose last possible day is before the day. Always empty for features layers:
           a building that no longer stands is simply not drawn.
    """

    layer_id: str
    layer_type: str
    sure: gpd.GeoDataFrame
    maybe: gpd.GeoDataFrame
    past: gpd.GeoDataFrame

    @property
    def is_events(self) -> bool:
        return self.layer_type == "events"

    @property
    def current(self) -> gpd.GeoDataFrame:
        """Sure and maybe together (for events: possibly happening on the day)."""
        return pd.concat([self.sure, self.maybe]).sort_index()

    def __len__(self) -> int:
        return len(self.sure) + len(self.maybe) + len(self.past)


def _masks(frame: pd.DataFrame, t: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    first = frame["first_day"].to_numpy()
    sure_from = frame["sure_from"].to_numpy()
    sure_until = frame["sure_until"].to_numpy()
    last = frame["last_day"].to_numpy()
    sure = (sure_from <= t) & (t <= sure_until)
    maybe = (first <= t) & (t <= last) & ~sure
    past = last < t
    return sure, maybe, past


def layer_state(layer_id: str, layer_type: str, frame: gpd.GeoDataFrame, day: date) -> LayerState:
    sure, maybe, past = _masks(frame, day.toordinal())
    if layer_type != "events":
        past = np.zeros(len(frame), dtype=bool)
    return LayerState(layer_id, layer_type, frame[sure], frame[maybe], frame[past])


def state_at(
    atlas: Atlas, day: date, layer_ids: Iterable[str] | None = None
) -> dict[str, LayerState]:
    """Each requested layer (all by default, manifest order) as it stands on `day`.

    The pages do not call this: the browser's time map applies the same rule on every step.
    It is the rule in Python, for a notebook or a script, and what the browser tests compare
    the map with on every day where a feature changes.

    Unknown layer ids raise KeyError naming the id and the layers that exist.
    """
    wanted = list(atlas.layers) if layer_ids is None else list(layer_ids)
    missing = [lid for lid in wanted if lid not in atlas.layers]
    if missing:
        raise KeyError(f"no layer {', '.join(missing)}; layers are {', '.join(atlas.layers)}")
    ordered = [lid for lid in atlas.layers if lid in wanted]  # draw order is the manifest's
    return {
        lid: layer_state(lid, atlas.layers[lid].type, atlas.layers[lid].frame, day)
        for lid in ordered
    }


def _dated_frames(atlas: Atlas) -> list[pd.DataFrame]:
    """Every layer's features: a layer of places with dates (camps opened and closed) counts
    as much as a layer of events."""
    return [layer.frame for layer in atlas.layers.values()]


def date_range_of(atlas: Atlas) -> tuple[date, date]:
    """The earliest and latest day any dated feature of any layer can fall on, widened to the
    focus span; the focus (or this year) when nothing is dated."""
    lows, highs = [], []
    for frame in _dated_frames(atlas):
        first = frame["first_day"].to_numpy()
        last = frame["last_day"].to_numpy()
        first = first[first > OPEN_START]
        last = last[last < OPEN_END]
        if first.size:
            lows.append(int(first.min()))
        if last.size:
            highs.append(int(last.max()))
    focus = atlas.settings.focus
    if focus is not None:
        lows.append(focus.first.toordinal())
        highs.append(focus.last.toordinal())
    if not lows or not highs:
        today = date.today()
        return date(today.year, 1, 1), date(today.year, 12, 31)
    return date.fromordinal(min(lows)), date.fromordinal(max(highs))
