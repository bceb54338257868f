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
from kengir_geo.map.escape import safe_url
from kengir_geo.map.legend import legend_html
from kengir_geo.map.popups import popup_html, source_html
from kengir_geo.map.render import BASEMAPS, LARGE_LAYER, base_map, feature_groups
from kengir_geo.map.styles import CERTAINTY_MARKS, PAST_COLOR, feature_style
from kengir_geo.story.details import feature_details
from kengir_geo.story.timeline import state_at

RAID = date(1954, 6, 26)


@pytest.fixture
def atlas(tmp_path):
    return load_atlas(write_geodata(tmp_path))


@pytest.fixture
def hostile(tmp_path):
    return load_atlas(write_hostile_geodata(tmp_path / "hostile"))


def html_of(element) -> str:
    return element.get_root().render()


def drawn(groups) -> dict[str, list[dict]]:
    """Layer title -> the GeoJSON features its group draws."""
    out = {}
    for group in groups:
        (geojson,) = group._children.values()
        out[group.layer_name] = geojson.data["features"]
    return out


def test_base_map_is_identical_between_calls(atlas):
    for key in BASEMAPS.values():
        assert html_of(base_map(atlas, key)) == html_of(base_map(atlas, key))
    assert html_of(base_map(atlas, zoom=7)) != html_of(base_map(atlas))


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
    assert '"control_scale": true' in html.replace("controlScale", "control_scale") or (
        "L.control.scale" in html
    )
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
    groups = feature_groups(atlas, state_at(atlas, RAID))
    assert [g.layer_name for g in groups] == ["Places", "Events"]  # outlines are the basemap's


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


def test_groups_carry_phases_styles_and_highlight(atlas):
    groups = feature_groups(atlas, state_at(atlas, RAID), highlight=["e-raid"])
    features = drawn(groups)
    phases = {f["properties"]["id"]: f["properties"]["phase"] for f in features["Events"]}
    assert phases == {"e-may": "past", "e-raid": "sure", "e-span": "sure"}
    raid = next(f for f in features["Events"] if f["properties"]["id"] == "e-raid")
    assert raid["properties"]["style"]["color"] == "#f1c40f"
    # past events are drawn first, underneath
    assert features["Events"][0]["properties"]["phase"] == "past"
    places = {f["properties"]["id"]: f["properties"] for f in features["Places"]}
    assert places["perevalka"]["doubt_m"] == 20000  # unknown: an area of doubt, not a pin
    assert places["kengir"]["doubt_m"] is None


def map_with(atlas, groups) -> str:
    fmap = base_map(atlas)
    for group in groups:
        group.add_to(fmap)
    return html_of(fmap)


def test_groups_render_identically(atlas):
    first = map_with(atlas, feature_groups(atlas, state_at(atlas, RAID)))
    second = map_with(atlas, feature_groups(atlas, state_at(atlas, RAID)))
    assert first == second


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


def test_large_point_layers_use_canvas_and_shared_popups(atlas):
    add_big_layer(atlas, LARGE_LAYER + 1, name=SCRIPT)
    groups = feature_groups(atlas, state_at(atlas, RAID))
    assert [g.layer_name for g in groups] == ["Places", "Events", "Big layer"]
    big = map_with(atlas, [groups[2]])
    assert "L.canvas" in big and "L.marker" not in big and "bindPopup" in big
    assert SCRIPT not in big and PAYLOAD not in big  # names and descriptions escaped
    assert big.count('"s": 0') == LARGE_LAYER + 1  # one shared style
    assert "L.canvas" not in map_with(atlas, groups[:2])


def test_popup_has_names_dates_certainty_claims_and_linked_sources(atlas):
    html = popup_html(feature_details(atlas, "events", "e-raid"), atlas.sources)
    assert "26 June 1954, 03:30 (time of day)" in html
    assert "<b>What and when:</b> The works we read" in html
    assert "1,700" in html and "1,600" in html  # both values, side by side
    assert '<a href="https://en.wikipedia.org/wiki/Kengir_uprising"' in html
    kengir = popup_html(feature_details(atlas, "places", "kengir"), atlas.sources)
    assert "Кенгир · Кеңгір" in kengir and "within about 2 km" in kengir


def test_every_string_is_escaped(hostile):
    for layer_id, feature_id in (("places", "kengir"), ("events", "e-raid")):
        html = popup_html(feature_details(hostile, layer_id, feature_id), hostile.sources)
        assert "<img" not in html and "<script" not in html and "<svg" not in html
        assert "<iframe" not in html and "<b onclick" not in html and "<i>extra" not in html
        assert "&lt;script&gt;" in html
        assert 'onmouseover="' not in html
    groups = feature_groups(hostile, state_at(hostile, RAID))
    page = map_with(hostile, groups)
    assert PAYLOAD not in page and SCRIPT not in page
    assert groups[0].layer_name == "&lt;img src=x onerror=alert(1)&gt;"
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


def test_a_zone_is_coloured_by_who_holds_it():
    style = {"color": "#6a1b9a", "state_colors": {"held by prisoners": "#1e8449"}}
    held = feature_style(style, "schematic", state="held by prisoners")
    other = feature_style(style, "schematic", state="something else")
    assert held["color"] == held["fillColor"] == "#1e8449"
    assert other["color"] == "#6a1b9a"


def test_the_compound_changes_colour_between_guards_and_prisoners():
    atlas = load_atlas()  # the bundled story

    def zone_colors(day):
        groups = feature_groups(atlas, state_at(atlas, day, ["compound"]))
        features = groups[0]._children[next(iter(groups[0]._children))].data["features"]
        return {
            f["properties"]["style"]["fillColor"]
            for f in features
            if f["properties"]["id"].startswith("zone-")
        }

    assert zone_colors(date(1954, 5, 1)) == {"#566573"}
    assert zone_colors(date(1954, 6, 1)) == {"#1e8449"}


def test_legend_lists_the_compound_states_under_the_compound():
    html = legend_html(load_atlas())
    compound = load_atlas().layers["compound"]
    heading = f'<div class="kg-legend-head">{compound.title}</div>'
    assert heading in html
    after = html.split(heading, 1)[1]
    for state in compound.style["state_colors"]:
        assert f"<span>{state}</span>" in after
