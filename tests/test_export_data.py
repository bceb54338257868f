import json

import geopandas as gpd
import pytest
from hostile import write_hostile_geodata
from PIL import Image
from test_export import write_export_geodata

from command_line import run
from factories import write_geodata
from kengir_geo import load_atlas
from kengir_geo.export.bibliography import csl_json, markdown
from kengir_geo.export.data import export_data
from kengir_geo.export.linked_places import linked_places


@pytest.fixture
def atlas(tmp_path):
    return load_atlas(write_geodata(tmp_path / "geodata"))


def test_export_data_writes_layers_lpf_and_bibliography(atlas, tmp_path):
    written = export_data(atlas, tmp_path / "out")
    names = sorted(p.relative_to(tmp_path / "out").as_posix() for p in written)
    assert names == [
        "README.md",
        "layers/events.geojson",
        "layers/places.geojson",
        "linked-places.json",
        "sources.json",
        "sources.md",
    ]
    events = gpd.read_file(tmp_path / "out" / "layers" / "events.geojson")
    assert sorted(events["id"]) == ["e-may", "e-raid", "e-span"]
    readme = (tmp_path / "out" / "README.md").read_text()
    assert readme.startswith(f"# {atlas.settings.title}: data export")  # the atlas's, not ours


def test_linked_places_carry_timespans_certainty_and_citations(atlas):
    lpf = linked_places(atlas)
    assert lpf["@context"].endswith("linkedplaces-context-v1.1.jsonld")
    by_id = {f["@id"]: f for f in lpf["features"]}
    may = by_id["urn:kengir-geo:events:e-may"]
    assert may["when"]["timespans"] == [
        {
            "start": {"earliest": "1954-05-01", "latest": "1954-05-31"},
            "end": {"earliest": "1954-05-01", "latest": "1954-05-31"},
        }
    ]
    assert may["when"]["certainty"] == "certain"
    kengir = by_id["urn:kengir-geo:places:kengir"]
    assert "when" not in kengir  # undated
    assert kengir["geometry"]["certainty"] == "less-certain"
    assert [n["toponym"] for n in kengir["names"]] == ["Kengir", "Кенгир", "Кеңгір"]
    assert kengir["citations"][0]["@id"] == "https://en.wikipedia.org/wiki/Kengir_uprising"
    assert by_id["urn:kengir-geo:places:perevalka"]["names"] == [{"toponym": "Feature perevalka"}]
    raid = by_id["urn:kengir-geo:events:e-raid"]
    assert raid["properties"]["claims"] == ["troops"]


def test_bibliography_as_csl_and_markdown(atlas):
    items = {i["id"]: i for i in csl_json(atlas)}
    assert items["w-en"]["author"] == [{"literal": "Wikipedia contributors"}]
    assert items["w-en"]["URL"].startswith("https://")
    text = markdown(atlas)
    assert "**Kengir uprising**: Wikipedia contributors, *Kengir uprising*." in text
    assert "w\\-en" not in text and "Read for this atlas." in text
    assert "Cited by 5 features." in text


def test_markdown_bibliography_does_not_pass_html(tmp_path):
    hostile = load_atlas(write_hostile_geodata(tmp_path / "h"))
    text = markdown(hostile)
    assert "<script" not in text and "<svg" not in text and "<img" not in text


def test_cli_export_and_export_data(tmp_path):
    geodata = write_export_geodata(tmp_path / "geodata")
    result = run(
        "export", "--out", tmp_path / "map.html", "--date", "1954-05-24", "--geodata", geodata
    )
    assert result.exit_code == 0, result.stderr
    assert "map.html" in result.stderr and "MB" in result.stderr
    assert (tmp_path / "map.html").stat().st_size > 100_000
    result = run("export-data", "--out", tmp_path / "data", "--geodata", geodata)
    assert result.exit_code == 0, result.stderr
    lpf = json.loads((tmp_path / "data" / "linked-places.json").read_text())
    assert len(lpf["features"]) == 5  # places and events, not the country outlines


def test_cli_refuses_bad_requests_clearly(tmp_path):
    geodata = write_export_geodata(tmp_path / "geodata")
    out = tmp_path / "map.html"
    result = run("export", "--out", out, "--date", "24 May 1954", "--geodata", geodata)
    assert result.exit_code == 2 and "is not a day written YYYY-MM-DD" in result.stderr
    result = run("export", "--out", out, "--chapter", "nope", "--geodata", geodata)
    assert result.exit_code == 2 and "no chapter 'nope'; chapters are raid" in result.stderr
    (geodata / "layers" / "events.geojson").write_text("{")
    result = run("export", "--out", out, "--geodata", geodata)
    assert result.exit_code == 1 and "layers/events.geojson" in result.stderr
    assert not out.exists()


@pytest.mark.browser
def test_a_chapter_as_a_picture_for_a_slide(tmp_path, browser):
    """`kengir-geo export --out x.png` draws the chapter with Chromium (the `browser` fixture
    makes sure Chromium is there, or fails under CI)."""
    out = tmp_path / "raid.png"
    result = run("export", "--out", out, "--chapter", "raid", "--size", "1280x720")
    assert result.exit_code == 0, result.stderr
    image = Image.open(out)
    assert image.size == (1280, 720)
    assert len(image.convert("RGB").resize((64, 36)).getcolors(4096)) > 20  # a map, not a blank
    refused = run("export", "--out", out, "--size", "12x9")
    assert refused.exit_code == 2 and "choose a size" in refused.stderr
