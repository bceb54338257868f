"""The stretches of time the date slider moves through, one at a time.

Dragging day by day from 1947 to 1960 would take thousands of steps, so the app offers a
period first (the uprising with its lead-up and aftermath, or one whole year) and a day slider
within it. The years come from the events in the atlas; nothing here is a historical claim
beyond the uprising's own first and last day, which timeline.py holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kengir_geo.atlas import Atlas
from kengir_geo.timeline import UPRISING_FIRST_DAY, UPRISING_LAST_DAY, date_range_of

# Days shown before and after the uprising in its period: enough for the lead-up (the convoy
# shooting, the criminals' arrival) and the first days after the raid.
LEAD_UP_DAYS = 15
AFTERMATH_DAYS = 20
UPRISING_PERIOD = "uprising"


@dataclass(frozen=True)
class Period:
    id: str  # "uprising" or the year as text
    label: str
    first: date
    last: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    def clamp(self, day: date) -> date:
        return min(max(day, self.first), self.last)


def uprising_period() -> Period:
    first = UPRISING_FIRST_DAY - timedelta(days=LEAD_UP_DAYS)
    last = UPRISING_LAST_DAY + timedelta(days=AFTERMATH_DAYS)
    label = f"The uprising, {first.day} {first:%B} – {last.day} {last:%B} {last.year}"
    return Period(UPRISING_PERIOD, label, first, last)


def periods(atlas: Atlas) -> list[Period]:
    """The uprising first, then every year from the atlas's first event to its last."""
    low, high = date_range_of(atlas)
    low = min(low, UPRISING_FIRST_DAY)
    high = max(high, UPRISING_LAST_DAY)
    years = [
        Period(str(year), f"The year {year}", date(year, 1, 1), date(year, 12, 31))
        for year in range(low.year, high.year + 1)
    ]
    return [uprising_period(), *years]


def period_for(day: date, options: list[Period]) -> Period:
    """The first period that holds `day` (the uprising wins over its year); else the nearest."""
    for period in options:
        if day in period:
            return period
    return min(options, key=lambda p: min(abs((day - p.first).days), abs((day - p.last).days)))
