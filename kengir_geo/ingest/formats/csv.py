"""CSV and TSV from a spreadsheet: points from lat/lon columns, or shapes from a WKT column."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import shapely.wkt
from shapely.geometry import mapping

from kengir_geo.data.schema import Problem
from kengir_geo.ingest.formats.base import (
    Limits,
    RawLayer,
    Refused,
    decode_text,
    read_capped,
    too_many,
)

# Column names a spreadsheet may use for coordinates, compared in lower case.
LON_NAMES = ("lon", "lng", "long", "longitude", "x", "lon_dd", "longitude_dd")


LAT_NAMES = ("lat", "latitude", "y", "lat_dd", "latitude_dd")


WKT_NAMES = ("wkt", "geometry", "geom", "the_geom", "shape")


def _number(text: str) -> float:
    return float(text.strip().replace(",", "."))


def _find_column(columns: list[str], names: tuple[str, ...]) -> str | None:
    lowered = {c.strip().lower(): c for c in columns if c is not None}
    return next((lowered[n] for n in names if n in lowered), None)


def _count_rows(text: str, dialect: Any, limit: int) -> int:
    """Rows after the header, counting no further than limit + 1 (nothing is kept)."""
    rows = 0
    for _ in csv.reader(io.StringIO(text, newline=""), dialect=dialect):
        rows += 1
        if rows > limit + 1:
            break
    return max(rows - 1, 0)


def read_csv(
    path: Path,
    label: str,
    _layer: str | None,
    encoding: str | None,
    limits: Limits,
    problems: list[Problem],
) -> RawLayer:
    text = decode_text(read_capped(path, label, limits, problems), label, encoding, problems)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel
    try:
        rows_found = _count_rows(text, dialect, limits.max_features)
    except csv.Error as exc:
        raise Refused(f"cannot read the CSV: {exc}") from exc
    if rows_found > limits.max_features:
        raise Refused(too_many(rows_found, limits, rows=True))
    rows = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    columns = [c for c in (rows.fieldnames or []) if c is not None]
    lon, lat = _find_column(columns, LON_NAMES), _find_column(columns, LAT_NAMES)
    wkt = _find_column(columns, WKT_NAMES)
    if not ((lon and lat) or wkt):
        raise Refused(
            "cannot find the coordinates: name two columns lat and lon "
            f"(found columns: {', '.join(columns) or 'none'}), or one column WKT"
        )
    geometry_columns = {lon, lat} if lon and lat else {wkt}
    features = []
    try:
        for index, row in enumerate(rows):
            label_row = str(row.get("id") or f"#{index}")
            props = {
                k.strip(): v.strip()
                for k, v in row.items()
                if k is not None and k not in geometry_columns and isinstance(v, str) and v.strip()
            }
            geometry = None
            if lon and lat:
                x, y = (row.get(lon) or "").strip(), (row.get(lat) or "").strip()
                if x or y:
                    try:
                        geometry = {"type": "Point", "coordinates": [_number(x), _number(y)]}
                    except ValueError:
                        problems.append(
                            Problem(
                                label,
                                label_row,
                                f"{lat}/{lon}",
                                f"row {index + 2}: {y!r}, {x!r} is not a latitude and longitude "
                                "in decimal degrees (like 47.84, 67.61)",
                            )
                        )
            elif (row.get(wkt) or "").strip():
                try:
                    geometry = mapping(shapely.wkt.loads(row[wkt]))
                except Exception as exc:  # shapely raises GEOSException and others
                    problems.append(
                        Problem(
                            label,
                            label_row,
                            wkt,
                            f"row {index + 2}: cannot read the WKT geometry ({exc})",
                        )
                    )
            features.append({"type": "Feature", "geometry": geometry, "properties": props})
    except csv.Error as exc:
        raise Refused(f"cannot read the CSV: {exc}") from exc
    return RawLayer(features, None, "CSV")
