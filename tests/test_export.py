import json
import subprocess
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


TIMECORE = Path(__file__).parent.parent / "kengir_geo" / "map" / "client" / "timecore.js"
UNPACK = """
const core = require(process.argv[1]);
const payload = JSON.parse(require("fs").readFileSync(0, "utf8"));
payload.layers.forEach(core.unpackLayer);
process.stdout.write(JSON.stringify(payload, (k, v) => ArrayBuffer.isView(v) ? Array.from(v) : v));
"""


def unpacked(payload: dict) -> dict:
    """The payload as the browser reads it: its layers unpacked by timecore.js itself."""
    done = subprocess.run(
        ["node", "-e", UNPACK, str(TIMECORE)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_the_payload_carries_each_feature_once_with_its_day_bounds(atlas):
    add_big_layer(atlas, LARGE_LAYER + 5, name=SCRIPT)
    payload = unpacked(map_payload(atlas))
    for entry in payload["layers"]:
        frame = atlas.layers[entry["id"]].frame
        assert entry["ids"] == list(frame["id"])
        bounds = list(zip(*(frame[c] for c in INTERVAL_COLUMNS), strict=True))
        assert [tuple(entry["days"][4 * i : 4 * i + 4]) for i in range(len(frame))] == bounds
        assert len(entry["look"]) == len(entry["names"]) == len(frame)
        assert max(entry["look"]) < len(entry["sets"])
        for look in entry["sets"]:
            assert len(look) == 6  # sure, maybe, past; plain and highlighted
        if "xy" in entry:  # points: as the data holds them, to 6 decimals at most
            points = frame.geometry
            assert entry["xy"][0::2] == [round(x, 6) for x in points.x]
            assert entry["xy"][1::2] == [round(y, 6) for y in points.y]
    assert payload["open"] == [OPEN_START, OPEN_END]
    assert payload["focus"]["since"] == "16 May"


def test_a_large_point_layer_is_short_columns_and_shared_texts(atlas):
    add_big_layer(atlas, LARGE_LAYER + 5, name=SCRIPT)
    big = next(e for e in map_payload(atlas)["layers"] if e["id"] == "big")
    assert big["large"] and "shapes" not in big
    ids, rest = big["ids"]  # p0, p1, ...: each id after the first sends what is new
    assert len(ids) == len(rest) == LARGE_LAYER + 5 and sum(map(len, rest)) < 2 * len(rest)
    assert big["look"][1] == 1  # one style set: one byte a feature
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
    payload = unpacked(map_payload(bundled))
    for layer_id, layer in bundled.layers.items():
        if layer.group == "basemap":
            continue
        entry = next(e for e in payload["layers"] if e["id"] == layer_id)
        assert len(entry["popup"]) == len(layer.frame)
        for key, name, part in zip(entry["ids"], entry["names"], entry["popup"], strict=True):
            html = entry["parts"][part]
            assert name and "{cite:" not in html, key
            assert "<b>What and when:</b>" in html and "<b>Where:</b>" in html, key
            assert "<b>Sources</b><ol><li>" in html, key
            if layer.type == "events":
                assert "<b>When:</b>" in html and "no date given" not in html, key
