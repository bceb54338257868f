"""The built wheel carries the story data, and an installed (non-editable) copy finds it."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_bundles_geodata_and_finds_it(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("kengir_geo-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "kengir_geo/geodata/layers.toml" in names
    assert any(n.startswith("kengir_geo/geodata/layers/") for n in names)
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import kengir_geo, sys; a = kengir_geo.load_atlas(); "
        "print(kengir_geo.__file__); print(a.root); print(len(a.layers))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    module_file, data_root, layer_count = out.stdout.split()
    assert module_file.startswith(str(site))
    assert data_root == str(site / "kengir_geo" / "geodata")
    assert int(layer_count) >= 1
