"""The package follows the flow: geodata files → atlas → state at a day → map → page or HTML.

Lower folders never import higher ones, and nothing below app/ imports Streamlit, so every
step can be called from a test or the command line.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "kengir_geo"

# folder -> the folders of ours it may import (itself included)
ALLOWED = {
    "i18n": {"i18n"},  # languages: the words of every other folder, so below all of them
    "data": {"i18n", "data"},
    "story": {"i18n", "data", "story"},
    "map": {"i18n", "data", "story", "map"},
    "export": {"i18n", "data", "story", "map", "export"},
    "ingest": {"i18n", "data", "map", "ingest"},
    "app": {"i18n", "data", "story", "map", "export", "ingest", "app"},
    "cli": {"i18n", "data", "story", "map", "export", "ingest", "app", "cli"},
}
STREAMLIT = ("streamlit", "streamlit_folium")


def imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def modules() -> list[tuple[str, Path]]:
    return [
        (path.relative_to(PACKAGE).parts[0], path)
        for path in sorted(PACKAGE.rglob("*.py"))
        if len(path.relative_to(PACKAGE).parts) > 1
    ]


def test_every_module_lives_in_a_known_folder():
    assert {folder for folder, _ in modules()} == set(ALLOWED)
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert loose == [], "modules belong in one of the folders"


def test_lower_folders_never_import_higher_ones():
    wrong = []
    for folder, path in modules():
        for name in imports(path):
            parts = name.split(".")
            if parts[0] == "kengir_geo" and len(parts) > 1 and parts[1] not in ALLOWED[folder]:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert wrong == []


def test_only_the_app_imports_streamlit():
    wrong = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for folder, path in modules()
        for name in imports(path)
        if folder != "app" and name.split(".")[0] in STREAMLIT
    ]
    # the serve command starts Streamlit as a program, it does not import it
    assert wrong == []
    top = imports(PACKAGE / "__init__.py")
    assert not any(name.split(".")[0] in STREAMLIT for name in top)
