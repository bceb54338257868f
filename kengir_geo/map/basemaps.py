"""The basemaps a reader can choose: the bundled country outlines (offline) or map tiles.

Tiles need the internet; the outlines come with the atlas (its layer of group "basemap").
"""

from __future__ import annotations

from typing import Any

import xyzservices

from kengir_geo.i18n import N_

# Display name (English; pages show it through gettext) -> key: "offline" draws the bundled
# outlines, the others are xyzservices names.
BASEMAPS = {
    N_("Country outlines (offline)"): "offline",
    "OpenStreetMap": "OpenStreetMap.Mapnik",
    N_("Esri light grey"): "Esri.WorldGrayCanvas",
    "Esri World Imagery": "Esri.WorldImagery",
}
OFFLINE = "offline"


def basemap_spec(key: str) -> dict[str, Any]:
    """What the browser needs to draw a basemap: the outlines, or a tile URL and credit."""
    if key == OFFLINE:
        return {"kind": "offline"}
    if key not in BASEMAPS.values():
        raise ValueError(f"unknown basemap {key!r}; choose one of {', '.join(BASEMAPS.values())}")
    provider = xyzservices.providers.query_name(key)
    return {
        "kind": "tiles",
        "url": provider.build_url(),
        "attribution": provider.html_attribution,
        "maxZoom": provider.get("max_zoom", 19),
    }
