"""kengir-geo: the Kengir uprising as sourced, dated map data.

The core (this package, minus `app/`) never imports Streamlit. `load_atlas` is imported when
first used, so `kengir-geo serve` starts the app without loading geopandas twice.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Atlas", "AtlasError", "load_atlas"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from kengir_geo.data import atlas

        return getattr(atlas, name)
    raise AttributeError(f"module 'kengir_geo' has no attribute {name!r}")
