"""GeoJSON features built in code, for the tests' small atlases and the benchmarks' large ones.

Valid under the data contract by default (an id, a reader's name, a certainty, a source), so a
test breaks exactly one thing and a benchmark measures valid data.
"""

from __future__ import annotations

import copy
from typing import Any

KENGIR = [67.615, 47.84]


# Test names must not show the test ids (the validator rejects ids in reader text).
_DIGITS_AS_LETTERS = str.maketrans("0123456789-_", "ABCDEFGHIJ  ")


def feature_name(fid: str) -> str:
    """'e-raid' -> 'Feature e raid', 'e12' -> 'Feature eBC'."""
    return "Feature " + fid.translate(_DIGITS_AS_LETTERS)


def feature(fid: str = "f1", geometry: Any = None, **props: Any) -> dict[str, Any]:
    properties = {
        "id": fid,
        "name": feature_name(fid),
        "certainty": "documented",
        "sources": ["w-en"],
    }
    properties.update(props)
    return {
        "type": "Feature",
        "geometry": copy.deepcopy(geometry)
        if geometry is not None
        else {"type": "Point", "coordinates": list(KENGIR)},
        "properties": properties,
    }


def event(fid: str = "e1", start: str = "1954-05-16", **props: Any) -> dict[str, Any]:
    props.setdefault("category", "violence")
    return feature(fid, start=start, **props)


def collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}
