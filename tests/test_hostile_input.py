"""Hostile and real-world files through `kengir-geo add --dry-run`, `validate` and the readers:
a plain FILE:FEATURE:FIELD message and a non-zero exit, never a hang, a traceback or a
damaged folder. Each hang is bounded by a generous timeout (a guard, not a measurement)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from factories import collection, feature, write_geodata
from hostile_files import (
    damaged_dbf_zip,
    endless_view_gpkg,
    lying_zip_bomb,
    many_rows_csv,
    odd_zip,
    stale_count_gpkg,
)
from ingest_files import write_geojson
from kengir_geo.cli.main import cli as kengir_geo
from kengir_geo.data.validate import check_geometry
from kengir_geo.ingest import Limits, ingest_file
from kengir_geo.ingest.bounded import Failure, run_bounded
from kengir_geo.ingest.encoding import guess_encoding


def cli(*args):
    """The command in this process (click's CliRunner): what a user sees, without the cost
    of a new interpreter per call. A traceback would be an exception other than SystemExit."""
    result = CliRunner().invoke(kengir_geo, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def root(tmp_path):
    return write_geodata(tmp_path / "geodata")


def add_dry(root, path, *extra):
    before = snapshot(root)
    result = cli("add", path, "--id", "x", "--title", "X", "--geodata", root, "--dry-run", *extra)
    assert snapshot(root) == before
    return result


def refused(result, *words):
    assert result.returncode == 1, result.stdout + result.stderr
    for word in words:
        assert word in result.stdout, result.stdout
    assert any(line.count(":") >= 4 for line in result.stdout.splitlines())  # FILE:FEATURE:FIELD


# --- 1. hangs -------------------------------------------------------------------------------


def test_an_endless_view_is_refused_by_add_and_validate(tmp_path, root):
    gpkg = endless_view_gpkg(tmp_path / "endless.gpkg")
    assert gpkg.stat().st_size < 200_000
    refused(add_dry(root, gpkg), "view whose rows never end")
    refused(cli("validate", gpkg), "view whose rows never end")


def test_the_worker_is_stopped_past_its_time_and_memory():
    slept = run_bounded(time.sleep, 600, seconds=1, memory_mb=100)
    assert isinstance(slept, Failure) and slept.reason == "time"
    assert "longer than the limit of 1 seconds" in slept.message
    grown = run_bounded(bytearray, 4_000_000_000, seconds=60, memory_mb=100)
    assert isinstance(grown, Failure) and grown.reason == "memory"
    assert run_bounded(sum, [1, 2, 3], seconds=60, memory_mb=100) == 6


# --- 2. bombs, sizes, devices -----------------------------------------------------------------


def test_a_zip_bomb_with_lying_headers_is_refused(tmp_path, root):
    bomb = lying_zip_bomb(tmp_path / "bomb.zip", inflated_mb=100)
    assert bomb.stat().st_size < 1_000_000
    refused(add_dry(root, bomb), "camps.shp", "damaged")
    # with truthful headers the stream stops at the cap, whatever was claimed
    honest = tmp_path / "honest.zip"
    with zipfile.ZipFile(honest, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("camps.shp", bytes(30 * 1024 * 1024))
    refused(add_dry(root, honest, "--max-mb", "5"), "unpacks to more than")


@pytest.mark.parametrize(
    ("kind", "words"),
    [("crc", "damaged"), ("encrypted", "encrypted"), ("method", "cannot unpack")],
)
def test_broken_zip_members_are_named(tmp_path, root, kind, words):
    refused(add_dry(root, odd_zip(tmp_path / f"{kind}.zip", kind)), "camps.shp", words)


def test_too_many_csv_rows_are_counted_before_they_are_built(tmp_path):
    rows = many_rows_csv(tmp_path / "rows.csv", 2_000)
    result = ingest_file(rows, "r", "R", limits=Limits(max_features=1_000))
    assert not result.ok
    assert "more than 1000 rows is more than the limit" in result.problems[0].message


def test_only_ordinary_files_are_read(tmp_path, root):
    fifo = tmp_path / "pipe.geojson"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.geojson"
    zero.symlink_to("/dev/zero")
    for path in (fifo, zero):
        refused(cli("validate", path), "not an ordinary file")
    usage = add_dry(root, zero)  # an unreadable path is a usage error for add (exit 2)
    assert usage.returncode == 2 and "not an ordinary file" in usage.stderr
    big = tmp_path / "big.geojson"
    big.write_bytes(b" " * (2 * 1024 * 1024))
    refused(cli("add", big, "--id", "b", "--title", "B", "--geodata", root, "--max-mb", "1"))


@pytest.mark.parametrize("value", ["inf", "nan", "1e308", "0", "-1"])
def test_absurd_size_limits_are_usage_errors(tmp_path, root, value):
    path = write_geojson(collection(feature("a")), tmp_path / "a.geojson")
    result = cli("add", path, "--id", "a", "--title", "A", "--geodata", root, "--max-mb", value)
    assert result.returncode == 2


# --- 3. silent loss ---------------------------------------------------------------------------


def test_a_stale_cached_count_reads_every_feature(tmp_path):
    gpkg = stale_count_gpkg(tmp_path / "stale.gpkg", 1_000, cached=10)
    result = ingest_file(gpkg, "s", "S")
    assert result.ok
    assert len(result.collection["features"]) == 1_000
    assert any("cached feature count" in p.message for p in result.problems)


def test_a_stale_count_cannot_slip_past_the_feature_limit(tmp_path):
    gpkg = stale_count_gpkg(tmp_path / "stale.gpkg", 1_500, cached=1)
    result = ingest_file(gpkg, "s", "S", limits=Limits(max_features=1_000))
    assert not result.ok
    assert "1500 features is more than the limit of 1000" in result.problems[0].message


def test_a_damaged_dbf_is_refused_not_silently_dropped(tmp_path, root):
    refused(add_dry(root, damaged_dbf_zip(tmp_path)), ".dbf", "damaged")


# --- 6. inputs that crashed the command line --------------------------------------------------


HOSTILE_JSON = {
    "huge-int": '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,'
    '"properties":{"id":' + "9" * 5000 + "}}]}",
    "deep": '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,'
    '"properties":{"id":"a","name":"A","x":' + "[" * 600 + "]" * 600 + "}}]}",
    "very-deep": "[" * 100_000 + "]" * 100_000,
    "surrogate": '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,'
    '"properties":{"id":"a","name":"\\ud800"}}]}',
}


@pytest.mark.parametrize("name", list(HOSTILE_JSON))
def test_hostile_json_is_refused_by_add_and_validate(tmp_path, root, name):
    path = tmp_path / f"{name}.geojson"
    path.write_text(HOSTILE_JSON[name])
    refused(add_dry(root, path))
    refused(cli("validate", path))


def test_undecodable_title_and_odd_encodings(tmp_path, root):
    path = write_geojson(collection(feature("a")), tmp_path / "a.geojson")
    before = snapshot(root)
    title = os.fsdecode(b"bad \xff title")
    result = cli("add", path, "--id", "a", "--title", title, "--geodata", root)
    assert result.returncode == 1 and "title" in result.stdout
    assert snapshot(root) == before  # no orphan layer file
    for encoding in ("punycode", "rot13", "no-such-codec"):
        cp = tmp_path / "cp.csv"
        cp.write_bytes("id,name,lat,lon\na,Кенгир,47.8,67.6\n".encode("cp1251"))
        refused(add_dry(root, cp, "--encoding", encoding))


# --- 7. add never makes the atlas unloadable --------------------------------------------------


@pytest.mark.parametrize("title", ["", "   "])
def test_an_empty_title_is_refused_before_anything_is_written(tmp_path, root, title):
    path = write_geojson(collection(feature("a")), tmp_path / "a.geojson")
    before = snapshot(root)
    result = cli("add", path, "--id", "a", "--title", title, "--geodata", root)
    assert result.returncode == 1 and ":title:" in result.stdout
    assert snapshot(root) == before


# --- 8. modes and links -----------------------------------------------------------------------


def test_add_keeps_modes_and_follows_a_linked_manifest(tmp_path, root):
    real = tmp_path / "elsewhere.toml"
    real.write_text((root / "layers.toml").read_text())
    (root / "layers.toml").unlink()
    (root / "layers.toml").symlink_to(real)
    real.chmod(0o644)
    path = write_geojson(collection(feature("a")), tmp_path / "a.geojson")
    old_umask = os.umask(0o022)
    try:
        result = cli("add", path, "--id", "mine", "--title", "Mine", "--geodata", root)
    finally:
        os.umask(old_umask)
    assert result.returncode == 0, result.stderr
    assert (root / "layers.toml").is_symlink()
    assert 'id = "mine"' in real.read_text()
    assert stat.S_IMODE(real.stat().st_mode) == 0o644
    assert stat.S_IMODE((root / "layers" / "mine.geojson").stat().st_mode) == 0o644


# --- 9. small gaps ----------------------------------------------------------------------------


def test_an_id_with_a_trailing_newline_is_refused(tmp_path, root):
    path = write_geojson(collection(feature("a")), tmp_path / "a.geojson")
    result = cli("add", path, "--id", "abc\n", "--title", "A", "--geodata", root)
    assert result.returncode == 2


def test_geometry_collection_members_are_range_checked():
    members = [
        {"type": "Point", "coordinates": [67.6, 47.8]},
        {"type": "Point", "coordinates": [670.6, 47.8]},
    ]
    problems = check_geometry({"type": "GeometryCollection", "geometries": members}, "f", "a")
    assert problems and "out of range" in problems[0].message


def test_string_coordinates_are_an_error_and_never_written(tmp_path):
    doc = collection(feature("a", geometry={"type": "Point", "coordinates": ["67.6", "47.8"]}))
    result = ingest_file(write_geojson(doc, tmp_path / "s.geojson"), "s", "S")
    assert not result.ok
    assert any(p.field == "geometry" and p.is_error for p in result.problems)


def test_an_antimeridian_polygon_is_refused_not_drawn_round_the_world(tmp_path):
    ring = [[179.5, 60], [-179.5, 60], [-179.5, 61], [179.5, 61], [179.5, 60]]
    doc = collection(feature("a", geometry={"type": "Polygon", "coordinates": [ring]}))
    result = ingest_file(write_geojson(doc, tmp_path / "m.geojson"), "m", "M")
    assert not result.ok
    assert any("antimeridian" in p.message for p in result.problems)


def test_leftovers_of_a_killed_save_are_cleaned_on_the_next_add(tmp_path, root):
    from kengir_geo.ingest.write import PENDING

    (root / ".layers.toml.abcd1234.tmp").write_text("half")
    (root / "layers" / ".mine.geojson.abcd1234.tmp").write_text("half")
    (root / "layers" / "orphan.geojson").write_text("{}")
    (root / PENDING).write_text("layers/orphan.geojson")
    keep = root / "layers" / ".notes.tmp"  # not ours: left alone
    keep.write_text("mine")
    path = write_geojson(collection(feature("a")), tmp_path / "a.geojson")
    assert cli("add", path, "--id", "new", "--title", "New", "--geodata", root).returncode == 0
    left = {p.name for p in root.rglob("*")}
    assert not left & {".layers.toml.abcd1234.tmp", ".mine.geojson.abcd1234.tmp"}
    assert "orphan.geojson" not in left and PENDING not in left
    assert keep.exists()


# --- 10. every GeoJSON text RFC 7946 allows ---------------------------------------------------


@pytest.mark.parametrize(
    "doc",
    [
        {"type": "Point", "coordinates": [67.6, 47.8]},
        {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Point", "coordinates": [67.6, 47.8]},
                {"type": "LineString", "coordinates": [[67.6, 47.8], [67.7, 47.9]]},
            ],
        },
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [67.6, 47.8]}},
    ],
    ids=["bare-point", "geometry-collection", "feature"],
)
def test_a_feature_or_a_bare_geometry_is_wrapped(tmp_path, root, doc):
    path = tmp_path / "one.geojson"
    path.write_text(json.dumps(doc))
    result = add_dry(root, path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "read as" in result.stdout
    checked = cli("validate", path)
    assert checked.returncode == 0 and "read as" in checked.stdout


# --- 11. unsourced layers and --cite ----------------------------------------------------------


def test_an_unsourced_layer_is_added_with_a_new_bibliography_entry(tmp_path, root):
    memorials = collection(
        feature("m1", name="Memorial stone", sources=[]),
        feature("m2", name="Museum", sources=["not-in-the-list"]),
    )
    path = write_geojson(memorials, tmp_path / "memorials.geojson")
    cite = "Smith, Memorials of Kazakhstan, 2019, https://example.org/memorials"
    result = cli(
        "add", path, "--id", "memorials", "--title", "Memorials", "--geodata", root, "--cite", cite
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "not in the bibliography" in result.stdout
    sources = (root / "sources.toml").read_text()
    assert 'title = "Memorials of Kazakhstan"' in sources and 'author = "Smith"' in sources
    layer = json.loads((root / "layers" / "memorials.geojson").read_text())
    first, second = (f["properties"]["sources"] for f in layer["features"])
    assert first == ["user-smith-2019"] and second == ["not-in-the-list"]
    assert cli("validate", root).returncode == 0


# --- 12. encodings ----------------------------------------------------------------------------


def test_russian_cp1251_is_proposed_as_cp1251(tmp_path):
    doc = collection(feature("k", name="Кенгирское восстание заключённых", note="Лагерь"))
    raw = json.dumps(doc, ensure_ascii=False).encode("cp1251")
    assert guess_encoding(raw) == "cp1251"
    path = tmp_path / "ru.geojson"
    path.write_bytes(raw)
    result = ingest_file(path, "ru", "Ru")
    assert result.encoding_guess == "cp1251"
    assert "--encoding cp1251" in result.problems[0].message
    assert ingest_file(path, "ru", "Ru", encoding="cp1251").ok
