"""Walking the coordinates of a GeoJSON geometry dict, whatever its shape or its faults.

The validator reads every position and the ingest pipeline rewrites them (reprojection,
dropping heights); both go through here. The walks are iterative, so a hostile file nested
thousands of levels deep is reported, not a RecursionError.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

Position = list[Any]


def _is_position(value: Any) -> bool:
    """An array of scalars: a position, well-formed or not (["67.6", "47.8"] is one too, so
    the validator sees it and reports it instead of finding no coordinates at all)."""
    return (
        isinstance(value, list | tuple) and bool(value) and not isinstance(value[0], list | tuple)
    )


def _coordinate_roots(geometry: Any) -> Iterator[Any]:
    """The `coordinates` of a geometry and of every member of a GeometryCollection."""
    stack = [geometry]
    while stack:
        node = stack.pop()
        if not isinstance(node, dict):
            continue
        if node.get("type") == "GeometryCollection" and isinstance(node.get("geometries"), list):
            stack.extend(reversed(node["geometries"]))
        elif "coordinates" in node:
            yield node["coordinates"]


def walk_positions(geometry: Any) -> Iterator[Position]:
    """Every position ([lon, lat, …], possibly malformed) of a geometry, in order."""
    for root in _coordinate_roots(geometry):
        stack = [root]
        while stack:
            node = stack.pop()
            if _is_position(node):
                yield node  # type: ignore[misc]
            elif isinstance(node, list | tuple):
                stack.extend(reversed(node))


def map_positions(coords: Any, func: Callable[[Position], Position]) -> Any:
    """The same nesting as `coords` with every position replaced by func(position)."""
    if _is_position(coords):
        return func(list(coords))
    if not isinstance(coords, list | tuple):
        return coords
    out: list[Any] = []
    stack: list[tuple[Any, list[Any]]] = [(coords, out)]
    while stack:
        source, target = stack.pop()
        for item in source:
            if _is_position(item):
                target.append(func(list(item)))
            elif isinstance(item, list | tuple):
                child: list[Any] = []
                target.append(child)
                stack.append((item, child))
            else:
                target.append(item)
    return out


def map_geometry(geometry: Any, func: Callable[[Position], Position]) -> Any:
    """A copy of a GeoJSON geometry dict with func applied to every position."""
    if not isinstance(geometry, dict):
        return geometry
    out = dict(geometry)
    if geometry.get("type") == "GeometryCollection" and isinstance(
        geometry.get("geometries"), list
    ):
        out["geometries"] = [map_geometry(g, func) for g in geometry["geometries"]]
    elif "coordinates" in geometry:
        out["coordinates"] = map_positions(geometry["coordinates"], func)
    return out


def paths(geometry: Any, rings_only: bool = False) -> Iterator[list[Any]]:
    """The position arrays of every line and ring (also inside a GeometryCollection); with
    `rings_only`, the rings of polygons alone."""
    stack = [geometry]
    while stack:
        node = stack.pop()
        if not isinstance(node, dict):
            continue
        kind, coords = node.get("type"), node.get("coordinates")
        if not isinstance(coords, list):
            coords = []
        if kind == "GeometryCollection" and isinstance(node.get("geometries"), list):
            stack.extend(node["geometries"])
        elif kind == "LineString" and not rings_only:
            yield coords
        elif kind == "Polygon" or (kind == "MultiLineString" and not rings_only):
            yield from (c for c in coords if isinstance(c, list))
        elif kind == "MultiPolygon":
            for polygon in coords:
                if isinstance(polygon, list):
                    yield from (c for c in polygon if isinstance(c, list))


def polygon_rings(geometry: Any) -> Iterator[list[Any]]:
    """The rings of a Polygon or MultiPolygon (also inside a GeometryCollection)."""
    return paths(geometry, rings_only=True)
