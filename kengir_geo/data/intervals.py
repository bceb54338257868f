"""When a feature exists, as four day numbers: the fuzzy edges of its interval.

    first_day <= sure_from ... sure_until <= last_day

It certainly exists on days sure_from..sure_until, possibly on first_day..last_day. For an event
dated "1954-05" (some day in May) sure_from is after sure_until: it is never certain which day.
Days are proleptic Gregorian ordinals (date.toordinal) so a whole layer filters as integer arrays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kengir_geo.data.dates import DateSpan, try_parse_date

OPEN_START = date(1, 1, 1).toordinal()
OPEN_END = date(9999, 12, 31).toordinal()

# How a feature stands on a day (the rule is in story/timeline.py and, for the browser, in
# map/client/timemap.js; a test holds the two together).
SURE, MAYBE, PAST = "sure", "maybe", "past"


@dataclass(frozen=True)
class Interval:
    first_day: int
    sure_from: int
    sure_until: int
    last_day: int


def feature_interval(start: object, end: object, layer_type: str) -> Interval:
    """The interval of one feature from its start/end strings and its layer's type.

    events: a missing end means "within the span of start". features: a missing start or end is
    open on that side. Unreadable dates count as missing (the validator reports them).
    """
    start_span: DateSpan | None = try_parse_date(start) if start not in (None, "") else None
    end_span: DateSpan | None = try_parse_date(end) if end not in (None, "") else None
    if layer_type == "events" and end_span is None:
        end_span = start_span
    first, sure_from = (
        (start_span.earliest.toordinal(), start_span.latest.toordinal())
        if start_span
        else (OPEN_START, OPEN_START)
    )
    sure_until, last = (
        (end_span.earliest.toordinal(), end_span.latest.toordinal())
        if end_span
        else (OPEN_END, OPEN_END)
    )
    if layer_type == "events" and start_span and end_span is start_span:
        # a single fuzzy date: the event happened on one unknown day of the span
        sure_from, sure_until = start_span.latest.toordinal(), start_span.earliest.toordinal()
        if start_span.earliest == start_span.latest:
            sure_from = sure_until = first
    return Interval(first, sure_from, sure_until, last)
