"""The events-per-day strip under Explore's slider, as a plain Vega-Lite spec.

It is redrawn on every slider step, so it is written as a dict rather than built with Altair:
Altair validates its whole schema on each conversion, which cost 35–45 ms a step.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

SURE_COLOR = "#8b1a1a"
POSSIBLE_COLOR = "#d9a5a5"
DAY_MARK_COLOR = "#1f3b73"
KINDS = {"sure": "on this day", "possible": "perhaps on this day"}


def local_midnight(day: date) -> str:
    """A day as Vega reads it in the viewer's own time zone (a bare date would be UTC and
    could show as the day before)."""
    return f"{day.isoformat()}T00:00:00"


def strip_values(counts: pd.DataFrame) -> list[dict[str, Any]]:
    """One row per day and kind (sure, perhaps), for stacked bars."""
    return [
        {"day": local_midnight(row.day), "kind": label, "value": int(getattr(row, kind))}
        for row in counts.itertuples(index=False)
        for kind, label in KINDS.items()
    ]


def events_strip(counts: pd.DataFrame, day: date, height: int = 80) -> dict[str, Any]:
    """Bars of events per day (sure, and perhaps-that-day stacked on top); the day marked."""
    day_axis = {"field": "day", "type": "temporal", "title": None}
    bars = {
        "data": {"values": strip_values(counts)},
        "mark": {"type": "bar"},
        "encoding": {
            "x": {**day_axis, "axis": {"format": "%-d %b", "labelOverlap": True}},
            "y": {
                "aggregate": "sum",
                "field": "value",
                "type": "quantitative",
                "title": "events",
                "axis": {"tickMinStep": 1},
            },
            "color": {
                "field": "kind",
                "type": "nominal",
                "title": None,
                "scale": {"domain": list(KINDS.values()), "range": [SURE_COLOR, POSSIBLE_COLOR]},
                "legend": None,  # the caption under the chart says what the colours mean
            },
            "order": {"field": "kind", "type": "nominal", "sort": "ascending"},
            "tooltip": [
                {"field": "day", "type": "temporal", "format": "%-d %B %Y"},
                {"field": "kind", "type": "nominal"},
                {"field": "value", "type": "quantitative", "title": "events"},
            ],
        },
    }
    marker = {
        "data": {"values": [{"day": local_midnight(day)}]},
        "mark": {"type": "rule", "color": DAY_MARK_COLOR, "strokeWidth": 3},
        "encoding": {"x": day_axis},
    }
    return {
        "height": height,
        "layer": [bars, marker],
    }
