"""Streamlit entry point: page setup, the language and navigation, nothing else.
`kengir-geo serve` runs it."""

from pathlib import Path

import streamlit as st

from kengir_geo.app.common import atlas_title, prepare_static_assets, show_translation_notice
from kengir_geo.app.language import choose_language
from kengir_geo.app.nav import all_pages

st.set_page_config(page_title=atlas_title(), page_icon="🗺️", layout="wide")
prepare_static_assets(Path(__file__).resolve().parent)
choose_language()
show_translation_notice()
st.navigation(all_pages()).run()
