"""The bundled story data: it validates, and it tells the story it promises.

Each integrity rule (sources cited and known, unique ids, claims with two sourced values, chapters
that resolve, valid WGS84 shapes, an area of doubt for unknown places) is the validator's, and
test_validate.py shows each one failing on a broken file; here one test runs them all on the
bundled folder. The other tests check what no rule can: the story's own content.
"""

from datetime import date

import pytest

from kengir_geo.data.dates import parse_date
from kengir_geo.data.folder import bundled_geodata
from kengir_geo.data.schema import CATEGORIES
from kengir_geo.data.validate import validate_geodata

FIRST_DAY, LAST_DAY = date(1954, 5, 16), date(1954, 6, 26)
REQUIRED_LAYERS = {"divisions", "places", "compound", "events", "context", "countries"}


def test_bundled_geodata_validates_without_errors():
    errors = [str(p) for p in validate_geodata(bundled_geodata()) if p.is_error]
    assert errors == []


def test_every_required_layer_is_there(atlas):
    assert REQUIRED_LAYERS <= set(atlas.layers)


def test_the_disputed_figures_are_all_there(atlas):
    assert len(atlas.claims) >= 16


def test_chapters_fit_a_screen_and_have_presenter_notes(atlas):
    assert len(atlas.chapters) >= 9
    for chapter in atlas.chapters:
        assert len(chapter.narrative.split()) <= 130, f"{chapter.id} narrative too long"
        assert chapter.notes, f"{chapter.id} has no presenter notes"


def test_events_span_1947_to_1960_with_the_uprising_day_by_day(atlas):
    events = atlas.layers["events"].frame
    assert len(events) >= 60
    for fid, start, end in zip(events["id"], events["start"], events["end"], strict=True):
        first = parse_date(start).earliest
        last = parse_date(end).latest if isinstance(end, str) and end else first
        assert date(1947, 1, 1) <= first and last <= date(1960, 12, 31), fid
    during = [parse_date(s).earliest for s in events["start"]]
    assert sum(FIRST_DAY <= d <= LAST_DAY for d in during) >= 30
    assert set(events["category"]) <= set(CATEGORIES)


def test_six_divisions_and_a_gazetteer_in_three_scripts(atlas):
    divisions = atlas.layers["divisions"].frame
    assert (divisions["kind"] == "division").sum() >= 6
    places = atlas.layers["places"].frame
    assert len(places) >= 14
    kengir = places.set_index("id").loc["kengir"]
    names = " ".join([kengir["name"], *kengir["names"]])
    assert "Кенгир" in names and "Кеңгір" in names


@pytest.mark.parametrize("state_kind", ["wall", "zone"])
def test_compound_changes_over_time(atlas, state_kind):
    compound = atlas.layers["compound"].frame
    changing = compound[(compound["kind"] == state_kind) & compound["state"].notna()]
    assert changing["state"].nunique() >= 3, f"{state_kind}: {sorted(changing['state'].unique())}"
    # a plan: nobody knows where each part lay, so nothing in it claims a real position
    assert compound["location_certainty"].isin(["schematic", "unknown"]).all()
