"""Text that cannot be shown honestly: control characters (NUL, BEL, ESC sequences, DEL,
U+2028) and names megabytes long, at every way in (the command line, the upload pipeline, a
layer file, a geodata folder), and the TOML writer that must store any title it is given."""

from __future__ import annotations

import json
import tomllib

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import collection, feature, write_geodata
from ingest_files import write_geojson
from kengir_geo.cli.main import cli
from kengir_geo.data.schema import MAX_NAME_CHARS
from kengir_geo.data.validate import validate_geodata
from kengir_geo.ingest import ingest_bounded, ingest_file, save_layer
from kengir_geo.ingest.write import manifest_with, sources_with

CONTROLS = {
    "DEL": "a\x7fb",
    "SOH": "a\x01b",
    "ESC-sequence": "red \x1b[31mtext\x1b[0m",
    "NUL": "a\x00b",
    "BEL": "ring\x07",
    "line-separator": "one\u2028two",
}


def snapshot(root):
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("title", list(CONTROLS.values()), ids=list(CONTROLS))
def test_a_title_with_control_characters_is_refused_with_and_without_dry_run(tmp_path, title):
    root = write_geodata(tmp_path / "geodata")
    path = write_geojson(collection(feature("a")), tmp_path / "a.geojson")
    before = snapshot(root)
    for extra in ([], ["--dry-run"]):
        args = ["add", str(path), "--id", "mine", "--title", title, "--geodata", str(root)]
        result = CliRunner().invoke(cli, [*args, *extra])
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.exit_code == 1, result.stdout
        assert ":title: error: the title holds control characters (U+" in result.stdout
    assert snapshot(root) == before


def test_the_upload_pipeline_refuses_the_same_title(tmp_path):
    path = write_geojson(collection(feature("a")), tmp_path / "a.geojson")
    result = ingest_bounded(path, "mine", "a\x7fb", label="upload.geojson")
    assert not result.ok
    assert any(p.field == "title" and "U+007F" in p.message for p in result.problems)


@pytest.mark.parametrize("text", ["a\x7fb", 'quote " and \\ backslash', "tab\there", "Кенгир ☭"])
def test_the_toml_writer_stores_any_string_it_is_given(text):
    manifest = '# our layers\n[[layer]]\nid = "a"\ntitle = "A"\n'
    entry = {"id": "b", "title": text, "file": "layers/b.geojson"}
    assert tomllib.loads(manifest_with(manifest, entry))["layer"][-1] == entry
    source = {"id": "s", "title": text}
    assert tomllib.loads(sources_with("", source))["source"] == [source]


def test_a_title_with_a_quote_and_a_backslash_is_saved_and_read_back(tmp_path):
    root = write_geodata(tmp_path / "geodata")
    title = 'The "zone" \\ Кенгир'
    save_layer(root, collection(feature("a")), {"id": "mine", "title": title, "group": "user"})
    listed = tomllib.loads((root / "layers.toml").read_text())["layer"]
    assert listed[-1]["title"] == title
    assert not [p for p in validate_geodata(root) if p.is_error]


def test_control_characters_in_feature_names_are_removed_with_a_warning(tmp_path):
    names = list(CONTROLS.values())
    features = [feature(f"f{n}", name=name) for n, name in enumerate(names)]
    features[0]["properties"]["description"] = "line one\nline two\x07"
    path = write_geojson(collection(*features), tmp_path / "names.geojson")
    result = ingest_file(path, "names", "Names")
    assert result.ok, [str(p) for p in result.problems if p.is_error]
    saved = [f["properties"] for f in result.layer()["features"]]
    assert [p["name"] for p in saved] == ["ab", "ab", "red [31mtext[0m", "ab", "ring", "one two"]
    assert saved[0]["description"] == "line one\nline two"  # a line break is text
    warning = next(p for p in result.problems if "control characters" in p.message)
    assert warning.level == "warning" and "name" in warning.field
    assert "U+0000" in warning.message and "U+2028" in warning.message


def test_a_name_megabytes_long_is_refused_naming_its_length(tmp_path):
    long_name = "x" * 2_000_000
    path = write_geojson(collection(feature("a", name=long_name)), tmp_path / "long.geojson")
    result = ingest_bounded(path, "long", "Long")
    error = next(p for p in result.problems if p.is_error)
    assert (error.feature, error.field) == ("a", "name")
    assert "2,000,000 characters" in error.message and str(MAX_NAME_CHARS) in error.message


def test_validate_finds_control_characters_in_a_geodata_folder(tmp_path):
    root = write_geodata(tmp_path / "geodata")
    story = (root / "story.toml").read_text()
    (root / "story.toml").write_text(story.replace('"The raid"', '"The \\u001b[2Jraid"'))
    places = root / "layers" / "places.geojson"
    doc = json.loads(places.read_text())
    doc["features"][0]["properties"]["name"] = "Kengir\u0007"
    places.write_text(json.dumps(doc))
    found = {(p.file, p.field) for p in validate_geodata(root) if "control characters" in p.message}
    assert ("story.toml", "title") in found
    assert any(file.endswith("places.geojson") and field == "name" for file, field in found)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_text_is_read_not_taken_for_cp1251(tmp_path, encoding):
    doc = collection(feature("kengir", name="Кенгир"))
    path = tmp_path / "unicode.geojson"
    path.write_bytes(json.dumps(doc, ensure_ascii=False).encode(encoding))
    result = ingest_file(path, "u", "U")
    assert result.ok, [str(p) for p in result.problems]
    assert result.layer()["features"][0]["properties"]["name"] == "Кенгир"
    assert result.encoding_guess is None


@settings(derandomize=True, database=None, max_examples=200)
@given(title=st.text(min_size=1, max_size=40), key=st.text(min_size=1, max_size=10))
def test_any_text_survives_the_toml_writer(title, key):
    """Whatever a title or a key holds (DEL, NUL, quotes, surrogate-free Unicode), tomlkit
    writes TOML that reads back as the same value."""
    entry = {"id": "b", "title": title, key if key not in ("id", "title") else "k": "v"}
    written = manifest_with('[[layer]]\nid = "a"\ntitle = "A"\n', entry)
    assert tomllib.loads(written)["layer"][-1] == entry
