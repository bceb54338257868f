import base64
import json
from pathlib import Path

import pytest
from hostile import SCRIPT
from test_map import add_big_layer

from factories import collection, feature, write_geodata
from kengir_geo import load_atlas
from kengir_geo.data.atlas import INTERVAL_COLUMNS
from kengir_geo.data.intervals import OPEN_END, OPEN_START
from kengir_geo.export.html import SIZE_BUDGET, ExportError, export_html
from kengir_geo.map.assets import remote_references
from kengir_geo.map.payload import LARGE_LAYER, map_payload

SQUARE = {"type": "Polygon", "coordinates": [[[60, 40], [75, 40], [75, 52], [60, 52], [60, 40]]]}


def write_export_geodata(root: Path) -> Path:
    """The factory's geodata plus a country outline, as the bundled data has."""
    write_geodata(root)
    countries = collection(feature("kz", SQUARE, name="Kazakhstan", kind="country"))
    (root / "layers" / "countries.geojson").write_text(json.dumps(countries))
    with (root / "layers.toml").open("a") as manifest:
        manifest.write(
            '\n[[layer]]\nid = "countries"\ntitle = "Countries"\n'
            'file = "layers/countries.geojson"\ngroup = "basemap"\ntype = "features"\n'
        )
    return root


@pytest.fixture
def atlas(tmp_path):
    return load_atlas(write_export_geodata(tmp_path / "geodata"))


def test_the_payload_carries_each_feature_once_with_its_day_bounds(atlas):
    payload = map_payload(atlas)
    for entry in payload["layers"]:
        frame = atlas.layers[entry["id"]].frame
        assert entry["ids"] == list(frame["id"])
        bounds = list(zip(*(frame[c] for c in INTERVAL_COLUMNS), strict=True))
        assert [tuple(entry["days"][4 * i : 4 * i + 4]) for i in range(len(frame))] == bounds
        assert len(entry["look"]) == len(frame)
        for look in entry["sets"]:
            assert len(look) == 6  # sure, maybe, past; plain and highlighted
    assert payload["open"] == [OPEN_START, OPEN_END]
    assert payload["focus"]["since"] == "16 May"


def test_a_large_point_layer_is_flat_numbers_and_shared_texts(atlas):
    add_big_layer(atlas, LARGE_LAYER + 5, name=SCRIPT)
    big = next(e for e in map_payload(atlas)["layers"] if e["id"] == "big")
    packed = base64.b64decode(big["xy"])  # int32 micro-degrees, lon then lat
    assert big["large"] and len(packed) == 4 * 2 * (LARGE_LAYER + 5) and "shapes" not in big
    assert len(big["sets"]) == 1 and len(big["parts"]) == 1  # one look, one shared popup part
    assert SCRIPT not in json.dumps(big)


def test_export_is_one_offline_file(atlas, tmp_path):
    out = export_html(atlas, tmp_path / "out" / "kengir.html", chapter="raid")
    html = out.read_text()
    assert remote_references(html) == []
    assert "<script src" not in html and "<link" not in html
    assert "L.timeMap(" in html and "L.control.story(" in html  # the plugin and its story
    assert "[60.0,40.0]" in html  # the country outlines are drawn, no tiles
    assert "tile.openstreetmap" not in html and "arcgisonline" not in html
    assert out.stat().st_size < SIZE_BUDGET
    assert not (tmp_path / "out" / "kengir.html.part").exists()


def test_export_is_reproducible(atlas, tmp_path):
    first = export_html(atlas, tmp_path / "a.html").read_text()
    second = export_html(atlas, tmp_path / "b.html").read_text()
    assert first == second


def test_unknown_chapter_is_refused(atlas, tmp_path):
    with pytest.raises(ExportError, match="no chapter 'nope'; chapters are raid"):
        export_html(atlas, tmp_path / "x.html", chapter="nope")
    assert not (tmp_path / "x.html").exists()


def test_every_bundled_feature_says_what_when_how_sure_and_who(bundled_atlas):
    """Done when: each popup of the bundled story has all four."""
    bundled = bundled_atlas
    for layer_id, layer in bundled.layers.items():
        if layer.group == "basemap":
            continue
        entry = next(e for e in map_payload(bundled)["layers"] if e["id"] == layer_id)
        assert len(entry["popup"]) == len(layer.frame)
        for key, name, part in zip(entry["ids"], entry["names"], entry["popup"], strict=True):
            html = entry["parts"][part]
            assert name and "{cite:" not in html, key
            assert "<b>What and when:</b>" in html and "<b>Where:</b>" in html, key
            assert "<b>Sources</b><ol><li>" in html, key
            if layer.type == "events":
                assert "<b>When:</b>" in html and "no date given" not in html, key
