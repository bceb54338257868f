"""Only the upload page, served with the app's offline assets: for the upload browser tests.

Run by hand: streamlit run tests/apps/upload_app.py --server.address 127.0.0.1
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # the checkout's kengir_geo, wherever this runs

import streamlit as st  # noqa: E402

from kengir_geo.assets import write_static_assets  # noqa: E402
from kengir_geo.ui import add_layer  # noqa: E402

st.set_page_config(page_title="Add a layer", layout="wide")
write_static_assets(HERE / "static" / "vendor")  # idempotent; Leaflet without the network
add_layer.page()
