"""Build the offline basemap layer geodata/layers/countries.geojson.

The outlines are Natural Earth's 1:110m admin-0 countries as shipped with the installed pyogrio
package (its test fixture "naturalearth_lowres"), so the basemap needs no download. We keep the
countries that touch the former Soviet space and its neighbours (lon 15-110, lat 30-78), clip
them to that box, simplify lightly, orient rings as RFC 7946 asks (exterior counter-clockwise),
round coordinates to 4 decimals and write a plain FeatureCollection with no `crs` member.

Run from the repository root:

    python scripts/make_basemap.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import pyogrio
import shapely
from shapely.geometry import MultiPolygon, Polygon, box, mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

BBOX = (15.0, 30.0, 110.0, 78.0)  # min lon, min lat, max lon, max lat
SIMPLIFY_DEGREES = 0.02  # about 1-2 km: invisible at the scale this layer is drawn
GRID = 1e-4  # 4 decimal places, about 10 m
OUTPUT = Path(__file__).resolve().parent.parent / "geodata" / "layers" / "countries.geojson"
DESCRIPTION = (
    "Present-day border of this state, drawn only to help find places on the map. "
    "It is not the map of 1954, when Kazakhstan, Russia, Ukraine and the other Soviet "
    "republics were one country."
)


def natural_earth_path() -> Path:
    """The Natural Earth 1:110m countries shapefile inside the installed pyogrio package."""
    path = (
        Path(pyogrio.__file__).parent
        / "tests"
        / "fixtures"
        / "naturalearth_lowres"
        / "naturalearth_lowres.shp"
    )
    if not path.is_file():
        raise SystemExit(f"Natural Earth fixture not found in the pyogrio package: {path}")
    return path


def slugify(name: str) -> str:
    """'Bosnia and Herz.' -> 'bosnia-and-herz'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "country"


def polygons_only(geometry: BaseGeometry) -> MultiPolygon | Polygon | None:
    """Keep the polygonal parts of a geometry (clipping can leave slivers of lines or points)."""
    parts: list[Polygon] = []
    for part in shapely.get_parts(geometry):
        if isinstance(part, Polygon) and not part.is_empty:
            parts.append(part)
        elif isinstance(part, MultiPolygon):
            parts.extend(p for p in part.geoms if not p.is_empty)
        elif part.geom_type == "GeometryCollection":
            cleaned = polygons_only(part)
            if cleaned is not None:
                parts.extend(shapely.get_parts(cleaned))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def clean(geometry: BaseGeometry) -> MultiPolygon | Polygon | None:
    """Clip, simplify, snap to a 4-decimal grid and orient exterior rings counter-clockwise."""
    clipped = geometry.intersection(box(*BBOX))
    simplified = clipped.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
    snapped = shapely.set_precision(shapely.make_valid(simplified), GRID)
    polygonal = polygons_only(snapped)
    if polygonal is None:
        return None
    if isinstance(polygonal, Polygon):
        return orient(polygonal, sign=1.0)
    return MultiPolygon([orient(p, sign=1.0) for p in polygonal.geoms])


def round_coords(value: Any) -> Any:
    """Round every number in nested coordinate lists to 4 decimals (removes float noise)."""
    if isinstance(value, list | tuple):
        return [round_coords(v) for v in value]
    if isinstance(value, float):
        return round(value, 4)
    return value


def build_features() -> list[dict[str, Any]]:
    countries = gpd.read_file(natural_earth_path())
    if countries.crs is not None and countries.crs.to_epsg() != 4326:
        countries = countries.to_crs(4326)
    countries = countries[countries.intersects(box(*BBOX))].sort_values("name")
    features: list[dict[str, Any]] = []
    used: set[str] = set()
    for name, geometry in zip(countries["name"], countries.geometry, strict=True):
        shape = clean(geometry)
        if shape is None:
            continue
        slug = base = slugify(str(name))
        counter = 2
        while slug in used:
            slug = f"{base}-{counter}"
            counter += 1
        used.add(slug)
        geojson = mapping(shape)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "id": slug,
                    "name": str(name),
                    "kind": "country",
                    "certainty": "documented",
                    "sources": ["natural-earth"],
                    "description": DESCRIPTION,
                },
                "geometry": {
                    "type": geojson["type"],
                    "coordinates": round_coords(geojson["coordinates"]),
                },
            }
        )
    return features


def main() -> None:
    features = build_features()
    collection = {"type": "FeatureCollection", "features": features}
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    OUTPUT.write_text(text + "\n", encoding="utf-8")
    size_kb = OUTPUT.stat().st_size / 1024
    print(f"wrote {len(features)} countries to {OUTPUT} ({size_kb:.0f} KB)")


if __name__ == "__main__":
    main()
