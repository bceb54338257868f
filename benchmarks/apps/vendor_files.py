"""Leaflet and its plugins for the benchmarks' streamlit-folium pages, written once per process
from the installed folium-offline to ./static/vendor (served with
--server.enableStaticServing=true), so no page waits on a CDN. The app itself needs none of
it: its map component serves its own files."""

from pathlib import Path

import streamlit as st

from kengir_geo.map.assets import write_static_assets

HERE = Path(__file__).resolve().parent


@st.cache_resource(show_spinner=False)
def write_vendor_files() -> Path:
    folder = HERE / "static" / "vendor"
    write_static_assets(folder)
    return folder
