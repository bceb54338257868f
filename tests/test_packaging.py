"""The built wheel carries the story data, and an installed (non-editable) copy finds it."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from harness.chromium import TIMEMAP_IFRAME
from harness.server import free_port

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory) -> Path:
    """The wheel built from this checkout, unpacked as an installed package would be."""
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(folder),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    wheel = next(folder.glob("kengir_geo-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "kengir_geo/geodata/layers.toml" in names
    assert "kengir_geo/app/main.py" in names and "kengir_geo/app/config.toml" in names
    assert any(n.startswith("kengir_geo/geodata/layers/") for n in names)
    assert "kengir_geo/i18n/locales/uk/LC_MESSAGES/messages.po" in names  # read at load time
    site = folder / "site"
    zipfile.ZipFile(wheel).extractall(site)
    return site


def test_wheel_bundles_geodata_and_finds_it(installed_wheel, tmp_path):
    site = installed_wheel
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


@pytest.mark.browser
def test_the_installed_wheel_serves_the_app(installed_wheel, tmp_path, page):
    """`kengir-geo serve` from the installed package alone: no checkout, no streamlit_app.py."""
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "kengir_geo.cli", "serve", f"--port={port}"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(installed_wheel), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        page.goto(f"http://127.0.0.1:{port}/story")
        page.locator(".st-key-story_next button:visible").first.wait_for(timeout=60_000)
        page.frame_locator(TIMEMAP_IFRAME).locator("body[data-ready='1']").wait_for(
            state="attached", timeout=60_000
        )
        assert page.title() == "Kengir 1954"
        # the data it serves is the copy inside the installed package
        assert f"serving {installed_wheel}" in (tmp_path / "serve.log").read_text()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def _declared_distributions() -> set[str]:
    import tomllib

    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        wanted += extra
    return {Requirement(line).name.lower().replace("_", "-") for line in wanted}


def _imported_top_modules(folder: Path) -> set[str]:
    import ast

    names = set()
    for source in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(), filename=str(source))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def test_every_third_party_import_is_a_declared_dependency():
    """A module the code imports must come from pyproject.toml, not from a venv that happened to
    have it (CI once failed on a fresh machine over an undeclared `anyascii`)."""
    from importlib.metadata import packages_distributions

    provided_by = packages_distributions()
    declared = _declared_distributions()
    undeclared = []
    for module in sorted(_imported_top_modules(ROOT / "kengir_geo")):
        if module in sys.stdlib_module_names or module in {"kengir_geo", "__future__"}:
            continue
        dists = {d.lower().replace("_", "-") for d in provided_by.get(module, [])}
        if not dists:
            undeclared.append(f"{module} (not installed)")
        elif not dists & declared:
            undeclared.append(f"{module} (from {', '.join(sorted(dists))})")
    assert not undeclared, f"imported but not declared in pyproject.toml: {undeclared}"
