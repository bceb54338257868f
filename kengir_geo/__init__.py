"""kengir-geo: the Kengir uprising as sourced, dated map data.

The core (this package, minus `ui/`) never imports Streamlit.
"""

from kengir_geo.data.atlas import Atlas, AtlasError, load_atlas

__all__ = ["Atlas", "AtlasError", "load_atlas"]
