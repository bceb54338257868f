"""Small Altair charts shared by the pages."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

SURE_COLOR = "#8b1a1a"
POSSIBLE_COLOR = "#d9a5a5"


def events_strip(counts: pd.DataFrame, day: date, height: int = 80) -> alt.LayerChart:
    """Bars of events per day (sure, and possibly-that-day stacked on top); the day marked."""
    long = counts.melt(id_vars="day", value_vars=["sure", "possible"], var_name="kind")
    long["day"] = pd.to_datetime(long["day"])
    long["kind"] = long["kind"].map({"sure": "on this day", "possible": "perhaps on this day"})
    bars = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("day:T", title=None, axis=alt.Axis(format="%-d %b", labelOverlap=True)),
            y=alt.Y("sum(value):Q", title="events", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "kind:N",
                title=None,
                scale=alt.Scale(
                    domain=["on this day", "perhaps on this day"],
                    range=[SURE_COLOR, POSSIBLE_COLOR],
                ),
                legend=None,  # the caption under the chart says what the colours mean
            ),
            order=alt.Order("kind:N", sort="ascending"),
            tooltip=[
                alt.Tooltip("day:T", format="%-d %B %Y"),
                alt.Tooltip("kind:N"),
                alt.Tooltip("value:Q", title="events"),
            ],
        )
    )
    marker = (
        alt.Chart(pd.DataFrame({"day": [pd.Timestamp(day)]}))
        .mark_rule(color="#1f3b73", strokeWidth=3)
        .encode(x="day:T")
    )
    return alt.layer(bars, marker).properties(height=height)
