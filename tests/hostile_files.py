"""Hostile files a layer author (or anyone who can reach the upload page) may bring, built small
and on the fly: a GeoPackage whose layer is a view that never ends, a stale cached feature
count, a zip bomb whose headers lie, a zip with a damaged .dbf, a CSV of too many rows."""

from __future__ import annotations

import shutil
import sqlite3
import struct
import zipfile
import zlib
from pathlib import Path

import geopandas as gpd
from shapely.geometry import Point

from ingest_files import camps_frame, zip_shapefile


def points_gpkg(path: Path, count: int, layer: str = "pts") -> Path:
    frame = gpd.GeoDataFrame(
        {"id": [f"p{i}" for i in range(count)], "name": [f"Point {i}" for i in range(count)]},
        geometry=[Point(67.6 + (i % 1000) / 1e4, 47.8 + (i // 1000) / 1e4) for i in range(count)],
        crs=4326,
    )
    frame.to_file(path, layer=layer, engine="pyogrio")
    return path


def stale_count_gpkg(path: Path, count: int, cached: int) -> Path:
    """A GeoPackage of `count` points whose gpkg_ogr_contents says it holds `cached`."""
    points_gpkg(path, count)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE gpkg_ogr_contents SET feature_count = ?", (cached,))
    return path


def endless_view_gpkg(path: Path) -> Path:
    """A GeoPackage whose only feature layer is a recursive view with no end."""
    points_gpkg(path, 3, layer="seed")
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE VIEW endless AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 "
            "FROM r) SELECT n AS fid, (SELECT geom FROM seed LIMIT 1) AS geom FROM r"
        )
        db.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
            "VALUES ('endless', 'features', 'endless', 4326)"
        )
        db.execute("INSERT INTO gpkg_geometry_columns VALUES ('endless','geom','POINT',4326,0,0)")
        db.execute("DELETE FROM gpkg_contents WHERE table_name = 'seed'")
    return path


def lying_zip_bomb(path: Path, inflated_mb: int, claimed: int = 1024) -> Path:
    """A zip whose camps.shp inflates to `inflated_mb` MB of zeros while its local and central
    headers both say `claimed` bytes (and the CRC is that of nothing in particular)."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = bytes(1 << 20)
    data = b"".join(squeeze.compress(block) for _ in range(inflated_mb)) + squeeze.flush()
    name = b"camps.shp"
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, 0, len(data), claimed, len(name), 0
    )
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50,
        20,
        20,
        0,
        8,
        0,
        0,
        0,
        len(data),
        claimed,
        len(name),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    central_at = len(local) + len(name) + len(data)
    directory = central + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(directory), central_at, 0)
    path.write_bytes(local + name + data + directory + end)
    return path


def damaged_dbf_zip(folder: Path) -> Path:
    """A zipped Shapefile whose .dbf header is garbage (GDAL then reads no attributes)."""
    archive = zip_shapefile(camps_frame(), folder, epsg=None)
    with zipfile.ZipFile(archive) as zipped:
        parts = {info.filename: zipped.read(info) for info in zipped.infolist()}
    dbf = next(name for name in parts if name.endswith(".dbf"))
    parts[dbf] = b"\xff" * 32 + parts[dbf][32:]
    damaged = folder / "damaged.zip"
    with zipfile.ZipFile(damaged, "w") as zipped:
        for name, data in parts.items():
            zipped.writestr(name, data)
    return damaged


def many_rows_csv(path: Path, rows: int) -> Path:
    with path.open("w") as handle:
        handle.write("id,name,lat,lon\n")
        for i in range(rows):
            handle.write(f"r{i},Row {i},47.8,67.6\n")
    return path


def odd_zip(path: Path, kind: str) -> Path:
    """A zipped Shapefile with one flaw: 'crc' (a flipped byte), 'encrypted' (the flag set),
    'method' (an unknown compression method)."""
    source = zip_shapefile(camps_frame(), path.parent / f"{kind}-src", epsg=None)
    shutil.copy(source, path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zipped:
        info = next(i for i in zipped.infolist() if i.filename.endswith(".shp"))
    start = info.header_offset
    name_len, extra_len = struct.unpack("<HH", data[start + 26 : start + 30])
    body = start + 30 + name_len + extra_len
    if kind == "crc":
        data[body + info.compress_size // 2] ^= 0xFF
        return _written(path, data)
    flag, method = (1, None) if kind == "encrypted" else (0, 77)
    centrals = [at for at in _central_entries(data) if _named(data, at, info.filename)]
    for flags_at, method_at in [(start + 6, start + 8)] + [(c + 8, c + 10) for c in centrals]:
        data[flags_at] |= flag
        if method is not None:
            data[method_at : method_at + 2] = struct.pack("<H", method)
    return _written(path, data)


def _written(path: Path, data: bytearray) -> Path:
    path.write_bytes(bytes(data))
    return path


def _named(data: bytearray, at: int, name: str) -> bool:
    return data[at + 46 : at + 46 + len(name)] == name.encode()


def _central_entries(data: bytearray) -> list[int]:
    found, at = [], data.find(b"PK\x01\x02")
    while at >= 0:
        found.append(at)
        at = data.find(b"PK\x01\x02", at + 4)
    return found
