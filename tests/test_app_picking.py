"""A click's latitude and longitude maps back to the drawn feature the user meant."""

from __future__ import annotations

import geopandas as gpd
from shapely.geometry import LineString, Point, box

from kengir_geo.story.picking import metres_per_pixel, pick_feature


def frame(*rows):
    return gpd.GeoDataFrame(
        {
            "id": [r[0] for r in rows],
            "uncertainty_m": [r[2] if len(r) > 2 else None for r in rows],
        },
        geometry=[r[1] for r in rows],
        crs="EPSG:4326",
    )


ZONE = box(67.60, 47.83, 67.63, 47.85)
BUILDING = box(67.614, 47.839, 67.616, 47.841)


def test_smallest_containing_area_wins():
    frames = {"zones": frame(("zone", ZONE)), "compound": frame(("mess-hall", BUILDING))}
    picked = pick_feature(frames, 47.840, 67.615, zoom=16)
    assert (picked.layer_id, picked.feature_id) == ("compound", "mess-hall")
    picked = pick_feature(frames, 47.845, 67.605, zoom=16)
    assert picked.feature_id == "zone"


def test_a_point_near_the_click_beats_the_area_under_it():
    frames = {
        "zones": frame(("zone", ZONE)),
        "events": frame(("e-raid", Point(67.6151, 47.8401))),
    }
    picked = pick_feature(frames, 47.840, 67.615, zoom=16)
    assert picked.feature_id == "e-raid"
    assert 0 < picked.distance_m < 20


def test_reach_depends_on_zoom():
    frames = {"events": frame(("e1", Point(67.615, 47.840)))}
    # ~300 m east of the point: too far at street zoom, close enough zoomed out
    lon = 67.615 + 300 / (111_320 * 0.671)
    assert pick_feature(frames, 47.840, lon, zoom=17) is None
    assert pick_feature(frames, 47.840, lon, zoom=12).feature_id == "e1"


def test_a_point_with_doubt_is_clickable_anywhere_in_its_circle():
    frames = {"places": frame(("perevalka", Point(67.5, 47.9), 20_000))}
    picked = pick_feature(frames, 47.95, 67.55, zoom=14)  # ~6.6 km from the point
    assert picked is not None and picked.feature_id == "perevalka"
    assert pick_feature(frames, 48.5, 68.5, zoom=14) is None


def test_lines_are_picked_by_distance():
    frames = {"walls": frame(("wall", LineString([(67.60, 47.84), (67.63, 47.84)])))}
    assert pick_feature(frames, 47.84001, 67.61, zoom=17).feature_id == "wall"


def test_nothing_drawn_nothing_picked():
    assert pick_feature({}, 47.84, 67.615, zoom=10) is None
    assert pick_feature({"events": frame()}, 47.84, 67.615, zoom=10) is None


def test_metres_per_pixel_halves_per_zoom_level():
    assert metres_per_pixel(0, 1) == 2 * metres_per_pixel(0, 2)
    assert 0.7 < metres_per_pixel(47.84, 17) < 0.9
