"""`streamlit run streamlit_app.py`: the packaged app, the same one `kengir-geo serve` starts.

Settings come from .streamlit/config.toml, a link to kengir_geo/app/config.toml (one copy).
"""

from kengir_geo.app.main import run

run()
