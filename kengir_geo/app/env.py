"""What whoever started the app decided (`kengir-geo serve` sets these; no Streamlit here).

The geodata folder to show, and whether the upload page may save into it: saving is an
explicit choice of the person who starts the server, never a guess from the network.
"""

from __future__ import annotations

import os
from pathlib import Path

from kengir_geo.data.folder import GEODATA_ENV, bundled_geodata

__all__ = ["ALLOW_SAVE_ENV", "GEODATA_ENV", "geodata_root", "saving_allowed"]

ALLOW_SAVE_ENV = "KENGIR_ALLOW_SAVE"


def geodata_root() -> Path:
    custom = os.environ.get(GEODATA_ENV, "").strip()
    return Path(custom).resolve() if custom else bundled_geodata()


def saving_allowed() -> bool:
    return os.environ.get(ALLOW_SAVE_ENV, "").strip() == "1"
