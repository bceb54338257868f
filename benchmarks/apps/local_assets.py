"""The baselines' maps load Leaflet and the full-screen plugin from the app's static folder, as
the app does, so neither side waits on a CDN.

folium's elements declare their files in the public class lists `default_js` / `default_css`
(how folium's own plugins name theirs). A baseline app is a process of its own whose every map
should load locally, so each list is replaced on the class, never edited in place.
"""

from __future__ import annotations

import folium
import folium.plugins

from kengir_geo.map.assets import local_name, offline_files
from kengir_geo.map.render import LeafletMap

# what the baselines' maps are made of (render.base_map draws a LeafletMap with Fullscreen)
CLASSES = (folium.Map, LeafletMap, folium.plugins.Fullscreen)


def serve_locally(base_url: str = "/app/static/vendor") -> None:
    """Point the files of those classes that the app's static folder holds
    (vendor_files.write_vendor_files writes them) at that folder; other files keep their URL."""
    base = base_url.rstrip("/")
    served = {name for name, _ in offline_files()}
    for cls in CLASSES:
        for attribute in ("default_js", "default_css"):
            pairs = getattr(cls, attribute)
            local = [
                (name, f"{base}/{local_name(name, url)}" if name in served else url)
                for name, url in pairs
            ]
            setattr(cls, attribute, local)
