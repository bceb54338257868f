"""Saving layers: layers.toml edited in place, nothing lost, even when killed midway."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from factories import collection, feature, write_geodata
from ingest_files import CAMPS, camps_frame, write_geojson, zip_shapefile
from kengir_geo.data.validate import validate_geodata
from kengir_geo.ingest import LayerExists, SaveError, save_layer
from kengir_geo.ingest.write import PENDING, manifest_with

CLI = [str(Path(sys.executable).parent / "kengir-geo")]
PAUSED = "layer file written, pausing"
# Fault injection: `kengir-geo` whose save pauses once the layer file is written, so that a
# test can kill it there (production code has no hook for this).
PAUSING_CLI = [
    sys.executable,
    "-c",
    f"""
import sys, time
from pathlib import Path
import kengir_geo.ingest.write as write
real = write.atomic_write
def pausing(path, text, **options):
    real(path, text, **options)
    if Path(path).parent.name == "layers":
        print("{PAUSED}", file=sys.stderr, flush=True)
        time.sleep(60)
write.atomic_write = pausing
from kengir_geo.cli.main import cli
sys.argv[0] = "kengir-geo"
cli()
""",
]


def run(*args, env=None):
    return subprocess.run(
        CLI + [str(a) for a in args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def root(tmp_path):
    return write_geodata(tmp_path / "geodata")


def test_manifest_edit_keeps_comments_and_order():
    text = '# our layers\n\n[[layer]]\nid = "a"  # first\ntitle = "A"\n\n# b is next\n[[layer]]\nid = "b"\ntitle = "B"\n'
    replaced = manifest_with(text, {"id": "a", "title": 'New "A"', "file": "layers/a.geojson"})
    assert replaced.startswith("# our layers\n")
    assert "# b is next\n[[layer]]" in replaced
    assert [t["title"] for t in tomllib.loads(replaced)["layer"]] == ['New "A"', "B"]
    appended = manifest_with(text, {"id": "c", "title": "C ☭", "visible": True})
    assert appended.startswith(text.rstrip("\n"))
    assert tomllib.loads(appended)["layer"][-1] == {"id": "c", "title": "C ☭", "visible": True}


def test_manifest_edit_with_windows_line_endings():
    text = '[[layer]]\r\nid = "a"\r\ntitle = "A"\r\n\r\n[[layer]]\r\nid = "b"\r\ntitle = "B"\r\n'
    replaced = manifest_with(text, {"id": "a", "title": "A2"})
    assert [t["title"] for t in tomllib.loads(replaced)["layer"]] == ["A2", "B"]


def test_save_adds_then_refuses_then_replaces(root, tmp_path):
    before = (root / "layers.toml").read_text()
    doc = collection(feature("a"), feature("b"))
    path = save_layer(root, doc, {"id": "mine", "title": "Mine", "group": "user"})
    assert path == root / "layers" / "mine.geojson"
    assert json.loads(path.read_text()) == doc
    assert (root / "layers.toml").read_text().startswith(before.rstrip("\n"))
    assert validate_geodata(root) == []
    with pytest.raises(LayerExists, match="--replace"):
        save_layer(root, collection(feature("c")), {"id": "mine", "title": "Mine"})
    assert json.loads(path.read_text()) == doc
    newer = save_layer(root, collection(feature("c")), {"id": "mine", "title": "Mine 2"}, True)
    assert newer != path and not path.exists()  # a fresh name, then the old file removed
    manifest = tomllib.loads((root / "layers.toml").read_text())["layer"]
    assert [e["id"] for e in manifest] == ["places", "events", "mine"]
    assert manifest[-1]["file"] == str(newer.relative_to(root))
    assert validate_geodata(root) == []
    assert not list(root.rglob("*.tmp"))


def test_save_never_overwrites_a_file_it_does_not_own(root):
    stray = root / "layers" / "mine.geojson"
    stray.write_text("someone's work in progress")
    path = save_layer(root, collection(feature("a")), {"id": "mine", "title": "Mine"})
    assert stray.read_text() == "someone's work in progress"
    assert path.name.startswith("mine-") and path.exists()


def test_save_into_an_unwritable_place_says_why(root):
    (root / "layers").rename(root / "layers-aside")
    (root / "layers").write_text("a file where the layers folder should be")
    before = snapshot(root)
    with pytest.raises(SaveError, match="cannot make the folder"):
        save_layer(root, collection(feature("a")), {"id": "mine", "title": "Mine"})
    assert snapshot(root) == before


def test_save_refuses_bad_ids_and_broken_manifests(root):
    with pytest.raises(SaveError, match="lower-case"):
        save_layer(root, collection(feature("a")), {"id": "../evil", "title": "x"})
    (root / "layers.toml").write_text("[[layer]\nbroken")
    before = snapshot(root)
    with pytest.raises(SaveError, match="cannot read layers.toml"):
        save_layer(root, collection(feature("a")), {"id": "mine", "title": "x"})
    assert snapshot(root) == before


# --- the command line ----------------------------------------------------------------------


def test_add_a_students_utm_shapefile(root, tmp_path):
    archive = zip_shapefile(camps_frame(), tmp_path, epsg=32642)
    result = run(
        "add", archive, "--id", "camps", "--title", "Camps near Zhezkazgan", "--geodata", root
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "reprojected from WGS 84 / UTM zone 42N" in result.stderr
    assert run("validate", root).returncode == 0
    written = json.loads((root / "layers" / "camps.geojson").read_text())
    for item in written["features"]:
        lon, lat = CAMPS[item["properties"]["id"]]
        assert item["geometry"]["coordinates"] == pytest.approx([lon, lat], abs=1e-6)
    entry = tomllib.loads((root / "layers.toml").read_text())["layer"][-1]
    assert entry == {
        "id": "camps",
        "title": "Camps near Zhezkazgan",
        "file": "layers/camps.geojson",
        "group": "user",
        "type": "features",
    }


def test_add_refuses_existing_ids_without_replace(root, tmp_path):
    path = write_geojson(collection(feature("x")), tmp_path / "x.geojson")
    before = snapshot(root)
    result = run("add", path, "--id", "places", "--title", "P", "--geodata", root)
    assert result.returncode == 2 and "--replace" in result.stderr
    assert snapshot(root) == before
    replaced = run("add", path, "--id", "places", "--title", "P", "--replace", "--geodata", root)
    assert replaced.returncode == 0, replaced.stderr
    assert validate_geodata(root) == []


def test_add_dry_run_and_broken_files_write_nothing(root, tmp_path):
    good = write_geojson(collection(feature("x")), tmp_path / "x.geojson")
    bad = write_geojson(collection(feature("x", certainty="sure")), tmp_path / "bad.geojson")
    before = snapshot(root)
    dry = run("add", good, "--id", "new", "--title", "N", "--dry-run", "--geodata", root)
    assert dry.returncode == 0 and "dry run" in dry.stderr
    broken = run("add", bad, "--id", "new", "--title", "N", "--geodata", root)
    assert broken.returncode == 1
    assert f"{bad}:x:certainty: error: unknown certainty 'sure'" in broken.stdout
    assert "nothing was written" in broken.stderr
    big = run("add", good, "--id", "new", "--title", "N", "--max-mb", "0.0001", "--geodata", root)
    assert big.returncode == 1 and "limit of 0.0001 MB" in big.stdout
    for result in (dry, broken, big):
        assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(root) == before


def test_add_usage_errors_exit_2(root, tmp_path):
    good = write_geojson(collection(feature("x")), tmp_path / "x.geojson")
    assert (
        run("add", tmp_path / "nope.zip", "--id", "n", "--title", "N", "--geodata", root).returncode
        == 2
    )
    assert run("add", good, "--id", "Not OK", "--title", "N", "--geodata", root).returncode == 2
    assert run("add", good, "--id", "n", "--title", "N", "--geodata", tmp_path).returncode == 2
    assert run("add", good, "--title", "N", "--geodata", root).returncode == 2


def test_validate_cli_checks_a_zip_through_the_reader(tmp_path):
    archive = zip_shapefile(camps_frame(), tmp_path, parts=("shp", "shx", "dbf"))
    result = run("validate", archive)
    assert result.returncode == 1
    assert "does not say which system" in result.stdout


# --- killed midway -------------------------------------------------------------------------


@pytest.mark.parametrize("replace", [False, True])
def test_killed_between_the_writes_keeps_the_old_state(root, tmp_path, replace):
    """SIGKILL after the layer file is written but before the manifest: the old state holds."""
    path = write_geojson(collection(feature("x"), feature("y")), tmp_path / "x.geojson")
    before = snapshot(root)
    args = ["add", path, "--id", "places" if replace else "mine", "--title", "T", "--geodata", root]
    process = subprocess.Popen(
        PAUSING_CLI + [str(a) for a in args] + (["--replace"] if replace else []),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for line in process.stderr:
            if PAUSED in line:
                break
        else:
            pytest.fail(f"add ended without reaching the pause: {process.wait()}")
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
        process.stdout.close()
        process.stderr.close()
    after = snapshot(root)
    new_files = set(after) - set(before)
    # the unreferenced layer file, and the note that names it for the next save to clean up
    (layer_file,) = new_files - {PENDING}
    assert layer_file.startswith("layers/") and after[PENDING].decode() == layer_file
    assert {k: v for k, v in after.items() if k in before} == before
    [left] = validate_geodata(root)  # validate names the orphan; it is only a warning
    assert (left.file, left.level) == (layer_file, "warning")
    assert "interrupted" in left.message and "next `kengir-geo add` removes it" in left.message
    assert run("validate", root).returncode == 0
    other = write_geojson(collection(feature("z")), tmp_path / "z.geojson")
    assert run("add", other, "--id", "next", "--title", "N", "--geodata", root).returncode == 0
    assert not (root / layer_file).exists() and not (root / PENDING).exists()
    assert validate_geodata(root) == []


def test_validate_names_a_layer_file_nobody_lists_and_add_leaves_it(root, tmp_path):
    stray = root / "layers" / "draft.geojson"
    stray.write_text(json.dumps(collection(feature("d"))))
    [problem] = validate_geodata(root)
    assert (problem.file, problem.level) == ("layers/draft.geojson", "warning")
    assert "list it there, or delete it" in problem.message
    path = write_geojson(collection(feature("a")), tmp_path / "a.geojson")
    assert run("add", path, "--id", "mine", "--title", "Mine", "--geodata", root).returncode == 0
    assert stray.exists()  # not ours to remove
