"""What an RFC 7946 GeoJSON text may be, and how a layer is made of any of them.

A GeoJSON text is a FeatureCollection, a single Feature or a bare geometry (RFC 7946 §2);
a layer is always a FeatureCollection, so the other two are wrapped and the author told.
"""

from __future__ import annotations

from typing import Any

GEOMETRY_TYPES = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
)


def as_feature_collection(doc: Any) -> tuple[Any, str | None]:
    """`doc` as a FeatureCollection when it is a Feature or a geometry, with a sentence saying
    so; anything else unchanged (the validator says what is wrong with it) and None."""
    if not isinstance(doc, dict):
        return doc, None
    kind = doc.get("type")
    if kind == "Feature":
        feature, note = doc, "the file holds one Feature: read as a layer of that one feature"
    elif kind in GEOMETRY_TYPES:
        feature = {"type": "Feature", "geometry": doc, "properties": {}}
        note = f"the file holds a bare {kind}: read as one feature without properties"
    else:
        return doc, None
    wrapped: dict[str, Any] = {"type": "FeatureCollection", "features": [feature]}
    if "crs" in doc:
        wrapped["crs"] = doc["crs"]
    return wrapped, note
