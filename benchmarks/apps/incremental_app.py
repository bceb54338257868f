"""Reference for the slider: the app's own map widget (fixed base map, the day's layers
through feature_group_to_add) with a bare slider and nothing else on the page. The gap
between this and the Explore page is what the rest of that page costs per step."""

import streamlit as st
from story_map import FIRST_DAY, LAST_DAY, atlas, visible_layers

from kengir_geo.app.mapview import Camera, show_map
from kengir_geo.map.render import BASEMAPS

st.set_page_config(page_title="incremental reference", layout="wide")
data = atlas()
day = st.slider("Date", min_value=FIRST_DAY, max_value=LAST_DAY, value=FIRST_DAY)
show_map(
    data,
    key="map",
    day=day,
    layers=visible_layers(data),
    basemap=next(iter(BASEMAPS.values())),
    camera=Camera((47.84, 67.615), 12),
    height=600,
)
