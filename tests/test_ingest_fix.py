"""What `--fix` and the readers mend, on files like the ones people bring: world countries
that cross the antimeridian as Natural Earth's do, and GeoJSON with nested properties (RFC 7946
allows any JSON value). The files are generated here."""

from __future__ import annotations

from click.testing import CliRunner

from factories import collection, feature, write_geodata
from ingest_files import write_geojson
from kengir_geo.cli.main import cli
from kengir_geo.ingest import ingest_file
from kengir_geo.ingest.normalize import crosses_antimeridian


def country(fid: str, name: str, polygons: list) -> dict:
    return feature(
        fid, name=name, geometry={"type": "MultiPolygon", "coordinates": [[p] for p in polygons]}
    )


def world_like_natural_earth() -> dict:
    """Countries as Natural Earth draws them: Russia's Chukotka and Fiji's islands cross 180°
    within one ring; Kazakhstan does not."""
    chukotka = [[170, 64], [-172, 64.5], [-175, 67], [178, 69.5], [170, 64]]
    siberia = [[60, 50], [100, 50], [100, 70], [60, 70], [60, 50]]
    fiji = [[178.5, -16.5], [-179.8, -16.2], [-179.9, -16.9], [178.7, -17.1], [178.5, -16.5]]
    kazakhstan = [[50, 41], [87, 41], [87, 55], [50, 55], [50, 41]]
    return collection(
        country("rus", "Russia", [siberia, chukotka]),
        country("fji", "Fiji", [fiji]),
        country("kaz", "Kazakhstan", [kazakhstan]),
    )


def test_countries_across_180_are_refused_with_the_fix_named(tmp_path):
    path = write_geojson(world_like_natural_earth(), tmp_path / "countries.geojson")
    result = ingest_file(path, "countries", "Countries")
    errors = [p for p in result.problems if p.is_error]
    assert {p.feature for p in errors} == {"rus", "fji"}
    assert all("antimeridian" in p.message and "--fix" in p.message for p in errors)


def test_fix_cuts_them_at_180_and_says_so(tmp_path):
    path = write_geojson(world_like_natural_earth(), tmp_path / "countries.geojson")
    result = ingest_file(path, "countries", "Countries", fix=True)
    assert result.ok, [str(p) for p in result.problems if p.is_error]
    cut = [p for p in result.problems if "antimeridian" in p.message]
    assert {p.feature for p in cut} == {"rus", "fji"}
    assert all(p.level == "warning" and "RFC 7946" in p.message for p in cut)
    features = {f["properties"]["id"]: f for f in result.layer()["features"]}
    for fid in ("rus", "fji", "kaz"):
        assert not crosses_antimeridian(features[fid]["geometry"])
    fiji = features["fji"]["geometry"]
    assert fiji["type"] == "MultiPolygon" and len(fiji["coordinates"]) == 2  # east and west of 180
    longitudes = [p[0] for poly in fiji["coordinates"] for ring in poly for p in ring]
    assert 180.0 in longitudes and -180.0 in longitudes
    assert len(features["rus"]["geometry"]["coordinates"]) == 3  # Siberia + Chukotka's 2 parts


def test_a_line_across_180_on_the_command_line(tmp_path):
    root = write_geodata(tmp_path / "geodata")
    line = {"type": "LineString", "coordinates": [[175, 65], [-175, 66]]}
    path = write_geojson(collection(feature("route", geometry=line)), tmp_path / "route.geojson")
    args = ["add", str(path), "--id", "route", "--title", "Route", "--geodata", str(root)]
    assert CliRunner().invoke(cli, args).exit_code == 1
    fixed = CliRunner().invoke(cli, [*args, "--fix"])
    assert fixed.exit_code == 0, fixed.stdout
    assert "cut at the antimeridian" in fixed.stdout


def test_nested_properties_are_flattened_with_a_warning_naming_them(tmp_path):
    nested = feature("a", name="Camp")
    nested["properties"]["place"] = {"city": "Zhezkazgan", "region": {"name": "Karaganda"}}
    nested["properties"]["population"] = [{"year": 1954, "count": 5200}]
    nested["properties"]["tags"] = ["camp", "mine"]
    path = write_geojson(collection(nested, feature("b")), tmp_path / "nested.geojson")
    result = ingest_file(path, "nested", "Nested")
    assert result.ok, [str(p) for p in result.problems if p.is_error]
    props = result.layer()["features"][0]["properties"]
    assert props["place.city"] == "Zhezkazgan"
    assert props["place.region.name"] == "Karaganda"
    assert props["population"] == '[{"year": 1954, "count": 5200}]'
    assert props["tags"] == ["camp", "mine"]
    warning = next(p for p in result.problems if "nested" in p.message)
    assert warning.level == "warning"
    assert "place" in warning.message and "population" in warning.message
    assert "tags" not in warning.message
