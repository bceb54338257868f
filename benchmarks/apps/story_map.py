"""What the slider pages share: the atlas, the uprising's days, and static Leaflet files.

The rebuild baseline draws with the engine's own functions (state_at, styles, base_map)
through folium_day.py, so it differs from the app only in how the map reaches the browser.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from vendor_files import write_vendor_files

from kengir_geo import load_atlas
from kengir_geo.app.common import atlas_or_stop

_FOCUS = load_atlas().settings.focus  # the bundled atlas's uprising
FIRST_DAY: date = _FOCUS.first
LAST_DAY: date = _FOCUS.last
HERE = Path(__file__).resolve().parent


def atlas():
    """The atlas (KENGIR_GEODATA or the bundled one), after writing ./static/vendor so the map
    needs no network (the server runs with --server.enableStaticServing=true)."""
    write_vendor_files()
    return atlas_or_stop()


def visible_layers(atlas) -> list[str]:
    return [lid for lid, layer in atlas.layers.items() if layer.visible]
