"""Where the bundled story data lives, in a source checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_geodata() -> Path:
    """The geodata folder: inside the package when installed from a wheel, else the repo's."""
    for candidate in (_PACKAGE / "geodata", _PACKAGE.parent / "geodata"):
        if (candidate / "layers.toml").is_file():
            return candidate
    raise FileNotFoundError(
        "no geodata/ folder with layers.toml found next to the kengir_geo package"
    )
