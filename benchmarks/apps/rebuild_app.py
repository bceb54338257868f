"""Baseline for the slider: the same map, rebuilt whole and handed to st_folium on every step."""

import streamlit as st
from story_map import FIRST_DAY, LAST_DAY, base_map, groups_at
from streamlit_folium import st_folium

st.set_page_config(page_title="rebuild baseline", layout="wide")
day = st.slider("Date", min_value=FIRST_DAY, max_value=LAST_DAY, value=FIRST_DAY)
m = base_map()
for group in groups_at(day):
    group.add_to(m)
st_folium(m, height=600, width=None, returned_objects=[])
