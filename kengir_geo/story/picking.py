"""From a click on the map (a latitude and longitude) back to the feature that was clicked.

The map widget reports only where the user clicked; this finds the drawn feature under or
nearest that point. A feature whose area contains the point wins over one merely near it, and
of several containing areas the smallest (a building inside a zone) is the one meant.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
from pyproj import CRS

# How close (in screen pixels) a click must be to a point or line to select it.
CLICK_TOLERANCE_PX = 14


@dataclass(frozen=True)
class Picked:
    layer_id: str
    feature_id: str
    distance_m: float


def metres_per_pixel(lat: float, zoom: float) -> float:
    """The ground size of one screen pixel in Web Mercator at `lat` and `zoom`."""
    return 156543.03392 * math.cos(math.radians(lat)) / (2**zoom)


def pick_feature(
    frames: Mapping[str, gpd.GeoDataFrame], lat: float, lon: float, zoom: float
) -> Picked | None:
    """The feature of `frames` (layer id -> drawn features) under or nearest the click.

    Distances are measured in metres in a projection centred on the click, so they are true
    near the click at any latitude. Returns None when nothing drawn is within reach.
    """
    parts = [
        frame.assign(_layer=layer_id)[["_layer", "id", "geometry", "uncertainty_m"]]
        for layer_id, frame in frames.items()
        if not frame.empty
    ]
    if not parts:
        return None
    drawn = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs="EPSG:4326")
    drawn = drawn[drawn.geometry.notna() & ~drawn.geometry.is_empty]
    if drawn.empty:
        return None
    local = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")
    shapes = drawn.to_crs(local).geometry
    # a point with a radius of doubt is drawn as that circle, so it is clickable as one
    radius = pd.to_numeric(drawn["uncertainty_m"], errors="coerce").fillna(0)
    doubtful = (shapes.geom_type == "Point") & (radius > 0)
    shapes = shapes.where(~doubtful, shapes.buffer(radius.where(doubtful, 0)))
    click = gpd.points_from_xy([0.0], [0.0])[0]
    distance = shapes.distance(click)
    area = shapes.area
    reach = CLICK_TOLERANCE_PX * metres_per_pixel(lat, zoom)
    within = distance <= reach
    if not within.any():
        return None
    thin = within & (area <= 0)  # points and lines are drawn on top of areas
    if thin.any():
        best = distance[thin].idxmin()
    else:
        inside = within & (distance <= 0)
        best = area[inside].idxmin() if inside.any() else distance[within].idxmin()
    return Picked(str(drawn.at[best, "_layer"]), str(drawn.at[best, "id"]), float(distance[best]))
