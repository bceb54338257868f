"""Reference for the slider: a fixed base map; only the day's features go to the browser
(feature_group_to_add with a fixed key), the technique design.md recommends."""

import streamlit as st
from story_map import FIRST_DAY, LAST_DAY, base_map, groups_at
from streamlit_folium import st_folium

st.set_page_config(page_title="incremental reference", layout="wide")
day = st.slider("Date", min_value=FIRST_DAY, max_value=LAST_DAY, value=FIRST_DAY)
st_folium(
    base_map(),
    height=600,
    width=None,
    key="map",
    returned_objects=[],
    feature_group_to_add=groups_at(day),
)
