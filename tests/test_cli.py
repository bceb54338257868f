"""The command line: every command in-process (click's CliRunner), and the installed console
script once, to show that it is there and is the same program."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from command_line import run
from factories import collection, feature, write_geodata


@pytest.mark.slow  # starts a Python
def test_the_console_script_is_installed_and_runs_the_same_cli(tmp_path):
    script = Path(sys.executable).parent / "kengir-geo"
    result = subprocess.run(
        [str(script), "validate", str(write_geodata(tmp_path))],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid (0 errors" in result.stderr


def test_validate_a_good_folder_exits_0(tmp_path):
    result = run("validate", write_geodata(tmp_path))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "valid (0 errors" in result.stderr


def test_validate_a_broken_file_names_file_feature_field(tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps(collection(feature("gate", certainty="sure"))))
    result = run("validate", bad)
    assert result.exit_code == 1
    assert f"{bad}:gate:certainty: error: unknown certainty 'sure'" in result.stdout


def test_validate_garbage_is_refused_in_words(tmp_path):
    garbage = tmp_path / "garbage.geojson"
    garbage.write_bytes(b"\x00\xff\xfe not json")
    result = run("validate", garbage)  # run() fails the test on any exception
    assert result.exit_code == 1
    assert f"{garbage}::: error:" in result.stdout


def test_usage_errors_exit_2(tmp_path):
    assert run("validate", tmp_path / "nope.geojson").exit_code == 2
    assert run("validate", tmp_path).exit_code == 2  # a folder without layers.toml
    assert run("frobnicate").exit_code == 2


def test_every_command_takes_the_geodata_folder_from_the_option_or_the_environment(tmp_path):
    root = write_geodata(tmp_path / "mine")
    (root / "layers" / "events.geojson").write_text("{")  # so its errors show whose folder it is
    for args in (["validate"], ["export-data", "--out", tmp_path / "out"]):
        by_option = run(*args, "--geodata", root)
        by_env = run(*args, env={"KENGIR_GEODATA": str(root)})
        assert by_option.exit_code == by_env.exit_code == 1, args
        assert "layers/events.geojson" in by_option.stdout + by_option.stderr
        assert by_option.stdout + by_option.stderr == by_env.stdout + by_env.stderr


def test_a_folder_without_a_manifest_is_refused_the_same_way_by_every_command(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    reason = f"{empty}: not a geodata folder (no layers.toml)"
    layer = tmp_path / "x.geojson"
    layer.write_text(json.dumps(collection(feature("x"))))
    for args in (
        ["validate"],
        ["export", "--out", tmp_path / "map.html"],
        ["export-data", "--out", tmp_path / "data"],
        ["add", layer, "--id", "x", "--title", "X"],
        ["serve"],
    ):
        result = run(*args, "--geodata", empty)
        assert result.exit_code == 2, args
        assert reason in " ".join(result.stderr.split()), (args, result.stderr)
    result = run("validate", empty)
    assert result.exit_code == 2 and reason in result.stderr
