"""GeoPackage: GDAL reads it; SQLite counts what a layer really holds first."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from kengir_geo.ingest.formats.base import RawLayer, Refused, Request
from kengir_geo.ingest.formats.ogr import read_ogr

# SQLite virtual-machine steps allowed for counting a GeoPackage layer's rows: a table counts in
# a few steps, a view of 200,000 rows in a few million; a view that never ends is stopped here.
GPKG_COUNT_STEPS = 50_000_000


_STEP_CHUNK = 100_000


def gpkg_row_count(path: Path, table: str) -> int | None:
    """The rows a GeoPackage layer really holds, counted by SQLite within GPKG_COUNT_STEPS
    (GDAL trusts a cached count, which may be stale). None when SQLite cannot count it (the
    view needs GDAL's functions); raises RecursionError for a layer that does not end."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"
    calls = 0

    def budget() -> int:
        nonlocal calls
        calls += 1
        return int(calls * _STEP_CHUNK > GPKG_COUNT_STEPS)

    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return None
    try:
        connection.set_progress_handler(budget, _STEP_CHUNK)
        quoted = '"' + table.replace('"', '""') + '"'
        return int(connection.execute(f"SELECT COUNT(*) FROM {quoted}").fetchone()[0])  # noqa: S608 - a quoted identifier
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise RecursionError(table) from exc
        return None
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def _rows_or_refuse(path: Path, table: str) -> int | None:
    try:
        return gpkg_row_count(path, table)
    except RecursionError as exc:
        raise Refused(
            f"the layer {table!r} could not be counted within the limits: it is a "
            "view whose rows never end (or far too many); refusing to read it",
            "layer",
        ) from exc


def read_gpkg(request: Request) -> RawLayer:
    """One layer of a GeoPackage, all of its rows (SQLite's count, not GDAL's cached one)."""
    return read_ogr(request, "GeoPackage", rows_held=_rows_or_refuse)
