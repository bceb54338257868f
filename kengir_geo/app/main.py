"""The app: page setup, the reader's language and navigation, nothing else.

Two doors lead here: `kengir-geo serve` runs this file with `streamlit run`, and the checkout's
top-level `streamlit_app.py` (what `streamlit run streamlit_app.py` and Streamlit Community Cloud
expect) calls `run()`.
"""

import streamlit as st

from kengir_geo.app.common import atlas_title, show_translation_notice, style_for_everyone
from kengir_geo.app.language import choose_language
from kengir_geo.app.nav import all_pages


def run() -> None:
    """Set up the page, settle the reader's language and run the page the visitor asked for.
    (The map's files are served by its component, app/timemap.py.)"""
    st.set_page_config(page_title=atlas_title(), page_icon="🗺️", layout="wide")
    choose_language()
    show_translation_notice()
    style_for_everyone()
    st.navigation(all_pages()).run()


if __name__ == "__main__":  # `streamlit run` runs its script as __main__
    run()
