"""Reading real files in every supported format, good and broken, through `ingest_file`."""

from __future__ import annotations

import datetime
import json
import zipfile

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Polygon, shape

from factories import collection, feature, write_geodata
from ingest_files import (
    CAMPS,
    ZONE,
    camps_frame,
    camps_rows,
    good_files,
    write_csv,
    write_geojson,
    zip_shapefile,
    zone_frame,
)
from kengir_geo import load_atlas
from kengir_geo.data.folder import read_geodata
from kengir_geo.data.schema import Problem
from kengir_geo.ingest import Limits, check_file, existing_layer_ids, ingest_file
from test_validate import json_values


def errors(result_or_problems) -> list[Problem]:
    problems = getattr(result_or_problems, "problems", result_or_problems)
    return [p for p in problems if p.is_error]


def messages(problems) -> str:
    return " | ".join(str(p) for p in getattr(problems, "problems", problems))


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return good_files(tmp_path_factory.mktemp("good"))


@pytest.fixture
def geodata(tmp_path):
    return write_geodata(tmp_path / "geodata")


@pytest.mark.parametrize("kind", ["geojson", "gpkg", "zip", "kml", "csv", "csv-wkt"])
def test_every_format_gives_the_same_camps(files, geodata, kind):
    result = ingest_file(files[kind], "camps", "Camps", geodata_root=geodata)
    assert result.ok, messages(result)
    points = sorted(tuple(f["geometry"]["coordinates"]) for f in result.collection["features"])
    flat = [v for point in points for v in point]
    assert flat == pytest.approx([v for point in sorted(CAMPS.values()) for v in point], abs=1e-6)
    for item in result.collection["features"]:
        props = item["properties"]
        assert props["certainty"] == "approximate"
        assert props["sources"] == ["w-en"]
        assert props["name"]
    if kind != "csv-wkt":
        assert sorted(f["properties"]["id"] for f in result.collection["features"]) == list(CAMPS)


def test_a_students_utm_shapefile_lands_where_the_camps_are(tmp_path, geodata):
    """The issue's definition of done: EPSG:32642 zipped Shapefile, coordinates within 1e-6."""
    archive = zip_shapefile(camps_frame(), tmp_path, epsg=32642)
    result = ingest_file(archive, "camps", "Camps near Zhezkazgan", geodata_root=geodata)
    assert result.ok, messages(result)
    assert any("UTM zone 42N" in note for note in result.notes)
    got = {
        f["properties"]["id"]: f["geometry"]["coordinates"] for f in result.collection["features"]
    }
    assert set(got) == set(CAMPS)
    for fid, (lon, lat) in CAMPS.items():
        assert got[fid][0] == pytest.approx(lon, abs=1e-6)
        assert got[fid][1] == pytest.approx(lat, abs=1e-6)
    # the student's column names were mapped onto the contract, and said so
    props = result.collection["features"][1]["properties"]
    assert props["name"] == "Camp 2 (Кенгир)" and props["start"] == "1954"
    assert "read column 'year' as 'start'" in messages(result)


def test_projected_geojson_with_a_crs_member_is_reprojected(tmp_path):
    doc = json.loads(camps_frame().to_crs(32642).to_json(drop_id=True))
    doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32642"}}
    result = ingest_file(write_geojson(doc, tmp_path / "utm.geojson"), "camps", "Camps")
    assert result.ok, messages(result)
    assert "crs" not in result.collection
    first = result.collection["features"][0]["geometry"]["coordinates"]
    assert first == pytest.approx(CAMPS["camp-1"], abs=1e-6)


def test_rings_turn_counter_clockwise_and_heights_are_dropped(tmp_path):
    clockwise = [[x, y, 512.0] for x, y in reversed(ZONE)]
    doc = collection(feature("z", geometry={"type": "Polygon", "coordinates": [clockwise]}))
    result = ingest_file(write_geojson(doc, tmp_path / "z.geojson"), "zone", "Zone")
    assert result.ok, messages(result)
    ring = result.collection["features"][0]["geometry"]["coordinates"][0]
    assert all(len(position) == 2 for position in ring)
    assert shapely.LinearRing(ring).is_ccw
    assert "dropped heights (Z) from 1 features" in messages(result)


def test_zone_polygon_in_a_geopackage_keeps_its_shape(tmp_path):
    gpkg = tmp_path / "zone.gpkg"
    zone_frame().to_crs(32642).to_file(gpkg, engine="pyogrio")
    result = ingest_file(gpkg, "zone", "Zone")
    assert result.ok, messages(result)
    got = shape(result.collection["features"][0]["geometry"])
    assert got.symmetric_difference(Polygon(ZONE)).area < 1e-12


# --- broken files: each refused with a message that says what to fix ------------------------


def refused(path, *words, **options):
    result = ingest_file(path, "bad", "Bad", **options)
    assert not result.ok
    text = messages(errors(result))
    for word in words:
        assert word in text, text
    assert all(p.file == str(path) for p in result.problems)
    return result


def test_truncated_and_non_json_geojson(tmp_path, files):
    cut = tmp_path / "cut.geojson"
    cut.write_text(files["geojson"].read_text()[:100])
    refused(cut, "not valid JSON", "cut short")
    html = tmp_path / "page.geojson"
    html.write_text("<html><body>404 Not Found</body></html>")
    refused(html, "not valid JSON at line 1, column 1")
    empty = tmp_path / "empty.geojson"
    empty.write_text("")
    refused(empty, "the file is empty")


def test_non_utf8_text_names_the_encoding_and_reads_with_it(tmp_path, geodata):
    rows = camps_rows()
    rows[0]["name"] = "Кенгир, лагерное отделение"
    path = write_csv(rows, tmp_path / "cp1251.csv", encoding="cp1251")
    result = refused(path, "not UTF-8", "--encoding")
    assert "1251" in messages(result)
    fixed = ingest_file(path, "camps", "Camps", encoding="cp1251", geodata_root=geodata)
    assert fixed.ok, messages(fixed)
    assert fixed.collection["features"][0]["properties"]["name"] == "Кенгир, лагерное отделение"


def test_geometry_problems_name_the_feature(tmp_path):
    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    unclosed = {"type": "Polygon", "coordinates": [ZONE[:-1]]}
    doc = collection(
        feature("bow", geometry=bowtie),
        feature("open", geometry=unclosed),
        feature("far", geometry={"type": "Point", "coordinates": [47.84, 267.6]}),
    )
    path = write_geojson(doc, tmp_path / "geom.geojson")
    result = refused(path, "Self-intersection", "not closed", "out of range", "--fix")
    located = {(p.feature, p.field) for p in errors(result)}
    assert located == {("bow", "geometry"), ("open", "geometry"), ("far", "geometry")}


def test_fix_repairs_invalid_geometries_and_closes_rings(tmp_path):
    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    unclosed = {"type": "Polygon", "coordinates": [ZONE[:-1]]}
    doc = collection(feature("bow", geometry=bowtie), feature("open", geometry=unclosed))
    result = ingest_file(write_geojson(doc, tmp_path / "g.geojson"), "g", "G", fix=True)
    assert result.ok, messages(result)
    geometries = [shape(f["geometry"]) for f in result.collection["features"]]
    assert all(g.is_valid for g in geometries)
    assert geometries[0].geom_type == "MultiPolygon"
    assert "repaired an invalid geometry (Self-intersection" in messages(result)


def test_invalid_geometry_in_a_geopackage(tmp_path):
    frame = gpd.GeoDataFrame(
        {"id": ["bow"], "name": ["Bow"], "sources": ["w-en"]},
        geometry=[Polygon([(67.6, 47.8), (67.7, 47.9), (67.7, 47.8), (67.6, 47.9)])],
        crs=4326,
    )
    frame.to_file(tmp_path / "bow.gpkg", engine="pyogrio")
    result = refused(tmp_path / "bow.gpkg", "Self-intersection")
    assert [(p.feature, p.field) for p in errors(result)] == [("bow", "geometry")]


def test_dates_ids_and_empty_layers(tmp_path):
    doc = collection(
        feature("a", start="16th of May"),
        feature("b", start="1954-06-26", end="1954-05-16"),
        feature("c", start="2954"),
        feature("a"),
    )
    result = refused(write_geojson(doc, tmp_path / "d.geojson"), "cannot read", "before start")
    located = {(p.feature, p.field) for p in errors(result)}
    assert {("a", "start"), ("b", "end"), ("c", "start"), ("a", "id")} <= located
    refused(write_geojson(collection(), tmp_path / "empty.geojson"), "no features")


def test_day_month_year_dates_and_flat_heights(tmp_path):
    doc = collection(
        feature("a", start="16.05.1954", geometry={"type": "Point", "coordinates": [67.6, 47.8, 0]})
    )
    result = ingest_file(write_geojson(doc, tmp_path / "d.geojson"), "d", "D")
    assert result.ok, messages(result)
    assert result.collection["features"][0]["properties"]["start"] == "1954-05-16"
    assert "day.month.year" in messages(result)
    assert "heights" not in messages(result)  # a Z of 0 carries nothing worth a warning


def test_geojson_feature_ids_and_a_shapefile_without_cpg(tmp_path):
    item = feature("ignored")
    del item["properties"]["id"]
    item["id"] = "kept"
    result = ingest_file(write_geojson(collection(item), tmp_path / "i.geojson"), "i", "I")
    assert result.ok and result.collection["features"][0]["properties"]["id"] == "kept"
    archive = zip_shapefile(camps_frame(), tmp_path, parts=("shp", "shx", "dbf", "prj"))
    assert "no .cpg file" in messages(ingest_file(archive, "c", "C"))


@pytest.mark.filterwarnings("ignore:Field end created as String")  # a shapefile has no time
def test_typed_date_columns_stay_dates_without_false_precision(tmp_path):
    """GeoPackage and Shapefile date/datetime fields come out as our ISO strings."""
    frame = camps_frame(
        when=[datetime.date(1949, 1, 5), datetime.date(1954, 5, 16), datetime.date(1956, 3, 1)],
        end=pd.to_datetime(["1950-01-01 00:00", "1954-06-26 03:30", "1957-01-01 00:00"]),
    ).drop(columns=["year"])
    gpkg = tmp_path / "dated.gpkg"
    frame.to_file(gpkg, engine="pyogrio")
    for path in (gpkg, zip_shapefile(frame, tmp_path, name="dated", epsg=None)):
        result = ingest_file(path, "d", "D")
        assert result.ok, messages(result)
        camp = result.collection["features"][1]["properties"]
        assert (camp["start"], camp["end"]) == ("1954-05-16", "1954-06-26T03:30"), path


def test_null_geometry_is_kept_as_unlocated(tmp_path):
    lost = feature("lost")
    lost["geometry"] = None
    result = ingest_file(write_geojson(collection(lost), tmp_path / "n.geojson"), "n", "N")
    assert result.ok, messages(result)
    assert result.collection["features"][0]["geometry"] is None
    assert "unlocated" in messages(result)


def test_projected_file_without_a_crs(tmp_path, geodata):
    archive = zip_shapefile(camps_frame(), tmp_path, parts=("shp", "shx", "dbf"), epsg=32642)
    refused(archive, "does not say", "--crs", ".prj")
    named = ingest_file(archive, "camps", "Camps", crs="EPSG:32642", geodata_root=geodata)
    assert named.ok, messages(named)
    got = named.collection["features"][0]["geometry"]["coordinates"]
    assert got == pytest.approx(CAMPS["camp-1"], abs=1e-6)
    lonlat = zip_shapefile(camps_frame(), tmp_path / "ll", parts=("shp", "shx", "dbf"), epsg=None)
    assumed = ingest_file(lonlat, "camps", "Camps", geodata_root=geodata)
    assert assumed.ok and "names no CRS" in messages(assumed)


def test_far_away_layer_warns_about_swapped_axes(tmp_path, geodata):
    swapped = collection(
        *(
            feature(fid, geometry={"type": "Point", "coordinates": [lat, lon]})
            for fid, (lon, lat) in CAMPS.items()
        )
    )
    result = ingest_file(
        write_geojson(swapped, tmp_path / "s.geojson"), "s", "S", geodata_root=geodata
    )
    assert result.ok
    assert "latitude and longitude look swapped" in messages(result)


def test_zips_that_must_not_be_unpacked(tmp_path, files):
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zipped:
        zipped.writestr("../../outside.shp", b"x")
        zipped.writestr("/etc/cron.d/evil.shx", b"x")
    refused(evil, "outside it")
    assert not (tmp_path.parent / "outside.shp").exists()
    no_shp = tmp_path / "noshp.zip"
    with zipfile.ZipFile(no_shp, "w") as zipped:
        zipped.writestr("readme.txt", "hello")
    refused(no_shp, "no .shp file", "readme.txt")
    partial = zip_shapefile(camps_frame(), tmp_path / "p", parts=("shp", "prj"))
    refused(partial, "without its .shx and .dbf")
    not_zip = tmp_path / "fake.zip"
    not_zip.write_bytes(b"PK\x03\x04 but not really")
    refused(not_zip, "not a readable zip")


def test_geopackage_layers_and_limits(tmp_path, geodata):
    gpkg = tmp_path / "two.gpkg"
    camps_frame().to_file(gpkg, layer="camps", engine="pyogrio")
    zone_frame().to_file(gpkg, layer="zone", engine="pyogrio")
    first = ingest_file(gpkg, "x", "X", geodata_root=geodata)
    assert first.ok and "reading the first, 'camps'" in messages(first)
    zone = ingest_file(gpkg, "x", "X", layer="zone", geodata_root=geodata)
    assert zone.ok and zone.collection["features"][0]["properties"]["id"] == "zone"
    refused(gpkg, "no layer 'nope'", "camps, zone", layer="nope")
    refused(gpkg, "3 features is more than the limit of 2", limits=Limits(max_features=2))
    refused(gpkg, "more than the limit of 0.001 MB", limits=Limits(max_mb=0.001))


def test_csv_problems_name_the_row(tmp_path):
    rows = camps_rows()
    rows[1]["latitude"] = "forty-seven"
    refused(write_csv(rows, tmp_path / "bad.csv"), "row 3", "not a latitude and longitude")
    refused(
        write_csv([{"place": "Kengir", "where": "near the river"}], tmp_path / "no.csv"),
        "cannot find the coordinates",
        "place, where",
    )
    wkt = [{"id": "w", "name": "W", "wkt": "POLYGON ((1 2, 3", "sources": "w-en"}]
    refused(write_csv(wkt, tmp_path / "wkt.csv"), "cannot read the WKT")


MY_MAPS_KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Trip</name>
<Folder><name>Camps</name>
<Placemark><name>Kengir camp</name>
<description><![CDATA[Where it began.<br>See <a href="https://en.wikipedia.org/wiki/Kengir_uprising">this</a>]]></description>
<ExtendedData><Data name="year"><value>1954</value></Data></ExtendedData>
<Point><coordinates>67.615,47.84,0</coordinates></Point></Placemark></Folder>
<Folder><name>Areas</name>
<Placemark><name>Mining area</name><Polygon><outerBoundaryIs><LinearRing><coordinates>
67.70,47.80,0 67.70,47.85,0 67.80,47.85,0 67.80,47.80,0 67.70,47.80,0
</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Folder>
</Document></kml>"""


def test_a_google_my_maps_kml(tmp_path, geodata):
    """Folders become one layer, HTML descriptions plain text, clockwise rings turned."""
    path = tmp_path / "trip.kml"
    path.write_text(MY_MAPS_KML)
    result = ingest_file(path, "trip", "Trip", geodata_root=geodata, default_sources=["w-en"])
    assert result.ok, messages(result)
    camp, area = (f["properties"] for f in result.collection["features"])
    assert camp["id"] == "trip-1" and area["name"] == "Mining area"
    assert camp["description"] == (
        "Where it began.\nSee this (https://en.wikipedia.org/wiki/Kengir_uprising)"
    )
    ring = result.collection["features"][1]["geometry"]["coordinates"][0]
    assert shapely.LinearRing(ring).is_ccw
    assert "descriptions into plain text" in messages(result)


def test_kml_garbage_and_unknown_formats(tmp_path):
    kml = tmp_path / "broken.kml"
    kml.write_text("<kml><Document><Placemark><name>x</name>")
    refused(kml, "cannot open it as KML")
    other = tmp_path / "notes.docx"
    other.write_bytes(b"\x00\x01binary")
    refused(other, "unknown file type '.docx'")


def test_unsourced_features_are_accepted_with_plain_warnings(tmp_path, geodata):
    """A teacher's quick layer may cite nothing or works missing from sources.toml: it is
    added, and the warnings say what the map will show."""
    doc = collection(feature("a", sources=["nobody"]), feature("b", sources=[]))
    path = write_geojson(doc, tmp_path / "s.geojson")
    result = ingest_file(path, "s", "S", geodata_root=geodata)
    assert result.ok, messages(result)
    text = messages(result)
    assert "source 'nobody' is not in the bibliography" in text
    assert "1 feature(s) cite no source" in text and "--cite" in text
    cited = ingest_file(path, "s", "S", geodata_root=geodata, default_sources=["s002"])
    assert [p.feature for p in cited.problems if p.field == "sources" and p.feature] == ["a"]


def test_validate_cli_reads_other_formats(files):
    for kind in ("gpkg", "zip", "kml", "csv"):
        assert errors(check_file(files[kind])) == [], kind


# --- never raises ----------------------------------------------------------------------------


def assert_consistent(result) -> None:
    """A result is addable exactly when it was read and has no error; one that could not be
    read says why, in at least one error."""
    assert result.ok is (result.readable and not errors(result))
    if not result.readable:
        assert errors(result) and all(p.message for p in errors(result))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(json_values)
def test_ingest_never_raises_on_arbitrary_json(tmp_path, doc):
    path = tmp_path / "fuzz.geojson"
    path.write_text(json.dumps(doc))
    result = ingest_file(path, "fuzz", "Fuzz")
    assert_consistent(result)
    for problem in result.problems:
        assert problem.file == str(path) and problem.message


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=300), st.sampled_from([".geojson", ".csv", ".zip", ".kml", ".gpkg"]))
def test_ingest_never_raises_on_arbitrary_bytes(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    result = ingest_file(path, "fuzz", "Fuzz")
    assert_consistent(result)
    for problem in result.problems:
        assert problem.file == str(path) and problem.message


def test_ingest_knows_the_ids_the_atlas_knows_without_loading_it(tmp_path):
    """One rule reads ids from the geodata's tables (data/folder.by_id): the ids ingest checks
    a layer against are the atlas's, and a broken manifest gives no ids, not a traceback."""
    root = write_geodata(tmp_path / "g")
    atlas, raw = load_atlas(root), read_geodata(root)
    assert existing_layer_ids(root) == raw.layer_ids == set(atlas.layers)
    assert raw.source_ids == set(atlas.sources) and raw.claim_ids == set(atlas.claims)
    (root / "layers.toml").write_text("layer = 3\n", encoding="utf-8")  # no [[layer]] tables
    assert existing_layer_ids(root) == set()
