"""Turning a file's features into features of our data contract.

Coordinates go to WGS84 longitude/latitude (pyproj), heights are dropped, polygon rings are
turned counter-clockwise (RFC 7946), common property names are mapped onto ours and missing
defaults are filled. Everything changed that the author should know about is reported.
"""

from __future__ import annotations

import copy
import json
import math
import re
from collections.abc import Iterator
from typing import Any

import antimeridian
import shapely
from pyproj import CRS, Geod, Transformer
from shapely.geometry import mapping, shape

from kengir_geo.data.geometry import map_geometry, paths, polygon_rings, walk_positions
from kengir_geo.data.schema import (
    INVALID_GEOMETRY,
    LIST_PROPERTIES,
    MULTILINE_KEYS,
    NAME_KEYS,
    Problem,
    as_list,
    control_characters,
    without_controls,
)
from kengir_geo.data.validate import check_geometry, feature_label
from kengir_geo.ingest.bounded import doing

WGS84 = CRS.from_epsg(4326)
_GEOD = Geod(ellps="WGS84")
# what a feature without a certainty is given: the author is asked to check each one
DEFAULT_CERTAINTY = "approximate"

# Other names for our properties, compared after lower-casing and turning spaces and
# hyphens into underscores. The first existing name wins; our own name always wins.
ALIASES = {
    "id": ("fid", "identifier", "ident", "feature_id", "uid", "objectid"),
    "name": ("title", "label", "nom", "название", "name_en"),
    "names": ("other_names", "alt_names", "alternative_names", "aliases", "alias"),
    "description": ("desc", "descr", "descript", "text", "comment", "comments", "описание"),
    "start": (
        "date",
        "year",
        "start_date",
        "startdate",
        "begin",
        "begin_date",
        "date_start",
        "when",
        "timestamp",
        "дата",
        "год",
        "opened",
        "opening",
        "opening_year",
        "founded",
    ),
    "end": (
        "end_date",
        "enddate",
        "until",
        "date_end",
        "finish",
        "closed",
        "closing",
        "closing_year",
    ),
    "certainty": ("confidence", "reliability", "accuracy"),
    "sources": ("source", "src", "ref", "refs", "reference", "references", "citation"),
    "uncertainty_m": ("uncertainty", "error_m", "radius_m", "precision_m"),
    "category": ("cat",),
    "note": ("notes", "remark", "remarks"),
}

_DAY_WITH_MIDNIGHT = re.compile(r"^(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?)?$")
_DOTTED_DAY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")  # 16.05.1954: day first
_DAY_WITH_TIME = re.compile(r"^(\d{4})[-/](\d{2})[-/](\d{2})[T ](\d{2}:\d{2})(?::00)?$")


def _key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def positions(geometry: Any) -> list[list[Any]]:
    """The well-formed positions of a geometry (two finite numbers at least)."""
    return [
        position
        for position in walk_positions(geometry)
        if len(position) >= 2
        and all(isinstance(v, int | float) and math.isfinite(v) for v in position[:2])
    ]


def is_wgs84(crs: CRS | None) -> bool:
    return crs is None or crs.equals(WGS84, ignore_axis_order=True) or crs.to_epsg() == 4326


def looks_projected(features: list[Any]) -> bool:
    """Most located features have coordinates no longitude/latitude could have: metres or feet
    of a projected CRS. (One stray point is that feature's problem, reported by the validator.)"""
    located = outside = 0
    for feature in features:
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        found = positions(geometry)
        located += bool(found)
        outside += any(abs(x) > 180 or abs(y) > 90 for x, y, *_ in found)
    return located > 0 and outside * 2 > located


def to_wgs84(features: list[Any], crs: CRS) -> None:
    """Reproject every feature in place; heights are dropped by the caller."""
    transformer = Transformer.from_crs(crs, WGS84, always_xy=True)

    def project(position: list[Any]) -> list[Any]:
        if len(position) < 2 or not all(isinstance(v, int | float) for v in position[:2]):
            return position  # the validator reports it
        x, y = transformer.transform(position[0], position[1])
        return [x, y, *position[2:]]

    for feature in features:
        if isinstance(feature, dict) and isinstance(feature.get("geometry"), dict):
            feature["geometry"] = map_geometry(feature["geometry"], project)


def drop_z_and_round(features: list[Any], digits: int = 7) -> int:
    """Keep longitude and latitude only (7 decimals is about 1 cm). Returns how many features
    had a real height: a Z of 0 everywhere (Google My Maps writes one) carries nothing."""
    with_z = 0
    for feature in features:
        if not isinstance(feature, dict) or not isinstance(feature.get("geometry"), dict):
            continue
        had_z = False

        def flatten(position: list[Any]) -> list[Any]:
            nonlocal had_z
            had_z = had_z or (
                len(position) > 2 and isinstance(position[2], int | float) and position[2] != 0
            )
            return [
                round(v, digits) if isinstance(v, float) and math.isfinite(v) else v
                for v in position[:2]
            ]

        feature["geometry"] = map_geometry(feature["geometry"], flatten)
        with_z += had_z
    return with_z


def _close_rings(geometry: dict[str, Any]) -> bool:
    """Close open polygon rings in place; True when one was open."""
    closed = False
    polygons = (
        [geometry.get("coordinates")]
        if geometry.get("type") == "Polygon"
        else geometry.get("coordinates")
        if geometry.get("type") == "MultiPolygon"
        else []
    )
    for polygon in polygons or []:
        for ring in polygon if isinstance(polygon, list) else []:
            if isinstance(ring, list) and len(ring) >= 3 and ring[0] != ring[-1]:
                ring.append(list(ring[0]))
                closed = True
    return closed


def _as_lists(geometry: Any) -> Any:
    """shapely's mapping() gives tuples; our files hold JSON arrays."""
    if isinstance(geometry, dict):
        return {k: _as_lists(v) for k, v in geometry.items()}
    if isinstance(geometry, list | tuple):
        return [_as_lists(v) for v in geometry]
    return geometry


_POLYGONAL = ("Polygon", "MultiPolygon", "GeometryCollection")
REPAIR_HINT = (
    "simplify the shape first (QGIS: Vector, "
    "Geometry Tools, Simplify; or ogr2ogr -simplify 0.0001) or repair it there (Fix "
    "Geometries), then add the file again"
)


def crosses_antimeridian(geometry: dict[str, Any]) -> bool:
    """A line or ring that jumps more than 180° of longitude between two positions: it means
    to cross longitude 180, but would be drawn the long way round the world."""
    return any(
        abs(a[0] - b[0]) > 180
        for line in paths(geometry)
        for a, b in zip(line, line[1:], strict=False)
        if len(a) >= 2 and len(b) >= 2 and all(isinstance(v, int | float) for v in (a[0], b[0]))
    )


def cut_at_antimeridian(geometry: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """The geometry cut at longitude 180 (the antimeridian package, RFC 7946 §3.1.9), and the
    number of parts it has now."""
    cut = _as_lists(
        antimeridian.fix_geojson(
            copy.deepcopy(geometry),
            fix_winding=True,
            great_circle=False,  # as a flat map draws it
        )
    )
    parts = len(cut["coordinates"]) if cut["type"].startswith("Multi") else 1
    return cut, parts


def repair_and_orient(features: list[Any], file: str, fix: bool) -> list[Problem]:
    """Counter-clockwise outer rings for valid polygons; with `fix`, close rings and make_valid."""
    problems: list[Problem] = []
    for index, feature in enumerate(features):
        if not isinstance(feature, dict) or not isinstance(feature.get("geometry"), dict):
            continue
        geometry = feature["geometry"]
        if not fix and geometry.get("type") not in _POLYGONAL:
            continue  # nothing to orient; the validator checks it
        label = feature_label(feature, index)
        if fix and _close_rings(geometry):
            problems.append(
                Problem(file, label, "geometry", "closed an open polygon ring (--fix)", "warning")
            )
        if fix and crosses_antimeridian(geometry):
            geometry, parts = cut_at_antimeridian(geometry)
            problems.append(
                Problem(
                    file,
                    label,
                    "geometry",
                    f"cut at the antimeridian (longitude 180) into {parts} parts, as RFC 7946 "
                    "§3.1.9 asks, so that it is not drawn the long way round the world (--fix)",
                    "warning",
                )
            )
        if not fix:
            feature["geometry"] = _oriented(geometry)
            continue
        errors = [p for p in check_geometry(geometry, file, label) if p.is_error]
        if errors and errors[0].code == INVALID_GEOMETRY:
            reason = shapely.is_valid_reason(shape(geometry))
            doing(
                f"repairing the geometry of feature {label} "
                f"({sum(1 for _ in walk_positions(geometry)):,} positions) with --fix",
                feature=label,
                hint=REPAIR_HINT,
            )
            repaired = shapely.make_valid(shape(geometry))
            geometry = _as_lists(mapping(repaired))
            problems.append(
                Problem(
                    file,
                    label,
                    "geometry",
                    f"repaired an invalid geometry ({reason}); now a {repaired.geom_type} (--fix)",
                    "warning",
                )
            )
            errors = []
        feature["geometry"] = _oriented(geometry) if not errors else geometry
    return problems


def _oriented(geometry: dict[str, Any]) -> dict[str, Any]:
    """A valid polygon with counter-clockwise outer rings (RFC 7946); anything else as it
    is, for the validator to judge (it checks every geometry once, later)."""
    if geometry.get("type") not in _POLYGONAL or crosses_antimeridian(geometry):
        return geometry
    if any(not isinstance(r, list) or len(r) < 4 or r[0] != r[-1] for r in polygon_rings(geometry)):
        return geometry  # shapely would close an open ring without a word
    try:
        shaped = shape(geometry)
    except Exception:  # malformed: shapely raises many types; the validator says how
        return geometry
    if shaped.is_empty or not shaped.is_valid:
        return geometry
    return _as_lists(mapping(shapely.orient_polygons(shaped)))


# --- properties ----------------------------------------------------------------------------


def plain_date(value: Any) -> Any:
    """A date as our contract writes it: 1954 -> "1954", "1954/05/16 00:00:00" -> "1954-05-16"."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return str(int(value))
    if isinstance(value, str):
        text = value.strip()
        if match := _DAY_WITH_MIDNIGHT.match(text):
            return "-".join(match.groups())
        if match := _DOTTED_DAY.match(text):
            day, month, year = match.groups()
            return f"{year}-{int(month):02d}-{int(day):02d}"
        if match := _DAY_WITH_TIME.match(text):
            return f"{match.group(1)}-{match.group(2)}-{match.group(3)}T{match.group(4)}"
        return text
    return value


def _plain_id(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value.strip() if isinstance(value, str) else value


def _number(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return float(value.strip().replace(",", "."))
        except ValueError:
            return value
    return value


def _flat_items(key: str, value: Any) -> Iterator[tuple[str, Any]]:
    """(dotted key, value) pairs of a nested object; a list holding objects or lists stays
    whole, as JSON text (a list of plain values is a property of ours already)."""
    if isinstance(value, dict) and value:
        for inner, item in value.items():
            yield from _flat_items(f"{key}.{inner}", item)
    elif isinstance(value, dict) or (
        isinstance(value, list) and any(isinstance(v, dict | list) for v in value)
    ):
        yield key, json.dumps(value, ensure_ascii=False)
    else:
        yield key, value


MAX_DEPTH = 20  # levels of nesting a property may have: deeper is no record, but an attack


def _depth(value: Any, limit: int = MAX_DEPTH + 1) -> int:
    """How deeply `value` nests, counted no further than `limit`."""
    if limit <= 0 or not isinstance(value, dict | list):
        return 0
    inner = value.values() if isinstance(value, dict) else value
    return 1 + max((_depth(v, limit - 1) for v in inner), default=0)


def flatten_nested(features: list[Any], file: str) -> list[Problem]:
    """Nested property values (RFC 7946 allows any JSON) as flat ones that every format can
    carry: {"place": {"city": "X"}} becomes "place.city" = "X"; one warning names the keys."""
    nested: dict[str, int] = {}
    problems: list[Problem] = []
    for index, feature in enumerate(features):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            continue
        deep = [
            k
            for k, v in props.items()
            if isinstance(v, dict)
            or (isinstance(v, list) and any(isinstance(i, dict | list) for i in v))
        ]
        if not deep:
            continue
        too_deep = [k for k in deep if _depth(props[k]) > MAX_DEPTH]
        if too_deep:
            problems.append(
                Problem(
                    file,
                    feature_label(feature, index),
                    str(too_deep[0]),
                    f"the property {too_deep[0]!r} is nested more than {MAX_DEPTH} levels deep",
                )
            )
            continue
        flat: dict[str, Any] = {}
        for key, value in props.items():
            for flat_key, flat_value in _flat_items(str(key), value):
                flat.setdefault(flat_key, flat_value)  # a key written both ways: the first wins
        feature["properties"] = flat
        for key in deep:
            nested[key] = nested.get(key, 0) + 1
    if not nested:
        return problems
    return problems + [
        Problem(
            file,
            "",
            ", ".join(list(nested)[:10]),
            f"flattened the nested properties {', '.join(list(nested)[:10])} of "
            f"{max(nested.values())} feature(s): an object to dotted keys (place.city), "
            "a list of objects to JSON text",
            "warning",
        )
    ]


def _cleaned(value: Any, key: str, found: set[str]) -> Any:
    """`value` without control characters; what was removed is added to `found`."""
    if isinstance(value, list):
        return [_cleaned(v, key, found) for v in value]
    if not isinstance(value, str):
        return value
    multiline = key in MULTILINE_KEYS or key not in NAME_KEYS
    seen = control_characters(value, multiline)
    if not seen:
        return value
    found.update(seen)
    return without_controls(value, multiline)


def strip_controls(features: list[Any], file: str) -> list[Problem]:
    """Remove control characters from every property name and text, with one warning that
    says which characters, in which fields, of how many features."""
    found: set[str] = set()
    fields: set[str] = set()
    touched = 0
    for feature in features:
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            continue
        clean = {}
        for key, value in props.items():
            new_key = _cleaned(key, "field name", found) if isinstance(key, str) else key
            new_value = _cleaned(value, str(new_key), found)
            if new_key != key or new_value != value:
                fields.add(str(new_key))
            clean[new_key] = new_value
        if clean != props:
            touched += 1
            feature["properties"] = clean
    if not touched:
        return []
    return [
        Problem(
            file,
            "",
            ", ".join(sorted(fields)[:8]),
            f"removed control characters ({', '.join(sorted(found)[:6])}) from {touched} "
            "feature(s): no reader can see them and some terminals obey them",
            "warning",
        )
    ]


def map_properties(props: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]], bool]:
    """Our property names for the file's: the new properties, the (old, new) renames, and
    whether a day.month.year date was rewritten."""
    out = {
        k: v
        for k, v in props.items()
        if v is not None and v != "" and not (isinstance(v, float) and not math.isfinite(v))
    }
    renamed = []
    by_key = {_key(k): k for k in out}
    for ours, others in ALIASES.items():
        if ours in out:
            continue
        if ours in by_key:  # "Name", "ID", "Start Date"…: our name in other clothes
            original = by_key[ours]
        else:
            original = next((by_key[o] for o in others if o in by_key), None)
        if original is None or original in ALIASES:
            continue
        out[ours] = out.pop(original)
        if _key(original) != ours:  # "Name" read as "name" needs no word
            renamed.append((original, ours))
    dotted = False
    for key in ("start", "end"):
        if key in out:
            dotted = dotted or bool(_DOTTED_DAY.match(str(out[key]).strip()))
            out[key] = plain_date(out[key])
    for key in LIST_PROPERTIES:
        if isinstance(out.get(key), str):
            out[key] = as_list(out[key])
    if "id" in out:
        out["id"] = _plain_id(out["id"])
    if "uncertainty_m" in out:
        out["uncertainty_m"] = _number(out["uncertainty_m"])
    return out, renamed, dotted


def normalize_properties(
    features: list[Any],
    file: str,
    layer_id: str,
    default_sources: list[str],
) -> list[Problem]:
    """Map names, make ids and fill defaults in place; one summary warning per kind of change."""
    renames: dict[tuple[str, str], int] = {}
    filled = {"id": 0, "name": 0, "certainty": 0, "sources": 0, "dotted": 0}
    for index, feature in enumerate(features):
        if not isinstance(feature, dict):
            continue
        props = feature.get("properties")
        if props is None:
            props = {}
        if not isinstance(props, dict):
            continue  # the validator reports it
        if "id" not in props and isinstance(feature.get("id"), str | int):
            props = {"id": feature["id"], **props}  # GeoJSON's own feature id
        props, renamed, dotted = map_properties(props)
        filled["dotted"] += dotted
        for pair in renamed:
            renames[pair] = renames.get(pair, 0) + 1
        if "id" not in props:
            props["id"] = f"{layer_id}-{index + 1}"
            filled["id"] += 1
        if "name" not in props and "id" in props:
            props["name"] = str(props["id"])
            filled["name"] += 1
        if "certainty" not in props:
            props["certainty"] = DEFAULT_CERTAINTY
            filled["certainty"] += 1
        if not props.get("sources") and default_sources:
            props["sources"] = list(default_sources)
            filled["sources"] += 1
        order = [k for k in ALIASES if k in props] + [k for k in props if k not in ALIASES]
        feature["properties"] = {k: props[k] for k in order}
        feature.pop("id", None)  # the id lives in properties, like every other field
    problems = [
        Problem(file, "", new, f"read column {old!r} as {new!r} ({count} features)", "warning")
        for (old, new), count in renames.items()
    ]
    messages = {
        "id": f"gave features without an id the ids {layer_id}-N (N = position in the file)",
        "name": "used the id as the name of features without a name",
        "certainty": f"set certainty = {DEFAULT_CERTAINTY!r} where it was missing: "
        "check how sure each location is",
        "sources": f"cited {', '.join(default_sources)} where no source was given",
        "dotted": "read dates like 16.05.1954 as day.month.year (1954-05-16)",
    }
    for key, count in filled.items():
        if count:
            field = "start" if key == "dotted" else key
            problems.append(
                Problem(file, "", field, f"{messages[key]} ({count} features)", "warning")
            )
    return problems


# --- where the layer lies --------------------------------------------------------------------


def bbox_center(features: list[Any]) -> tuple[float, float] | None:
    points = [p for f in features if isinstance(f, dict) for p in positions(f.get("geometry"))]
    if not points:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    _, _, metres = _GEOD.inv(a[0], a[1], b[0], b[1])
    return metres / 1000


def check_region(
    features: list[Any], file: str, region: list[tuple[float, float]], max_km: float
) -> list[Problem]:
    """Warn when a layer lies far from the story's places (swapped axes or a wrong CRS?)."""
    center = bbox_center(features)
    if center is None or not region or abs(center[0]) > 180 or abs(center[1]) > 90:
        return []  # no located feature, or out of range (the validator says so)
    nearest = min(distance_km(center, r) for r in region)
    if nearest <= max_km:
        return []
    swapped = (center[1], center[0])
    hint = "wrong CRS, or a mistake in the coordinates?"
    if abs(swapped[1]) <= 90 and min(distance_km(swapped, r) for r in region) <= max_km:
        hint = "latitude and longitude look swapped"
    return [
        Problem(
            file,
            "",
            "geometry",
            f"the layer lies about {nearest:,.0f} km from the story's places "
            f"(centre at longitude {center[0]:.3f}, latitude {center[1]:.3f}): {hint}",
            "warning",
        )
    ]
