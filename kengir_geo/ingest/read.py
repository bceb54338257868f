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
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any

import pyogrio
import shapely.wkt
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.geometry import mapping

from kengir_geo.data.folder import NOT_JSON, parse_json
from kengir_geo.data.schema import Problem

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
        raise ReadError from exc


def guess_encoding(raw: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000]).best()
    return best.encoding if best is not None else None


# --- GeoJSON -------------------------------------------------------------------------------


def crs_from_member(member: Any) -> CRS | None:
    name = member.get("properties", {}).get("name") if isinstance(member, dict) else None
    if not isinstance(name, str):
        return None
    try:
        return CRS.from_user_input(name)
    except CRSError:
        return None


def read_geojson(path: Path, label: str, encoding: str | None, problems: list[Problem]) -> RawLayer:
    text = decode_text(path.read_bytes(), label, encoding, problems)
    if not text.strip():
        problems.append(Problem(label, "", "", "the file is empty"))
        raise ReadError
    doc = parse_json(text, label, problems)
    if doc is NOT_JSON:
        raise ReadError
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        doc = {"type": "FeatureCollection", "features": [doc]}
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


def read_csv(path: Path, label: str, encoding: str | None, problems: list[Problem]) -> RawLayer:
    text = decode_text(path.read_bytes(), label, encoding, problems)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel
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
        try:
            count = pyogrio.read_info(path, layer=name, encoding=encoding)["features"]
            if count > limits.max_features:
                problems.append(
                    Problem(
                        label,
                        "",
                        "",
                        f"{count} features is more than the limit of {limits.max_features}",
                    )
                )
                raise ReadError
            frame = pyogrio.read_dataframe(
                path,
                layer=name,
                encoding=encoding,
                datetime_as_string=True,  # dates stay text: no timestamps, no false precision
                on_invalid="ignore",
            )
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
            problems.append(
                Problem(
                    label,
                    "",
                    "",
                    f"the zip unpacks to {unpacked / 1e6:.0f} MB, more than the limit of "
                    f"{limits.max_mb * limits.unzip_factor:g} MB",
                )
            )
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
            for member in members:
                base, dot, suffix = member.filename.rpartition(".")
                if base == stem and f".{suffix.lower()}" in SHAPEFILE_PARTS:
                    # the name inside the temporary folder is ours, never the archive's path
                    target = Path(folder) / f"layer.{suffix.lower()}"
                    with archive.open(member) as source, target.open("wb") as sink:
                        sink.write(source.read())
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
) -> RawLayer | None:
    """Read any supported file. None (with problems recorded) when it cannot be read at all."""
    limits = limits or Limits()
    try:
        size = path.stat().st_size
    except OSError as exc:
        problems.append(Problem(label, "", "", f"cannot read the file: {exc.strerror}"))
        return None
    if path.is_dir():
        problems.append(Problem(label, "", "", "is a folder, not a file"))
        return None
    if size > limits.max_bytes:
        problems.append(
            Problem(
                label,
                "",
                "",
                f"the file is {size / 1024 / 1024:.1f} MB, more than the limit of "
                f"{limits.max_mb:g} MB (raise it with --max-mb if you trust the file)",
            )
        )
        return None
    fmt = detect_format(path)
    try:
        if fmt == "GeoJSON":
            raw = read_geojson(path, label, encoding, problems)
        elif fmt == "CSV":
            raw = read_csv(path, label, encoding, problems)
        elif fmt == "zipped Shapefile":
            raw = read_zip(path, label, layer, encoding, limits, problems)
        elif fmt in ("GeoPackage", "KML", "Shapefile"):
            raw = read_ogr(path, label, fmt, layer, encoding, limits, problems)
        else:
            problems.append(
                Problem(label, "", "", f"unknown file type {path.suffix!r}: expected {SUPPORTED}")
            )
            return None
    except ReadError:
        return None
    if len(raw.features) > limits.max_features:
        problems.append(
            Problem(
                label,
                "",
                "",
                f"{len(raw.features)} features is more than the limit of {limits.max_features}",
            )
        )
        return None
    return raw
