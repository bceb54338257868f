"""Finding places by any of their names, in any script, with or without accents."""

from __future__ import annotations

import json

import pytest

from factories import collection, feature, write_geodata
from kengir_geo import load_atlas
from kengir_geo.story.search import find_place, find_places, fold


@pytest.fixture
def small_atlas(tmp_path):
    root = write_geodata(tmp_path)
    places = collection(
        feature("kengir", name="Kengir", names=["Кенгир", "Кеңгір"], certainty="approximate"),
        feature(
            "zhezkazgan",
            name="Zhezkazgan",
            names=["Dzhezkazgan", "Жезказган", "Джезказган", "Jezkazgan"],
            geometry={"type": "Point", "coordinates": [67.70, 47.7833]},
        ),
        feature(
            "reservoir",
            name="Kengir reservoir",
            names=["Кенгирское водохранилище"],
            geometry={
                "type": "Polygon",
                "coordinates": [[[67.70, 47.78], [67.76, 47.78], [67.76, 47.81], [67.70, 47.78]]],
            },
        ),
    )
    (root / "layers" / "places.geojson").write_text(json.dumps(places, ensure_ascii=False))
    return load_atlas(root)


def test_fold_ignores_case_accents_and_script():
    assert fold("Kengir") == fold("КЕНГИР") == fold("kéngir")
    assert fold("Жезказган") == "zhezkazgan"
    assert fold("  Sätbaev ") == "satbaev"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Kengir", "kengir"),
        ("кенгир", "kengir"),
        ("Кеңгір", "kengir"),
        ("Жезказган", "zhezkazgan"),
        ("dzhezkazgan", "zhezkazgan"),
        ("JEZKAZGAN", "zhezkazgan"),
        ("Zhezkazgan", "zhezkazgan"),
        ("водохранилище", "reservoir"),
    ],
)
def test_any_name_finds_the_place(small_atlas, query, expected):
    best = find_place(small_atlas, query)
    assert best is not None and best.feature_id == expected


def test_exact_name_ranks_above_a_longer_name(small_atlas):
    found = find_places(small_atlas, "Kengir")
    assert [m.feature_id for m in found][:2] == ["kengir", "reservoir"]
    assert found[0].matched == "Kengir"
    assert found[0].lat == pytest.approx(47.84) and found[0].lon == pytest.approx(67.615)


def test_prefix_finds_and_reports_the_matching_spelling(small_atlas):
    match = find_place(small_atlas, "Джезк")
    assert match is not None and match.feature_id == "zhezkazgan"
    assert match.matched == "Джезказган"


def test_area_centre_and_zoom_fit_the_area(small_atlas):
    match = find_place(small_atlas, "Kengir reservoir")
    assert match is not None
    assert 47.78 < match.lat < 47.81 and 67.70 < match.lon < 67.76
    assert 10 <= match.zoom <= 14


def test_nonsense_and_empty_find_nothing(small_atlas):
    assert find_places(small_atlas, "Atlantis") == []
    assert find_places(small_atlas, "   ") == []
    assert find_place(small_atlas, "") is None


def test_events_are_not_places(small_atlas):
    assert find_places(small_atlas, "e-raid") == []


def test_an_exact_id_wins_over_a_shared_name(small_atlas):
    assert find_place(small_atlas, "reservoir").feature_id == "reservoir"
    assert find_place(small_atlas, "kengir").feature_id == "kengir"
