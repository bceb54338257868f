"""Reading a layer author's file, in whatever format, into plain GeoJSON feature dicts.

Every format ends as `RawLayer`: features as GeoJSON dicts in the file's own CRS, plus the CRS
the file declares (None when it declares none). GeoJSON and CSV are parsed here so that their
errors can be located precisely (line, column, row); GeoPackage, Shapefile and KML go through
GDAL via pyogrio. Nothing here raises on bad input: every failure becomes a Problem.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import stat
import struct
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

import pyogrio
import shapely.wkt
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.geometry import mapping

from kengir_geo.data.folder import NOT_JSON, parse_json
from kengir_geo.data.geojson import as_feature_collection
from kengir_geo.data.schema import Problem
from kengir_geo.ingest.encoding import guess_encoding

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

# Column names a spreadsheet may use for coordinates, compared in lower case.
LON_NAMES = ("lon", "lng", "long", "longitude", "x", "lon_dd", "longitude_dd")
LAT_NAMES = ("lat", "latitude", "y", "lat_dd", "latitude_dd")
WKT_NAMES = ("wkt", "geometry", "geom", "the_geom", "shape")

# Sidecar files a shapefile may need, taken from a zip next to its .shp.
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx")


@dataclass(frozen=True)
class Limits:
    """What an upload may weigh. A zip may unpack to `unzip_factor` times the file limit."""

    max_mb: float = 50
    max_features: int = 200_000
    unzip_factor: int = 4
    seconds: float = 60  # the reader is stopped past this: a hang guard, not a speed target
    memory_mb: int = 300  # …or when it maps this much more than it started with (RSS ≲ 500 MB)

    @property
    def max_bytes(self) -> int:
        return int(self.max_mb * 1024 * 1024)


@dataclass
class RawLayer:
    features: list[Any]
    crs: CRS | None
    format: str
    crs_member: bool = False  # a GeoJSON file that carried a (legacy) "crs" member
    extra: dict[str, Any] = field(default_factory=dict)


class ReadError(Exception):
    """Internal: stop reading; the problem is already recorded."""


class EncodingGuess(ReadError):
    """Internal: the text is not UTF-8 and looks like `encoding` (the problem is recorded)."""

    def __init__(self, encoding: str | None):
        self.encoding = encoding


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


def decode_text(raw: bytes, label: str, encoding: str | None, problems: list[Problem]) -> str:
    """Text of a file: UTF-8 unless told otherwise; on failure, name the likely encoding."""
    if encoding:
        try:
            return raw.decode(encoding)
        except LookupError:
            problems.append(Problem(label, "", "", f"unknown encoding {encoding!r}"))
        except UnicodeDecodeError as exc:
            problems.append(
                Problem(label, "", "", f"the file is not valid {encoding} (byte {exc.start})")
            )
        raise ReadError
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guess = guess_encoding(raw)
        hint = (
            f"it looks like {guess}: pass --encoding {guess} (or choose it on the upload page)"
            if guess
            else "save it as UTF-8, or pass its encoding with --encoding (e.g. cp1251, cp1252)"
        )
        problems.append(Problem(label, "", "", f"the text is not UTF-8 (byte {exc.start}); {hint}"))
        raise EncodingGuess(guess) from exc


def read_capped(path: Path, label: str, limits: Limits, problems: list[Problem]) -> bytes:
    """The file's bytes, never more than the size limit whatever stat() said before."""
    with path.open("rb") as handle:
        data = handle.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        problems.append(Problem(label, "", "", too_big(len(data), limits)))
        raise ReadError
    return data


def too_big(size: int, limits: Limits) -> str:
    return (
        f"the file is more than {size / 1024 / 1024:.1f} MB, more than the limit of "
        f"{limits.max_mb:g} MB (raise it with --max-mb if you trust the file)"
    )


# --- GeoJSON -------------------------------------------------------------------------------


def crs_from_member(member: Any) -> CRS | None:
    name = member.get("properties", {}).get("name") if isinstance(member, dict) else None
    if not isinstance(name, str):
        return None
    try:
        return CRS.from_user_input(name)
    except CRSError:
        return None


def read_geojson(
    path: Path, label: str, encoding: str | None, limits: Limits, problems: list[Problem]
) -> RawLayer:
    text = decode_text(read_capped(path, label, limits, problems), label, encoding, problems)
    if not text.strip():
        problems.append(Problem(label, "", "", "the file is empty"))
        raise ReadError
    doc = parse_json(text, label, problems)
    del text  # the parsed document is what counts now; keep the peak low
    if doc is NOT_JSON:
        raise ReadError
    doc, wrapped = as_feature_collection(doc)
    if wrapped:
        problems.append(Problem(label, "", "type", wrapped, "warning"))
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        found = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        problems.append(
            Problem(label, "", "type", f"expected a GeoJSON FeatureCollection, found {found!r}")
        )
        raise ReadError
    features = doc.get("features")
    if not isinstance(features, list):
        problems.append(Problem(label, "", "features", "features must be a list"))
        raise ReadError
    crs = None
    if "crs" in doc:
        crs = crs_from_member(doc["crs"])
        if crs is None:
            problems.append(
                Problem(label, "", "crs", f"cannot understand the crs member {doc['crs']!r}")
            )
            raise ReadError
    return RawLayer(features, crs, "GeoJSON", crs_member="crs" in doc)


# --- CSV -----------------------------------------------------------------------------------


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
    path: Path, label: str, encoding: str | None, limits: Limits, problems: list[Problem]
) -> RawLayer:
    text = decode_text(read_capped(path, label, limits, problems), label, encoding, problems)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel
    try:
        rows_found = _count_rows(text, dialect, limits.max_features)
    except csv.Error as exc:
        problems.append(Problem(label, "", "", f"cannot read the CSV: {exc}"))
        raise ReadError from exc
    if rows_found > limits.max_features:
        problems.append(Problem(label, "", "", too_many(rows_found, limits, rows=True)))
        raise ReadError
    rows = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    columns = [c for c in (rows.fieldnames or []) if c is not None]
    lon, lat = _find_column(columns, LON_NAMES), _find_column(columns, LAT_NAMES)
    wkt = _find_column(columns, WKT_NAMES)
    if not ((lon and lat) or wkt):
        problems.append(
            Problem(
                label,
                "",
                "",
                "cannot find the coordinates: name two columns lat and lon "
                f"(found columns: {', '.join(columns) or 'none'}), or one column WKT",
            )
        )
        raise ReadError
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
        problems.append(Problem(label, "", "", f"cannot read the CSV: {exc}"))
        raise ReadError from exc
    return RawLayer(features, None, "CSV")


# --- GDAL formats via pyogrio -------------------------------------------------------------

# KML rendering fields that carry no history; dropped on import.
KML_NOISE = ("altitudeMode", "tessellate", "extrude", "visibility", "drawOrder", "icon", "snippet")


class _PlainText(HTMLParser):
    """The text of an HTML fragment: line breaks kept, a link's address after its words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "p", "div", "li"):
            self.parts.append("\n")
        if tag == "a":
            self.href = dict(attrs).get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.href:
            self.parts.append(f" ({self.href})")
            self.href = None

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(fragment: str) -> str:
    parser = _PlainText()
    parser.feed(fragment)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    return "\n".join(line for line in lines if line)


def _tidy_kml(props: dict[str, Any]) -> bool:
    """Drop rendering fields; an `id` in the author's data wins over the Placemark's id
    attribute (GDAL then calls the author's column id2). Google My Maps writes descriptions
    as HTML; ours are plain text. True when a description was HTML."""
    for key in KML_NOISE:
        props.pop(key, None)
    if props.get("id2") is not None:
        props["id"] = props.pop("id2")
    description = props.get("description")
    if isinstance(description, str) and re.search(r"<[a-zA-Z/][^>]*>", description):
        props["description"] = html_to_text(description)
        return True
    return False


def too_many(count: int, limits: Limits, rows: bool = False) -> str:
    found = f"more than {limits.max_features} rows" if rows else f"{count} features"
    return (
        f"{found} is more than the limit of {limits.max_features} features "
        "(raise it with --max-features if you trust the file)"
    )


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


def _dbf_problem(shp: Path, features: int, fields: int) -> str | None:
    """What is wrong with a shapefile's .dbf (its attributes), if anything: GDAL reads a
    damaged one as no attributes at all, without a word."""
    dbf = shp.with_suffix(".dbf")
    if not dbf.exists():
        return None
    try:
        with dbf.open("rb") as handle:
            header = handle.read(12)
        records, header_size, record_size = struct.unpack("<IHH", header[4:12])
    except (OSError, struct.error):
        return "the .dbf file (the attributes) cannot be read"
    valid = header[:1] in (b"\x02", b"\x03", b"\x30", b"\x31", b"\x83", b"\x8b", b"\xf5")
    if not valid or fields == 0 or header_size < 33 or record_size < 1:
        return "the .dbf file (the attributes) is damaged: every feature would lose its attributes"
    if records != features:
        return (
            f"the .dbf file holds {records} records for {features} shapes: the attributes "
            "would not match the shapes"
        )
    return None


def _spatial_layers(path: Path) -> list[str]:
    return [str(name) for name, kind in pyogrio.list_layers(path) if kind is not None]


def read_ogr(
    path: Path,
    label: str,
    fmt: str,
    layer: str | None,
    encoding: str | None,
    limits: Limits,
    problems: list[Problem],
) -> RawLayer:
    try:
        names = _spatial_layers(path)
    except Exception as exc:  # pyogrio.errors.DataSourceError and friends
        problems.append(Problem(label, "", "", f"cannot open it as {fmt}: {exc}"))
        raise ReadError from exc
    if not names:
        problems.append(Problem(label, "", "", f"the {fmt} holds no layer with geometries"))
        raise ReadError
    if layer is not None and layer not in names:
        problems.append(
            Problem(label, "", "layer", f"no layer {layer!r}; the file has: {', '.join(names)}")
        )
        raise ReadError
    # KML keeps one folder per layer (Google My Maps): take them all unless one is named.
    chosen = [layer] if layer else (names if fmt == "KML" else names[:1])
    if len(names) > 1 and not layer and fmt != "KML":
        problems.append(
            Problem(
                label,
                "",
                "layer",
                f"the file has {len(names)} layers; reading the first, {names[0]!r} "
                f"(others: {', '.join(names[1:])}; choose one with --layer)",
                "warning",
            )
        )
    features: list[Any] = []
    crs = None
    html_descriptions = 0
    for name in chosen:
        held = None
        if fmt == "GeoPackage":
            try:
                held = gpkg_row_count(path, name)
            except RecursionError as exc:
                problems.append(
                    Problem(
                        label,
                        "",
                        "layer",
                        f"the layer {name!r} could not be counted within the limits: it is a "
                        "view whose rows never end (or far too many); refusing to read it",
                    )
                )
                raise ReadError from exc
        try:
            info = pyogrio.read_info(path, layer=name, encoding=encoding)
            count = held if held is not None else info["features"]
            if count > limits.max_features:
                problems.append(Problem(label, "", "", too_many(count, limits)))
                raise ReadError
            if fmt == "Shapefile" and (damaged := _dbf_problem(path, count, len(info["fields"]))):
                problems.append(Problem(label, "", "", damaged))
                raise ReadError
            frame = _read_frame(path, name, encoding)
            if held is not None and len(frame) != held:
                # a stale cached count: GDAL read only that many rows; a query reads them all
                stale = len(frame)
                frame = _read_frame(path, name, encoding, sql=True)
                problems.append(
                    Problem(
                        label,
                        "",
                        "",
                        f"the file's cached feature count of layer {name!r} was out of date "
                        f"({stale}); read all {len(frame)} rows",
                        "warning",
                    )
                )
            if held is not None and len(frame) != held:
                problems.append(
                    Problem(
                        label,
                        "",
                        "",
                        f"read {len(frame)} features of layer {name!r}, but it holds {held}: "
                        "refusing to add part of a layer",
                    )
                )
                raise ReadError
            doc = json.loads(frame.to_json(na="null", drop_id=True, to_wgs84=False))
        except ReadError:
            raise
        except Exception as exc:  # GDAL errors come in several types
            problems.append(Problem(label, "", "", f"cannot read the {fmt}: {exc}"))
            raise ReadError from exc
        crs = frame.crs
        for item in doc["features"]:
            if fmt == "KML":
                html_descriptions += _tidy_kml(item["properties"])
            features.append(item)
    if html_descriptions:
        problems.append(
            Problem(
                label,
                "",
                "description",
                f"turned the HTML of {html_descriptions} descriptions into plain text "
                "(links are kept as their address in brackets)",
                "warning",
            )
        )
    return RawLayer(features, crs, fmt)


def _read_frame(path: Path, name: str, encoding: str | None, sql: bool = False) -> Any:
    quoted = '"' + name.replace('"', '""') + '"'
    return pyogrio.read_dataframe(
        path,
        layer=None if sql else name,
        sql=f"SELECT * FROM {quoted}" if sql else None,  # noqa: S608 - a quoted identifier
        encoding=encoding,
        datetime_as_string=True,  # dates stay text: no timestamps, no false precision
        on_invalid="ignore",
    )


def _unsafe_member(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return name.startswith(("/", "\\")) or ".." in parts or (":" in (parts[0] if parts else ""))


def read_zip(
    path: Path,
    label: str,
    layer: str | None,
    encoding: str | None,
    limits: Limits,
    problems: list[Problem],
) -> RawLayer:
    """A zipped Shapefile: check every member name, unpack only the shapefile's parts."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        problems.append(Problem(label, "", "", f"not a readable zip file ({exc})"))
        raise ReadError from exc
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        unsafe = [m.filename for m in members if _unsafe_member(m.filename)]
        if unsafe:
            problems.append(
                Problem(
                    label,
                    "",
                    "",
                    f"the zip holds paths that point outside it ({', '.join(unsafe[:3])}); "
                    "refusing to unpack it",
                )
            )
            raise ReadError
        unpacked = sum(m.file_size for m in members)
        if unpacked > limits.max_bytes * limits.unzip_factor:
            problems.append(Problem(label, "", "", _unzip_too_big(unpacked, limits)))
            raise ReadError
        shps = [
            m.filename
            for m in members
            if m.filename.lower().endswith(".shp") and not m.filename.startswith("__MACOSX")
        ]
        if layer:
            shps = [s for s in shps if PurePosixPath(s).stem == layer]
        if not shps:
            listing = ", ".join(m.filename for m in members[:8]) or "nothing"
            others = [m.filename for m in members if Path(m.filename).suffix.lower() in FORMATS]
            if others and not layer:
                listing += f"; to add {others[0]}, unzip it and add that file"
            wanted = f"shapefile named {layer}.shp" if layer else ".shp file"
            problems.append(
                Problem(label, "", "", f"the zip has no {wanted} (it holds: {listing})")
            )
            raise ReadError
        if len(shps) > 1:
            problems.append(
                Problem(
                    label,
                    "",
                    "layer",
                    f"the zip holds {len(shps)} shapefiles; reading {shps[0]} "
                    "(choose another with --layer NAME)",
                    "warning",
                )
            )
        stem = shps[0][: -len(".shp")]
        with tempfile.TemporaryDirectory(prefix="kengir-geo-zip-") as folder:
            budget = limits.max_bytes * limits.unzip_factor
            for member in members:
                base, dot, suffix = member.filename.rpartition(".")
                if base == stem and f".{suffix.lower()}" in SHAPEFILE_PARTS:
                    # the name inside the temporary folder is ours, never the archive's path
                    target = Path(folder) / f"layer.{suffix.lower()}"
                    budget -= _inflate(archive, member, target, budget, label, limits, problems)
            shp = Path(folder) / "layer.shp"
            missing = [s for s in (".shx", ".dbf") if not shp.with_suffix(s).exists()]
            if missing:
                problems.append(
                    Problem(
                        label,
                        "",
                        "",
                        f"the shapefile {shps[0]} comes without its {' and '.join(missing)} "
                        "file; zip all the files of the shapefile together",
                    )
                )
                raise ReadError
            raw = read_ogr(shp, label, "Shapefile", None, encoding, limits, problems)
            if not encoding and not shp.with_suffix(".cpg").exists() and _has_non_ascii(raw):
                problems.append(
                    Problem(
                        label,
                        "",
                        "",
                        "the shapefile has no .cpg file naming its text encoding: if names look "
                        "garbled in the preview, pass the encoding (e.g. --encoding cp1251)",
                        "warning",
                    )
                )
            raw.format = "zipped Shapefile"
            raw.extra["has_prj"] = shp.with_suffix(".prj").exists()
            return raw


def _unzip_too_big(size: int, limits: Limits) -> str:
    return (
        f"the zip unpacks to more than {size / 1e6:.0f} MB, more than the limit of "
        f"{limits.max_mb * limits.unzip_factor:g} MB"
    )


def _inflate(
    archive: zipfile.ZipFile,
    member: zipfile.ZipInfo,
    target: Path,
    budget: int,
    label: str,
    limits: Limits,
    problems: list[Problem],
) -> int:
    """Unpack one member in 1 MB steps, stopping at `budget` bytes whatever its header says
    (a zip bomb's headers lie). The bytes written."""
    written = 0
    try:
        with archive.open(member) as source, target.open("wb") as sink:
            while chunk := source.read(1 << 20):
                written += len(chunk)
                if written > budget:
                    problems.append(Problem(label, "", "", _unzip_too_big(written, limits)))
                    raise ReadError
                sink.write(chunk)
    except ReadError:
        raise
    except NotImplementedError as exc:
        problems.append(
            Problem(
                label,
                "",
                "",
                f"{member.filename} in the zip is packed with a method this tool cannot unpack "
                "(use ordinary zip compression, 'deflate')",
            )
        )
        raise ReadError from exc
    except RuntimeError as exc:  # "encrypted" (NotImplementedError is a subclass)
        problems.append(
            Problem(
                label,
                "",
                "",
                f"{member.filename} in the zip is encrypted: zip it without a password",
            )
        )
        raise ReadError from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        problems.append(
            Problem(label, "", "", f"{member.filename} in the zip is damaged ({exc}): zip it again")
        )
        raise ReadError from exc
    return written


def _has_non_ascii(raw: RawLayer) -> bool:
    return any(
        isinstance(v, str) and not v.isascii()
        for f in raw.features
        for v in (f.get("properties") or {}).values()
    )


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
    fmt = detect_format(path)
    try:
        if fmt == "GeoJSON":
            raw = read_geojson(path, label, encoding, limits, problems)
        elif fmt == "CSV":
            raw = read_csv(path, label, encoding, limits, problems)
        elif fmt == "zipped Shapefile":
            raw = read_zip(path, label, layer, encoding, limits, problems)
        elif fmt in ("GeoPackage", "KML", "Shapefile"):
            raw = read_ogr(path, label, fmt, layer, encoding, limits, problems)
        else:
            problems.append(
                Problem(label, "", "", f"unknown file type {path.suffix!r}: expected {SUPPORTED}")
            )
            return None
    except EncodingGuess as guess:
        if hints is not None and guess.encoding:
            hints["encoding"] = guess.encoding
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
