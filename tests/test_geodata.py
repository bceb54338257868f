"""The integrity rules of the bundled story data (issue: Geodata)."""

from datetime import date

import pytest
import shapely

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


def test_every_feature_is_cited_with_known_sources(atlas):
    for layer in atlas.layers.values():
        for fid, sources in zip(layer.frame["id"], layer.frame["sources"], strict=True):
            assert sources, f"{layer.id}:{fid} cites no source"
            assert set(sources) <= set(atlas.sources), f"{layer.id}:{fid} {sources}"


def test_ids_are_unique_in_every_layer(atlas):
    for layer in atlas.layers.values():
        assert layer.frame["id"].is_unique, layer.id


def test_every_claim_has_at_least_two_sourced_values(atlas):
    assert len(atlas.claims) >= 16
    for claim in atlas.claims.values():
        assert len(claim.values) >= 2, claim.id
        for value in claim.values:
            assert value.sources and set(value.sources) <= set(atlas.sources), claim.id


def test_feature_claims_resolve(atlas):
    for layer in atlas.layers.values():
        for fid, claims in zip(layer.frame["id"], layer.frame["claims"], strict=True):
            assert set(claims) <= set(atlas.claims), f"{layer.id}:{fid} {claims}"


def test_chapters_resolve_and_fit_a_screen(atlas):
    assert len(atlas.chapters) >= 9
    event_ids = set(atlas.layers["events"].frame["id"])
    for chapter in atlas.chapters:
        assert set(chapter.layers) <= set(atlas.layers), chapter.id
        assert set(chapter.highlight) <= event_ids, chapter.id
        assert parse_date(chapter.date)
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


def test_unknown_locations_are_never_bare_points(atlas):
    for layer in atlas.layers.values():
        frame = layer.frame
        unknown = frame[frame["certainty"] == "unknown"]
        for fid, geom, radius in zip(
            unknown["id"], unknown.geometry, unknown["uncertainty_m"], strict=True
        ):
            if geom is not None and geom.geom_type == "Point":
                assert radius and radius > 0, f"{layer.id}:{fid}"


def test_all_geometries_are_valid_wgs84(atlas):
    for layer in atlas.layers.values():
        geoms = layer.frame.geometry
        assert shapely.is_valid(geoms[geoms.notna()]).all(), layer.id
        minx, miny, maxx, maxy = layer.frame.total_bounds
        assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


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
