"""GeoJSON: parsed here, so that a syntax error is located by line and column."""

from __future__ import annotations

from typing import Any

from pyproj import CRS
from pyproj.exceptions import CRSError

from kengir_geo.data.folder import NOT_JSON, parse_json
from kengir_geo.data.geojson import as_feature_collection
from kengir_geo.data.schema import Problem
from kengir_geo.ingest.formats.base import (
    RawLayer,
    ReadError,
    Refused,
    Request,
    read_text,
)


def crs_from_member(member: Any) -> CRS | None:
    name = member.get("properties", {}).get("name") if isinstance(member, dict) else None
    if not isinstance(name, str):
        return None
    try:
        return CRS.from_user_input(name)
    except CRSError:
        return None


def read_geojson(request: Request) -> RawLayer:
    text = read_text(request)
    if not text.strip():
        raise Refused("the file is empty")
    doc = parse_json(text, request.label, request.problems)
    del text  # the parsed document is what counts now; keep the peak low
    if doc is NOT_JSON:
        raise ReadError
    doc, wrapped = as_feature_collection(doc)
    if wrapped:
        request.problems.append(Problem(request.label, "", "type", wrapped, "warning"))
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        found = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        raise Refused(f"expected a GeoJSON FeatureCollection, found {found!r}", "type")
    features = doc.get("features")
    if not isinstance(features, list):
        raise Refused("features must be a list", "features")
    crs = None
    if "crs" in doc:
        crs = crs_from_member(doc["crs"])
        if crs is None:
            raise Refused(f"cannot understand the crs member {doc['crs']!r}", "crs")
    return RawLayer(features, crs, "GeoJSON", crs_member="crs" in doc)
