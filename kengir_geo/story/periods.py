"""The stretches of time the date slider moves through, one at a time.

Dragging day by day from 1947 to 1960 would take thousands of steps, so the app offers a
period first (the uprising with its lead-up and aftermath, or one whole year) and a day slider
within it. The years come from the events in the atlas, the focus period (the uprising with
its lead-up and aftermath) from its atlas.toml; nothing here is a historical claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kengir_geo.data.atlas import Atlas
from kengir_geo.data.settings import Focus
from kengir_geo.i18n import translator
from kengir_geo.i18n.dates import format_days_between
from kengir_geo.story.timeline import date_range_of

FOCUS_PERIOD = "focus"


@dataclass(frozen=True)
class Period:
    id: str  # "focus" or the year as text
    label: str
    first: date
    last: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    def clamp(self, day: date) -> date:
        return min(max(day, self.first), self.last)


def focus_period(focus: Focus, lang: str = "en") -> Period:
    first = focus.first - timedelta(days=focus.lead_up_days)
    last = focus.last + timedelta(days=focus.aftermath_days)
    name = focus.name[:1].upper() + focus.name[1:]
    label = f"{name}, {format_days_between(first, last, lang)}"
    return Period(FOCUS_PERIOD, label, first, last)


def periods(atlas: Atlas, lang: str = "en") -> list[Period]:
    """The focus period first (when the atlas has one), then every year from the atlas's
    first event to its last."""
    low, high = date_range_of(atlas)
    the_year = translator(lang).gettext("The year {year}")
    years = [
        Period(str(year), the_year.format(year=year), date(year, 1, 1), date(year, 12, 31))
        for year in range(low.year, high.year + 1)
    ]
    focus = atlas.settings.focus
    return [focus_period(focus, lang), *years] if focus else years


def period_for(day: date, options: list[Period]) -> Period:
    """The first period that holds `day` (the focus wins over its year); else the nearest."""
    for period in options:
        if day in period:
            return period
    return min(options, key=lambda p: min(abs((day - p.first).days), abs((day - p.last).days)))
