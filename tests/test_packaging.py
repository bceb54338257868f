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
    # what the declared packages bring along and we use directly on purpose
    via_declared = {"branca", "pandas", "numpy", "altair", "jinja2", "packaging", "offline"}
    undeclared = []
    for module in sorted(_imported_top_modules(ROOT / "kengir_geo")):
        if module in sys.stdlib_module_names or module in {"kengir_geo", "__future__"}:
            continue
        dists = {d.lower().replace("_", "-") for d in provided_by.get(module, [])}
        if not dists:
            undeclared.append(f"{module} (not installed)")
        elif not dists & declared and module not in via_declared:
            undeclared.append(f"{module} (from {', '.join(sorted(dists))})")
    assert not undeclared, f"imported but not declared in pyproject.toml: {undeclared}"
