"""The plain-date fast path in dates.py must agree with the edtf library it stands in for:
parse_date (the public door) against edtf's own bounds, for plain dates and all the others."""

from __future__ import annotations

from datetime import date

import edtf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kengir_geo.data.dates import DateError, parse_date


def edtf_bounds(text: str) -> tuple[date, date]:
    parsed = edtf.parse_edtf(text)
    return date(*parsed.lower_strict()[:3]), date(*parsed.upper_strict()[:3])


@pytest.mark.slow  # a Hypothesis sweep against the EDTF parser
@settings(deadline=None)  # a shared, busy machine: no timings in a pass/fail test
@given(st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31)))
def test_plain_day_month_and_year_match_edtf(day: date):
    for text in (day.isoformat(), day.strftime("%Y-%m"), str(day.year)):
        span = parse_date(text)
        assert (span.earliest, span.latest) == edtf_bounds(text)
        assert span.qualifier == ""


@pytest.mark.parametrize("text", ["1954-02-30", "1954-13", "1954-00", "1954-05-32"])
def test_impossible_plain_dates_are_rejected(text: str):
    with pytest.raises(DateError, match=text):
        parse_date(text)


@pytest.mark.slow
@settings(deadline=None)
@given(
    st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31)),
    st.integers(0, 4000),
    st.sampled_from(["%Y-%m-%d", "%Y-%m", "%Y"]),
    st.sampled_from(["%Y-%m-%d", "%Y-%m", "%Y"]),
)
def test_plain_intervals_match_edtf(start: date, length: int, first_form: str, last_form: str):
    end = date.fromordinal(min(start.toordinal() + length, date(2100, 12, 31).toordinal()))
    text = f"{start.strftime(first_form)}/{end.strftime(last_form)}"
    span = parse_date(text)
    assert (span.earliest, span.latest) == edtf_bounds(text)


@pytest.mark.parametrize(
    "text",
    ["1954-05~", "1954-05-16/1954-05~", "1954-05-16T03:30:00", "1954?", "1954-05-24/1954-06"],
)
def test_other_forms_read_as_edtf_reads_them(text: str):
    span = parse_date(text)
    assert (span.earliest, span.latest) == edtf_bounds(text)


def test_a_qualifier_is_kept():
    assert parse_date("1954-05~").qualifier == "~"
    assert parse_date("1954-05").qualifier == ""
