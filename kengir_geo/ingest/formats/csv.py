"""CSV and TSV from a spreadsheet: points from lat/lon columns, or shapes from a WKT column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import islice

import shapely.wkt
from shapely.geometry import mapping

from kengir_geo.data.schema import Problem
from kengir_geo.ingest.formats.base import (
    RawLayer,
    Refused,
    Request,
    read_text,
    too_many,
)

# Column names a spreadsheet may use for coordinates, compared in lower case.
LON_NAMES = ("lon", "lng", "long", "longitude", "x", "lon_dd", "longitude_dd")
LAT_NAMES = ("lat", "latitude", "y", "lat_dd", "latitude_dd")
WKT_NAMES = ("wkt", "geometry", "geom", "the_geom", "shape")

DELIMITERS = (",", ";", "\t", "|")
SNIFF_ROWS = 50  # rows read to choose the delimiter


def row_label(number: int) -> str:
    """How a report names a CSV row: its number as a spreadsheet shows it (the header is 1)."""
    return f"row {number}"


def _number(text: str) -> float:
    return float(text.strip().replace(",", "."))


def _find_column(columns: list[str], names: tuple[str, ...]) -> str | None:
    lowered = {c.strip().lower(): c for c in columns if c is not None}
    return next((lowered[n] for n in names if n in lowered), None)


def _rows(text: str, delimiter: str) -> Iterator[list[str]]:
    """Records of RFC 4180 CSV (Excel's dialect: quotes doubled inside quoted fields, which
    may hold the delimiter and line breaks) with the given delimiter."""
    return csv.reader(io.StringIO(text, newline=""), dialect=csv.excel, delimiter=delimiter)


def delimiter_of(text: str, suffix: str) -> str:
    """The delimiter that splits the first rows into the same number of columns, most of
    them; only the delimiter is guessed (csv.Sniffer also guesses the quoting, and guesses
    it wrong on a file with quoted line breaks)."""
    if suffix == ".tsv":
        return "\t"
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            widths = [len(row) for row in islice(_rows(text, delimiter), SNIFF_ROWS) if row]
        except csv.Error:
            continue
        if not widths or widths[0] < 2:
            continue
        score = (sum(w == widths[0] for w in widths), widths[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _count_rows(text: str, delimiter: str, limit: int) -> int:
    """Rows after the header, counting no further than limit + 1 (nothing is kept)."""
    rows = 0
    for _ in _rows(text, delimiter):
        rows += 1
        if rows > limit + 1:
            break
    return max(rows - 1, 0)


def read_csv(request: Request) -> RawLayer:
    """Points from lat/lon columns (or shapes from a WKT column), one feature per row; each
    feature's row number is kept (extra["rows"]) so that reports name rows as people see them."""
    text = read_text(request)
    delimiter = delimiter_of(text, request.path.suffix.lower())
    try:
        rows_found = _count_rows(text, delimiter, request.limits.max_features)
    except csv.Error as exc:
        raise Refused(f"cannot read the CSV: {exc}") from exc
    if rows_found > request.limits.max_features:
        raise Refused(too_many(rows_found, request.limits, rows=True))
    reader = _rows(text, delimiter)
    header = next(reader, [])
    columns = [c.strip() for c in header]
    lon, lat = _find_column(columns, LON_NAMES), _find_column(columns, LAT_NAMES)
    wkt = _find_column(columns, WKT_NAMES)
    if not ((lon and lat) or wkt):
        raise Refused(
            "cannot find the coordinates: name two columns lat and lon "
            f"(found columns: {', '.join(columns) or 'none'}), or one column WKT"
        )
    geometry_columns = {lon, lat} if lon and lat else {wkt}
    features, numbers = [], []
    try:
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue  # a blank line, as spreadsheets leave at the end
            where = row_label(number)
            if len(values) > len(columns):
                request.problems.append(
                    Problem(
                        request.label,
                        where,
                        "",
                        f"{where} has {len(values)} fields, the header {len(columns)}: "
                        "is a field with the delimiter or a line break not in quotes?",
                    )
                )
            row = dict(zip(columns, values, strict=False))
            props = {
                k: v.strip()
                for k, v in row.items()
                if k and k not in geometry_columns and v.strip()
            }
            geometry = None
            if lon and lat:
                x, y = (row.get(lon) or "").strip(), (row.get(lat) or "").strip()
                if x or y:
                    try:
                        geometry = {"type": "Point", "coordinates": [_number(x), _number(y)]}
                    except ValueError:
                        request.problems.append(
                            Problem(
                                request.label,
                                where,
                                f"{lat}/{lon}",
                                f"{y!r}, {x!r} is not a latitude and longitude "
                                "in decimal degrees (like 47.84, 67.61)",
                            )
                        )
            elif (row.get(wkt) or "").strip():
                try:
                    geometry = mapping(shapely.wkt.loads(row[wkt]))
                except Exception as exc:  # shapely raises GEOSException and others
                    request.problems.append(
                        Problem(request.label, where, wkt, f"cannot read the WKT geometry ({exc})")
                    )
            features.append({"type": "Feature", "geometry": geometry, "properties": props})
            numbers.append(number)
    except csv.Error as exc:
        raise Refused(f"cannot read the CSV: {exc}") from exc
    return RawLayer(features, None, "CSV", extra={"rows": numbers})
