"""Real files in every format a layer author brings, written with geopandas/pyogrio/zipfile.

The points are known longitude/latitude pairs near Zhezkazgan, so a test can check that what
comes out is where it went in, whatever CRS the file was written in.
"""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path
from typing import Any

import geopandas as gpd
from shapely.geometry import Point, Polygon

# "camps near Zhezkazgan": (lon, lat) in WGS84
CAMPS = {
    "camp-1": (67.7142, 47.7961),
    "camp-2": (67.6151, 47.8402),
    "camp-3": (67.5533, 47.9007),
}
# a counter-clockwise square around the second camp
ZONE = [(67.610, 47.836), (67.620, 47.836), (67.620, 47.844), (67.610, 47.844), (67.610, 47.836)]


def camps_frame(**extra_columns: list[Any]) -> gpd.GeoDataFrame:
    """Three camps with the columns a student might use (Name, year, source)."""
    columns = {
        "id": list(CAMPS),
        "Name": ["Camp 1", "Camp 2 (Кенгир)", "Camp 3"],
        "year": [1949, 1954, 1956],
        "source": ["w-en"] * 3,
        **extra_columns,
    }
    return gpd.GeoDataFrame(columns, geometry=[Point(p) for p in CAMPS.values()], crs=4326)


def zone_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"id": ["zone"], "name": ["Zone"], "certainty": ["schematic"], "sources": ["w-en"]},
        geometry=[Polygon(ZONE)],
        crs=4326,
    )


def zip_shapefile(
    frame: gpd.GeoDataFrame,
    folder: Path,
    name: str = "camps",
    epsg: int | None = 32642,
    parts: tuple[str, ...] = ("shp", "shx", "dbf", "prj", "cpg"),
    inner: str = "camps/",
) -> Path:
    """Write `frame` as a shapefile in `epsg` and zip the chosen parts."""
    shp_folder = folder / f"{name}-shp"
    shp_folder.mkdir(parents=True, exist_ok=True)
    frame = frame.to_crs(epsg) if epsg else frame
    frame.to_file(shp_folder / f"{name}.shp", engine="pyogrio")
    archive = folder / f"{name}.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for part in parts:
            source = shp_folder / f"{name}.{part}"
            if source.exists():
                zipped.write(source, f"{inner}{name}.{part}")
    return archive


def write_geojson(doc: dict[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def write_csv(rows: list[dict[str, Any]], path: Path, encoding: str = "utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def camps_rows() -> list[dict[str, Any]]:
    return [
        {"id": fid, "name": f"Camp {n}", "latitude": lat, "longitude": lon, "sources": "w-en"}
        for n, (fid, (lon, lat)) in enumerate(CAMPS.items(), start=1)
    ]


def good_files(folder: Path) -> dict[str, Path]:
    """One good file per supported format, all holding the three camps."""
    folder.mkdir(parents=True, exist_ok=True)
    frame = camps_frame()
    gpkg = folder / "camps.gpkg"
    frame.to_file(gpkg, layer="camps", engine="pyogrio")
    kml = folder / "camps.kml"
    frame.to_file(kml, driver="KML", engine="pyogrio")
    wkt_rows = [
        {"id": fid, "name": fid, "WKT": f"POINT ({lon} {lat})", "sources": "w-en"}
        for fid, (lon, lat) in CAMPS.items()
    ]
    return {
        "geojson": write_geojson(json.loads(frame.to_json(drop_id=True)), folder / "camps.geojson"),
        "gpkg": gpkg,
        "zip": zip_shapefile(frame, folder),
        "kml": kml,
        "csv": write_csv(camps_rows(), folder / "camps.csv"),
        "csv-wkt": write_csv(wkt_rows, folder / "camps-wkt.csv"),
    }
