"""Baseline for cold start: the least a streamlit-folium page can be, one marker on a map.

Leaflet comes from the same local static files as the app's, so neither waits on a CDN.
"""

import folium
from local_assets import serve_locally
from streamlit_folium import st_folium
from vendor_files import write_vendor_files

write_vendor_files()
serve_locally()
fmap = folium.Map(location=[47.84, 67.615], zoom_start=12, tiles=None)
folium.Marker([47.84, 67.615], tooltip="Kengir").add_to(fmap)
st_folium(fmap, height=600, use_container_width=True, returned_objects=[])
