"""Historical dates as honest intervals: "1954-05" is any day of May, never 1 May.

Parsing is delegated to the `edtf` library (Library of Congress EDTF); this module adds the
forms our data and users write that EDTF spells differently (a time without seconds) and turns
the result into whole-day bounds. Wording a date for a reader is kengir_geo.i18n.dates's job.
"""

from __future__ import annotations

import calendar
import re
import time
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import edtf

_TIME_WITHOUT_SECONDS = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$")
_TIME_WITH_SECONDS = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}):\d{2}$")
_PLAIN_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DateError(ValueError):
    """A date string we cannot read; the message says what we expected."""


@dataclass(frozen=True)
class DateSpan:
    """The days a written date can mean: from `earliest` to `latest`, both inclusive."""

    text: str
    earliest: date
    latest: date
    qualifier: str = ""  # "~" approximate, "?" uncertain, "%" both
    clock: str = ""  # "03:30" when a time of day was given

    @property
    def is_exact_day(self) -> bool:
        return self.earliest == self.latest and not self.qualifier


def _struct_to_date(value: time.struct_time) -> date:
    return date(value.tm_year, value.tm_mon, value.tm_mday)


def parse_date(text: object) -> DateSpan:
    """Parse an ISO 8601 / EDTF date string into the span of days it can mean.

    Raises DateError with a message fit for a non-programmer.
    """
    if not isinstance(text, str) or not text.strip():
        raise DateError(f"expected a date like 1954-05-16, 1954-05 or 1954, got {text!r}")
    written = text.strip()
    clock = ""
    candidate = written
    if match := _TIME_WITHOUT_SECONDS.match(written):
        clock = match.group(2)
        candidate = f"{match.group(1)}T{clock}:00"
    elif match := _TIME_WITH_SECONDS.match(written):
        clock = match.group(2)
    try:
        earliest, latest, qualifier = _plain_bounds(candidate) or _edtf_bounds(candidate)
    except Exception as exc:  # edtf raises several types; all mean "not a date we can read"
        raise DateError(
            f"cannot read {written!r} as a date; write 1954-05-16, 1954-05, 1954, "
            "1954-05-16T03:30, 1954-05~ (approximate) or 1954-05-16/1954-05-18"
        ) from exc
    return DateSpan(written, earliest, latest, qualifier, clock)


def _plain_bounds(text: str) -> tuple[date, date, str] | None:
    """The bounds of a plain 1954, 1954-05 or 1954-05-16, or an interval of two of them
    (1954-05-24/1954-06-25), as EDTF gives them, without its grammar, whose parser is slow
    enough to dominate loading an atlas (benchmarks/, atlas load). None when the text is
    anything else or not a real day (EDTF then decides, and words the error)."""
    if text.count("/") == 1:
        first, last = (_plain_bounds(part) for part in text.split("/"))
        if first is None or last is None or last[1] < first[0]:
            return None
        return first[0], last[1], ""
    match = _PLAIN_DATE.match(text)
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day is not None:
            exact = date(year, month, day)
            return exact, exact, ""
        if month is not None:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last), ""
        return date(year, 1, 1), date(year, 12, 31), ""
    except ValueError:
        return None  # let edtf decide and word the error


@lru_cache(maxsize=4096)
def _edtf_bounds(text: str) -> tuple[date, date, str]:
    """EDTF's bounds for any other form; cached because the data repeats its dates."""
    parsed = edtf.parse_edtf(text)
    qualifier = getattr(parsed, "ua", None)
    return (
        _struct_to_date(parsed.lower_strict()),
        _struct_to_date(parsed.upper_strict()),
        str(qualifier) if qualifier else "",
    )


def try_parse_date(text: object) -> DateSpan | None:
    try:
        return parse_date(text)
    except DateError:
        return None
