"""Reading a layer author's file, in whatever format, into plain GeoJSON feature dicts.

Every format ends as `RawLayer` (formats/base.py): features as GeoJSON dicts in the file's own
CRS, plus the CRS the file declares (None when it declares none). One module per format in
formats/ (as geopandas keeps its io/): GeoJSON and CSV are parsed there so that their errors can
be located precisely (line, column, row); GeoPackage, Shapefile and KML go through GDAL via
pyogrio. Nothing here raises on bad input: every failure becomes a Problem.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kengir_geo.data.schema import Problem
from kengir_geo.ingest.formats.base import (
    EncodingGuess,
    Limits,
    RawLayer,
    Reader,
    ReadError,
    Refused,
    Request,
    too_big,
    too_many,
    unicode_by_bom,
)
from kengir_geo.ingest.formats.csv import read_csv
from kengir_geo.ingest.formats.geojson import read_geojson
from kengir_geo.ingest.formats.gpkg import read_gpkg
from kengir_geo.ingest.formats.kml import read_kml
from kengir_geo.ingest.formats.shapefile import read_shapefile, read_zip

__all__ = ["FORMATS", "SUPPORTED", "Limits", "RawLayer", "check_readable", "read_layer"]

FORMATS = {
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".gpkg": "GeoPackage",
    ".zip": "zipped Shapefile",
    ".shp": "Shapefile",
    ".kml": "KML",
    ".kmz": "KML",
    ".csv": "CSV",
    ".tsv": "CSV",
}


SUPPORTED = "GeoJSON, GeoPackage, zipped Shapefile, KML or CSV"


def detect_format(path: Path) -> str | None:
    """The format by suffix, or by the first bytes when the suffix says nothing."""
    by_suffix = FORMATS.get(path.suffix.lower())
    if by_suffix:
        return by_suffix
    try:
        with path.open("rb") as handle:
            head = handle.read(512)
    except OSError:
        return None
    unicode = unicode_by_bom(head)
    if unicode is not None:  # UTF-16 text: look at its letters, not its bytes
        head = head.decode(unicode, "ignore").encode("utf-8")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"PK\x03\x04"):
        return "zipped Shapefile"
    if head.startswith(b"SQLite format 3\x00"):
        return "GeoPackage"
    if text.startswith((b"{", b"[")):
        return "GeoJSON"
    if text.startswith(b"<") and b"kml" in head.lower():
        return "KML"
    return None


READERS: dict[str, Reader] = {
    "GeoJSON": read_geojson,
    "CSV": read_csv,
    "zipped Shapefile": read_zip,
    "Shapefile": read_shapefile,
    "GeoPackage": read_gpkg,
    "KML": read_kml,
}


def read_layer(
    path: Path,
    label: str,
    problems: list[Problem],
    *,
    layer: str | None = None,
    encoding: str | None = None,
    limits: Limits | None = None,
    hints: dict[str, str] | None = None,
) -> RawLayer | None:
    """Read any supported file. None (with problems recorded) when it cannot be read at all;
    `hints` then receives what may help ("encoding": the one the text looks like)."""
    limits = limits or Limits()
    unreadable = check_readable(path, label, limits)
    if unreadable is not None:
        problems.append(unreadable)
        return None
    reader = READERS.get(detect_format(path) or "")
    if reader is None:
        problems.append(
            Problem(label, "", "", f"unknown file type {path.suffix!r}: expected {SUPPORTED}")
        )
        return None
    try:
        raw = reader(Request(path, label, layer, encoding, limits, problems))
    except EncodingGuess as guess:
        if hints is not None and guess.encoding:
            hints["encoding"] = guess.encoding
        return None
    except Refused as refused:
        problems.append(Problem(label, "", refused.field, refused.message))
        return None
    except (ReadError, RecursionError):
        if not any(p.is_error for p in problems):
            problems.append(Problem(label, "", "", "the file is nested too deeply to read"))
        return None
    if len(raw.features) > limits.max_features:
        problems.append(Problem(label, "", "", too_many(len(raw.features), limits)))
        return None
    return raw


def check_readable(path: Path, label: str, limits: Limits) -> Problem | None:
    """Why `path` must not be read at all: missing, not an ordinary file (a device such as
    /dev/zero, a pipe that would block forever, a folder), or over the size limit."""
    try:
        info = os.stat(path)  # follows a symbolic link to what it points at
    except OSError as exc:
        return Problem(label, "", "", f"cannot read the file: {exc.strerror or exc}")
    if stat.S_ISDIR(info.st_mode):
        return Problem(label, "", "", "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        return Problem(
            label, "", "", "is not an ordinary file (a device, a pipe or a socket): not read"
        )
    if info.st_size > limits.max_bytes:
        return Problem(label, "", "", too_big(info.st_size, limits))
    return None
