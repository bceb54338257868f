"""The app: page setup, the reader's language and navigation, nothing else.

Two doors lead here: `kengir-geo serve` runs this file with `streamlit run`, and the checkout's
top-level `streamlit_app.py` (what `streamlit run streamlit_app.py` and Streamlit Community Cloud
expect) calls `run()` with its own folder, where Streamlit serves that script's `static/`.
"""

from pathlib import Path

import streamlit as st

from kengir_geo.app.common import (
    atlas_title,
    prepare_static_assets,
    show_translation_notice,
    style_for_everyone,
)
from kengir_geo.app.language import choose_language
from kengir_geo.app.nav import all_pages

APP_DIR = Path(__file__).resolve().parent


def run(script_dir: Path = APP_DIR) -> None:
    """Set up the page, settle the reader's language and run the page the visitor asked for.

    `script_dir` is the folder of the script `streamlit run` was given: Streamlit serves its
    `static/` folder, where Leaflet and its plugins are written for offline use.
    """
    st.set_page_config(page_title=atlas_title(), page_icon="🗺️", layout="wide")
    prepare_static_assets(script_dir)
    choose_language()
    show_translation_notice()
    style_for_everyone()
    st.navigation(all_pages()).run()


if __name__ == "__main__":  # `streamlit run` runs its script as __main__
    run()
