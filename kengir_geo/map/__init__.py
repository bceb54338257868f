"""Maps: the payload, styles, popups, and the time map (`TimeMap`, a folium plugin)."""

from __future__ import annotations

from typing import Any

__all__ = ["TimeMap"]


def __getattr__(name: str) -> Any:
    # imported on first use: folium and geopandas are heavy, and most of the package never
    # needs the plugin
    if name == "TimeMap":
        from kengir_geo.map.timemap import TimeMap

        return TimeMap
    raise AttributeError(name)
