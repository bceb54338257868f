"""The real console script, run as a user would."""

import json
import subprocess
import sys
from pathlib import Path

from factories import collection, feature, write_geodata

CLI = [str(Path(sys.executable).parent / "kengir-geo")]


def run(*args, cwd=None):
    return subprocess.run(
        CLI + [str(a) for a in args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_validate_a_good_folder_exits_0(tmp_path):
    result = run("validate", write_geodata(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid (0 errors" in result.stderr


def test_validate_a_broken_file_names_file_feature_field(tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps(collection(feature("gate", certainty="sure"))))
    result = run("validate", bad)
    assert result.returncode == 1
    assert f"{bad}:gate:certainty: error: unknown certainty 'sure'" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_garbage_never_prints_a_traceback(tmp_path):
    garbage = tmp_path / "garbage.geojson"
    garbage.write_bytes(b"\x00\xff\xfe not json")
    result = run("validate", garbage)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr


def test_usage_errors_exit_2(tmp_path):
    assert run("validate", tmp_path / "nope.geojson").returncode == 2
    assert run("validate", tmp_path).returncode == 2  # a folder without layers.toml
    assert run("frobnicate").returncode == 2
