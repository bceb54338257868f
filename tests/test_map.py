import json
import re
from datetime import date

import folium
import geopandas as gpd
import numpy as np
import pytest
import shapely
from hostile import PAYLOAD, SCRIPT, write_hostile_geodata

from factories import collection, feature, write_geodata
from kengir_geo import load_atlas
from kengir_geo.data.atlas import Layer, Source
from kengir_geo.data.intervals import OPEN_END, OPEN_START
from kengir_geo.map.basemaps import BASEMAPS, basemap_spec
from kengir_geo.map.escape import safe_url
from kengir_geo.map.legend import legend_html
from kengir_geo.map.payload import map_payload
from kengir_geo.map.popups import popup_body, source_html
from kengir_geo.map.render import base_map, element_ids, stable_html
from kengir_geo.map.styles import CERTAINTY_MARKS, PAST_COLOR, feature_style
from kengir_geo.story.details import feature_details

RAID = date(1954, 6, 26)


@pytest.fixture
def atlas(tmp_path):
    return load_atlas(write_geodata(tmp_path))


@pytest.fixture
def hostile(tmp_path):
    return load_atlas(write_hostile_geodata(tmp_path / "hostile"))


def html_of(element) -> str:
    return stable_html(element)


def test_base_map_is_identical_between_calls(atlas):
    for key in BASEMAPS.values():
        assert html_of(base_map(atlas, key)) == html_of(base_map(atlas, key))
    assert html_of(base_map(atlas, zoom=7)) != html_of(base_map(atlas))


def test_stable_html_names_every_element_the_same_on_every_build(atlas):
    first, second = base_map(atlas), base_map(atlas)
    assert first.get_root().render() != second.get_root().render()  # folium's ids are random
    html = stable_html(first)
    assert html == stable_html(second)
    assert not [i for i in element_ids(first.get_root()) if i in html]  # every id was replaced


def test_offline_basemap_has_no_tiles_and_online_ones_do(atlas):
    offline = html_of(base_map(atlas, "offline"))
    assert "L.tileLayer" not in offline
    assert "tile.openstreetmap.org" in html_of(base_map(atlas, "OpenStreetMap.Mapnik"))
    assert "arcgisonline" in html_of(base_map(atlas, "Esri.WorldImagery"))
    with pytest.raises(ValueError, match="unknown basemap 'moon'"):
        base_map(atlas, "moon")


def test_online_basemaps_need_no_api_key():
    """A provider that wants a key would send its placeholder and draw nothing (CartoDB began
    to want one in 2025)."""
    import xyzservices

    for key in BASEMAPS.values():
        if key != "offline":
            assert not xyzservices.providers.query_name(key).requires_token(), key


def test_base_map_has_scale_fullscreen_legend_and_no_icon_fonts(atlas):
    html = html_of(base_map(atlas))
    assert "L.control.scale" in html  # folium's control_scale=True
    assert "L.control.fullscreen" in html
    assert "kg-legend" in html
    assert "fontawesome" not in html and "bootstrap" not in html
    assert folium.Map.default_js[1][0] == "jquery"  # the class lists are untouched


def test_offline_basemap_draws_bundled_country_outlines(tmp_path):
    root = write_geodata(tmp_path)
    square = {
        "type": "Polygon",
        "coordinates": [[[60, 40], [70, 40], [70, 50], [60, 50], [60, 40]]],
    }
    (root / "layers" / "countries.geojson").write_text(
        json.dumps(collection(feature("kz", square, name="Kazakhstan", kind="country")))
    )
    with (root / "layers.toml").open("a") as manifest:
        manifest.write(
            '\n[[layer]]\nid = "countries"\ntitle = "Countries"\n'
            'file = "layers/countries.geojson"\ngroup = "basemap"\ntype = "features"\n'
        )
    atlas = load_atlas(root)
    assert "[60.0, 40.0]" in html_of(base_map(atlas))


def test_certainty_changes_the_line():
    style = {"color": "#123456"}
    documented = feature_style(style, "documented")
    assert "dashArray" not in documented
    assert feature_style(style, "approximate")["dashArray"] == CERTAINTY_MARKS["approximate"].dash
    schematic = feature_style(style, "schematic")
    assert schematic["fillOpacity"] < documented["fillOpacity"]
    dashes = {feature_style(style, c).get("dashArray") for c in CERTAINTY_MARKS}
    assert len(dashes) == len(CERTAINTY_MARKS)  # each certainty has its own line


def test_phase_and_highlight_change_the_look():
    today = feature_style({}, "documented", "violence", "sure", is_events=True)
    past = feature_style({}, "documented", "violence", "past", is_events=True)
    maybe = feature_style({}, "documented", "violence", "maybe", is_events=True)
    lit = feature_style({}, "documented", "violence", "sure", highlighted=True, is_events=True)
    assert past["color"] == PAST_COLOR and past["opacity"] < today["opacity"]
    assert maybe["opacity"] < today["opacity"] and maybe["color"] == today["color"]
    assert today["weight"] > past["weight"]
    assert lit["weight"] > today["weight"] and lit["color"] != today["color"]


def add_big_layer(atlas, n: int, name: str = "Point") -> None:
    """A user layer of n undated points, added straight to the atlas (validating 50k
    features is the loader's business, not the renderer's)."""
    rng = np.random.default_rng(1)
    frame = gpd.GeoDataFrame(
        {
            "id": [f"p{i}" for i in range(n)],
            "name": [f"{name} {i}" for i in range(n)],
            "names": [[] for _ in range(n)],
            "description": [PAYLOAD if i == 0 else None for i in range(n)],
            "start": None,
            "end": None,
            "certainty": "approximate",
            "sources": [["w-en"]] * n,
            "uncertainty_m": None,
            "category": None,
            "kind": "site",
            "state": None,
            "claims": [[] for _ in range(n)],
            "note": None,
            "first_day": OPEN_START,
            "sure_from": OPEN_START,
            "sure_until": OPEN_END,
            "last_day": OPEN_END,
        },
        geometry=shapely.points(rng.uniform(50, 85, n), rng.uniform(40, 55, n)),
        crs="EPSG:4326",
    )
    atlas.layers["big"] = Layer(
        "big", "Big layer", "big.geojson", "user", "features", True, "", {}, frame
    )


def test_popup_has_names_dates_certainty_claims_and_linked_sources(atlas):
    html = popup_body(feature_details(atlas, "events", "e-raid"), atlas.sources)
    assert "26 June 1954, 03:30 (time of day)" in html
    assert "<b>What and when:</b> The works we read" in html
    assert "1,700" in html and "1,600" in html  # both values, side by side
    assert '<a href="https://en.wikipedia.org/wiki/Kengir_uprising"' in html
    kengir = popup_body(feature_details(atlas, "places", "kengir"), atlas.sources)
    assert "Кенгир · Кеңгір" in kengir and "within about 2 km" in kengir


def test_every_string_is_escaped(hostile):
    for layer_id, feature_id in (("places", "kengir"), ("events", "e-raid")):
        html = popup_body(feature_details(hostile, layer_id, feature_id), hostile.sources)
        assert "<img" not in html and "<script" not in html and "<svg" not in html
        assert "<iframe" not in html and "<b onclick" not in html and "<i>extra" not in html
        assert "&lt;script&gt;" in html
        assert 'onmouseover="' not in html
    page = json.dumps(map_payload(hostile))
    assert PAYLOAD not in page and SCRIPT not in page
    assert map_payload(hostile)["layers"][0]["title"] == "&lt;img src=x onerror=alert(1)&gt;"
    legend = legend_html(hostile)
    assert PAYLOAD not in legend and "&lt;img" in legend


def test_only_http_urls_become_links():
    assert safe_url("https://example.org/a") == "https://example.org/a"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//x.org", "/a"):
        assert safe_url(bad) is None
        assert "<a " not in source_html(Source(id="x", title="T", url=bad))


def test_legend_explains_colours_and_certainty(atlas):
    html = legend_html(atlas)
    for mark in CERTAINTY_MARKS.values():
        assert mark.label.split(":")[0] in html
    assert "Places" in html and "violence" in html and "already over" in html
    assert len(re.findall("<svg", html)) >= len(CERTAINTY_MARKS) + 8


def test_on_a_plan_lines_stay_solid_but_an_unknown_place_is_pale():
    plan = {"plan": True, "color": "#333"}
    assert "dashArray" not in feature_style(plan, "schematic")
    assert (
        feature_style(plan, "unknown")["fillOpacity"]
        < feature_style(plan, "schematic")["fillOpacity"]
    )


def test_a_hatched_state_carries_its_pattern_and_a_broken_wall_its_dashes():
    style = {
        "state_colors": {"contested": "#e69f00", "breached": "#d55e00"},
        "state_patterns": {"contested": "hatch", "breached": "dashes"},
    }
    assert feature_style(style, "documented", state="contested")["pattern"] == "hatch"
    assert feature_style(style, "documented", state="breached")["dashArray"] == "10 7"
    assert "pattern" not in feature_style(style, "documented", state="contested", phase="past")


def test_tile_basemaps_say_where_their_tiles_come_from():
    assert basemap_spec("offline") == {"kind": "offline"}
    osm = basemap_spec("OpenStreetMap.Mapnik")
    assert osm["kind"] == "tiles" and "openstreetmap" in osm["url"] and osm["attribution"]
    with pytest.raises(ValueError, match="unknown basemap"):
        basemap_spec("moon")


def test_a_zone_is_coloured_by_who_holds_it():
    style = {"color": "#6a1b9a", "state_colors": {"held by prisoners": "#1e8449"}}
    held = feature_style(style, "schematic", state="held by prisoners")
    other = feature_style(style, "schematic", state="something else")
    assert held["color"] == held["fillColor"] == "#1e8449"
    assert other["color"] == "#6a1b9a"


def test_legend_lists_the_compound_states_under_the_compound(bundled_atlas):
    atlas = bundled_atlas
    html = legend_html(atlas)
    compound = atlas.layers["compound"]
    heading = f'<div class="kg-legend-head">{compound.title}</div>'
    assert heading in html
    after = html.split(heading, 1)[1]
    for state in compound.style["state_colors"]:  # each under its reader label from atlas.toml
        label = atlas.settings.labels["state"][state]
        assert f"<span>{label}</span>" in after


def test_names_in_another_script_carry_their_lang_in_labels_and_changes():
    """The map's labels and the day's list of changes mark Cyrillic words as the popups do
    (escape.esc_name), so a screen reader says them in Russian or Kazakh."""
    from kengir_geo.data.translated import atlas_in
    from kengir_geo.map.payload import Options

    payload = map_payload(atlas_in(load_atlas(), "ru"), Options(lang="ru"))
    compound = next(layer for layer in payload["layers"] if layer["id"] == "compound")
    assert '<span lang="ru">Мужская зона</span> 2' in compound["labels"]
    sentences = [entry[3] for day in payload["changes"].values() for entry in day]
    assert any('<span lang="ru">' in s for s in sentences)
