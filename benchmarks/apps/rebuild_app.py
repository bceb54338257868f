"""Baseline for the slider: the whole map rebuilt and handed to st_folium on every step, so
its HTML changes and st_folium reloads the iframe (the trap design.md warns about)."""

import streamlit as st
from story_map import FIRST_DAY, LAST_DAY, atlas, visible_layers
from streamlit_folium import st_folium

from kengir_geo.map.assets import localize_links
from kengir_geo.map.render import base_map, feature_groups
from kengir_geo.story.timeline import state_at

st.set_page_config(page_title="rebuild baseline", layout="wide")
data = atlas()
day = st.slider("Date", min_value=FIRST_DAY, max_value=LAST_DAY, value=FIRST_DAY)
fmap = base_map(data, zoom=12)
for group in feature_groups(data, state_at(data, day, visible_layers(data))):
    group.add_to(fmap)
localize_links(fmap, base_url="/app/static/vendor")
st_folium(fmap, height=600, use_container_width=True, returned_objects=[])
