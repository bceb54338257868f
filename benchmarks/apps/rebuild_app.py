"""Baseline for the slider: the whole folium map rebuilt in Python and handed to st_folium on
every step (a Streamlit slider, a rerun per day), so its HTML changes and st_folium reloads the
iframe: what the app did before the day moved to the browser, at its most direct."""

import streamlit as st
from folium_day import day_groups
from local_assets import serve_locally
from story_map import FIRST_DAY, LAST_DAY, atlas, visible_layers
from streamlit_folium import st_folium

from kengir_geo.map.render import base_map

st.set_page_config(page_title="rebuild baseline", layout="wide")
serve_locally()
data = atlas()
day = st.slider("Date", min_value=FIRST_DAY, max_value=LAST_DAY, value=FIRST_DAY)
fmap = base_map(data, center=(47.84, 67.615), zoom=12)
for group in day_groups(data, day, visible_layers(data)):
    group.add_to(fmap)
st_folium(fmap, height=600, use_container_width=True, returned_objects=[])
