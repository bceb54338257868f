"""Streamlit entry point: page setup and navigation, nothing else."""

from pathlib import Path

import streamlit as st

from kengir_geo.ui.common import prepare_static_assets
from kengir_geo.ui.nav import all_pages

st.set_page_config(page_title="Kengir 1954", page_icon="🗺️", layout="wide")
prepare_static_assets(Path(__file__).resolve().parent)
st.navigation(all_pages()).run()
