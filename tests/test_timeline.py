import json
from datetime import date, timedelta

import pytest

from factories import collection, event, feature, write_geodata
from kengir_geo import load_atlas
from kengir_geo.data.settings import Focus
from kengir_geo.story.timeline import (
    clock_label,
    date_range_of,
    focus_day,
    state_at,
)

FIRST_DAY, LAST_DAY = date(1954, 5, 16), date(1954, 6, 26)
FOCUS = Focus("the uprising", FIRST_DAY, LAST_DAY, counter_from=FIRST_DAY)


def ids(frame):
    return sorted(frame["id"])


@pytest.fixture
def atlas(tmp_path):
    root = write_geodata(tmp_path)
    # a wall that stood until some day in June, then a breach from 1954-06-01~ on
    places = collection(
        feature("wall", start="1950", end="1954-06", kind="wall"),
        feature("breach", start="1954-06-10", kind="breach"),
        feature("always"),
    )
    (root / "layers" / "places.geojson").write_text(json.dumps(places))
    return load_atlas(root)


def test_the_day_counter_counts_from_its_stated_day():
    assert FOCUS.days == 42
    assert focus_day(FOCUS, date(1954, 5, 16)) == 1
    assert focus_day(FOCUS, date(1954, 5, 24)) == 9
    assert focus_day(FOCUS, date(1954, 6, 26)) == 42
    assert focus_day(FOCUS, date(1954, 5, 15)) is None
    assert focus_day(FOCUS, date(1954, 6, 27)) is None
    later = Focus("the uprising", FIRST_DAY, LAST_DAY, counter_from=date(1954, 5, 17))
    assert focus_day(later, date(1954, 5, 24)) == 8
    assert focus_day(None, date(1954, 5, 24)) is None


def test_clock_labels_say_what_they_count_from_and_never_settle_the_length():
    assert clock_label(FOCUS, date(1954, 5, 24)) == "Day 9 since 16 May · 24 May 1954"
    assert clock_label(FOCUS, date(1955, 6, 10)) == "10 June 1955 (after the uprising)"
    assert clock_label(FOCUS, date(1953, 3, 5)) == "5 March 1953 (before the uprising)"
    assert clock_label(None, date(1953, 3, 5)) == "5 March 1953"
    assert " of " not in clock_label(FOCUS, LAST_DAY)


def test_fuzzy_end_is_maybe_not_hidden(atlas):
    may = state_at(atlas, date(1954, 5, 20), ["places"])["places"]
    assert ids(may.sure) == ["always", "wall"]
    assert ids(may.maybe) == []
    june = state_at(atlas, date(1954, 6, 15), ["places"])["places"]
    # the wall ended some day in June: on 15 June it may or may not stand
    assert ids(june.maybe) == ["wall"]
    assert ids(june.sure) == ["always", "breach"]
    july = state_at(atlas, date(1954, 7, 1), ["places"])["places"]
    assert ids(july.sure) == ["always", "breach"] and july.maybe.empty
    assert july.past.empty  # features never go to `past`


def test_fuzzy_edges_at_the_boundary_days(atlas):
    # an end of "1954-06" means the wall stood at least through 1 June, at most through 30 June
    first = state_at(atlas, date(1954, 6, 1), ["places"])["places"]
    second = state_at(atlas, date(1954, 6, 2), ["places"])["places"]
    last = state_at(atlas, date(1954, 6, 30), ["places"])["places"]
    assert "wall" in ids(first.sure)
    assert "wall" in ids(second.maybe) and "wall" in ids(last.maybe)
    assert "breach" not in ids(first.sure) + ids(first.maybe)
    assert "breach" in ids(state_at(atlas, date(1954, 6, 10))["places"].sure)


def test_events_current_and_past(atlas):
    day = state_at(atlas, date(1954, 5, 25), ["events"])["events"]
    assert day.is_events
    assert ids(day.sure) == ["e-span"]
    assert ids(day.maybe) == ["e-may"]  # "1954-05": some day in May, never certain which
    assert ids(day.current) == ["e-may", "e-span"]
    assert day.past.empty
    raid = state_at(atlas, date(1954, 6, 26), ["events"])["events"]
    assert ids(raid.sure) == ["e-raid", "e-span"]
    assert ids(raid.past) == ["e-may"]
    after = state_at(atlas, date(1954, 6, 27), ["events"])["events"]
    assert ids(after.past) == ["e-may", "e-raid", "e-span"] and after.current.empty


def test_state_keeps_manifest_order_and_rejects_unknown_layers(atlas):
    assert list(state_at(atlas, FIRST_DAY, ["events", "places"])) == ["places", "events"]
    with pytest.raises(KeyError, match="no layer nope"):
        state_at(atlas, FIRST_DAY, ["nope"])


def test_date_range_spans_every_layers_dates(atlas):
    # the wall of the places layer stands from 1950 to (some day in) June 1954
    assert date_range_of(atlas) == (date(1950, 1, 1), date(1954, 6, 30))


def test_state_at_on_a_large_layer_is_vectorised(tmp_path):
    root = write_geodata(tmp_path)
    days = [FIRST_DAY + timedelta(days=i % 42) for i in range(300)]
    many = collection(
        event("e-raid", start="1954-06-26"),
        *(event(f"e{i}", start=day.isoformat()) for i, day in enumerate(days)),
    )
    (root / "layers" / "events.geojson").write_text(json.dumps(many))
    atlas = load_atlas(root)
    state = state_at(atlas, LAST_DAY, ["events"])["events"]
    on_last_day = sum(day == LAST_DAY for day in days) + 1
    assert len(state.sure) == on_last_day
    assert len(state.past) == len(days) + 1 - on_last_day
