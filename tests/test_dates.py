from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kengir_geo.data.dates import DateError, parse_date
from kengir_geo.data.intervals import OPEN_END, OPEN_START, feature_interval
from kengir_geo.i18n.dates import format_span


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "qualifier", "clock"),
    [
        ("1954-05-16", date(1954, 5, 16), date(1954, 5, 16), "", ""),
        ("1954-05", date(1954, 5, 1), date(1954, 5, 31), "", ""),
        ("1954-02", date(1954, 2, 1), date(1954, 2, 28), "", ""),
        ("1954", date(1954, 1, 1), date(1954, 12, 31), "", ""),
        ("1954-05-16T03:30", date(1954, 5, 16), date(1954, 5, 16), "", "03:30"),
        ("1954-05-16T03:30:00", date(1954, 5, 16), date(1954, 5, 16), "", "03:30"),
        ("1954-05~", date(1954, 5, 1), date(1954, 5, 31), "~", ""),
        ("1954-05?", date(1954, 5, 1), date(1954, 5, 31), "?", ""),
        ("1953%", date(1953, 1, 1), date(1953, 12, 31), "%", ""),
        ("1953-07-19/1953-08-01", date(1953, 7, 19), date(1953, 8, 1), "", ""),
    ],
)
def test_dates_become_honest_day_spans(text, earliest, latest, qualifier, clock):
    span = parse_date(text)
    assert (span.earliest, span.latest, span.qualifier, span.clock) == (
        earliest,
        latest,
        qualifier,
        clock,
    )


def test_a_partial_date_is_never_an_exact_day():
    assert not parse_date("1954-05").is_exact_day
    assert not parse_date("1954-05-16~").is_exact_day
    assert parse_date("1954-05-16").is_exact_day


@pytest.mark.parametrize("text", ["", "abc", "1954-13", "1954-02-30", "16/05/1954", None, 1954])
def test_unreadable_dates_raise_a_readable_error(text):
    with pytest.raises(DateError, match="1954-05-16"):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1954-05-16", "16 May 1954"),
        ("1954-06-26T03:30", "26 June 1954, 03:30"),
        ("1954-05", "May 1954"),
        ("1954-05~", "about May 1954"),
        ("1953", "1953"),
        ("1954-05-24/1954-06-26", "24 May – 26 June 1954"),
    ],
)
def test_spans_are_worded_with_their_precision(text, words):
    assert format_span(parse_date(text)) == words


def day(y, m, d):
    return date(y, m, d).toordinal()


def test_exact_event_is_sure_on_its_day_only():
    i = feature_interval("1954-05-16", None, "events")
    assert (i.first_day, i.sure_from, i.sure_until, i.last_day) == (day(1954, 5, 16),) * 4


def test_event_in_some_day_of_a_month_is_never_sure():
    i = feature_interval("1954-05", None, "events")
    assert i.first_day == day(1954, 5, 1) and i.last_day == day(1954, 5, 31)
    assert i.sure_from > i.sure_until  # no single day is certain


def test_feature_with_open_ends_exists_before_and_after():
    i = feature_interval(None, "1954-05-16", "features")
    assert i.first_day == i.sure_from == OPEN_START
    assert i.sure_until == i.last_day == day(1954, 5, 16)
    j = feature_interval("1954-06-27", None, "features")
    assert j.sure_until == j.last_day == OPEN_END


def test_fuzzy_start_of_a_state_is_uncertain_only_at_its_edge():
    i = feature_interval("1954-05~", "1954-06-26", "features")
    assert i.first_day == day(1954, 5, 1) and i.sure_from == day(1954, 5, 31)
    assert i.sure_until == i.last_day == day(1954, 6, 26)


@given(st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31)))
def test_any_iso_day_round_trips(value):
    span = parse_date(value.isoformat())
    assert span.earliest == span.latest == value


@given(st.text(max_size=30))
def test_parser_only_ever_raises_date_error(text):
    try:
        span = parse_date(text)
    except DateError:
        return
    assert span.earliest <= span.latest
