import shutil
from datetime import date

import pytest

from factories import write_geodata
from kengir_geo import AtlasError, load_atlas


def test_loads_layers_sources_claims_and_chapters(tmp_path):
    atlas = load_atlas(write_geodata(tmp_path))
    assert set(atlas.layers) == {"places", "events"}
    places = atlas.layers["places"].frame
    assert places.crs.to_epsg() == 4326
    kengir = places.set_index("id").loc["kengir"]
    assert kengir["names"] == ["Кенгир", "Кеңгір"]
    assert atlas.sources["w-en"].url.startswith("https://")
    assert [v.value for v in atlas.claims["troops"].values] == ["1,700", "1,600"]
    assert atlas.chapter("raid").center == (47.84, 67.615)


def test_dates_stay_strings_with_interval_columns(tmp_path):
    events = load_atlas(write_geodata(tmp_path)).layers["events"].frame.set_index("id")
    assert events.loc["e-raid", "start"] == "1954-06-26T03:30"
    may = events.loc["e-may"]
    assert may["first_day"] == date(1954, 5, 1).toordinal()
    assert may["last_day"] == date(1954, 5, 31).toordinal()


def test_broken_data_raises_with_every_problem(tmp_path):
    root = write_geodata(tmp_path)
    (root / "layers" / "places.geojson").write_text('{"type": "FeatureCollection", "features": [')
    with pytest.raises(AtlasError) as caught:
        load_atlas(root)
    assert any(p.file == "layers/places.geojson" for p in caught.value.problems)


def test_cache_sees_a_changed_file(tmp_path):
    root = write_geodata(tmp_path / "a")
    first = load_atlas(root)
    assert load_atlas(root) is first
    shutil.copy(root / "story.toml", root / "story.bak")
    assert load_atlas(root) is not first


def test_list_properties_missing_on_some_features_are_empty_lists(tmp_path):
    atlas = load_atlas(write_geodata(tmp_path))
    places = atlas.layers["places"].frame.set_index("id")
    assert places.loc["perevalka", "names"] == []
    assert places.loc["perevalka", "claims"] == []
