"""Shapefiles, alone or zipped with their sidecar files."""

from __future__ import annotations

import struct
import tempfile
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path, PurePosixPath

from kengir_geo.data.schema import Problem
from kengir_geo.ingest.formats.base import (
    Limits,
    RawLayer,
    ReadError,
    Refused,
    Request,
)
from kengir_geo.ingest.formats.ogr import read_ogr

# Sidecar files a shapefile may need, taken from a zip next to its .shp.
# What a zip may hold that a user should unzip and add on its own.
READABLE_SUFFIXES = (".geojson", ".json", ".gpkg", ".kml", ".kmz", ".csv", ".tsv")
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx")


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


def _unsafe_member(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return name.startswith(("/", "\\")) or ".." in parts or (":" in (parts[0] if parts else ""))


def read_zip(request: Request) -> RawLayer:
    """A zipped Shapefile: check every member name, unpack only the shapefile's parts."""
    try:
        archive = zipfile.ZipFile(request.path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise Refused(f"not a readable zip file ({exc})") from exc
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        unsafe = [m.filename for m in members if _unsafe_member(m.filename)]
        if unsafe:
            raise Refused(
                f"the zip holds paths that point outside it ({', '.join(unsafe[:3])}); "
                "refusing to unpack it"
            )
        unpacked = sum(m.file_size for m in members)
        if unpacked > request.limits.max_bytes * request.limits.unzip_factor:
            raise Refused(_unzip_too_big(unpacked, request.limits))
        shps = [
            m.filename
            for m in members
            if m.filename.lower().endswith(".shp") and not m.filename.startswith("__MACOSX")
        ]
        if request.layer:
            shps = [s for s in shps if PurePosixPath(s).stem == request.layer]
        if not shps:
            listing = ", ".join(m.filename for m in members[:8]) or "nothing"
            others = [
                m.filename for m in members if Path(m.filename).suffix.lower() in READABLE_SUFFIXES
            ]
            if others and not request.layer:
                listing += f"; to add {others[0]}, unzip it and add that file"
            wanted = f"shapefile named {request.layer}.shp" if request.layer else ".shp file"
            raise Refused(f"the zip has no {wanted} (it holds: {listing})")
        if len(shps) > 1:
            request.problems.append(
                Problem(
                    request.label,
                    "",
                    "layer",
                    f"the zip holds {len(shps)} shapefiles; reading {shps[0]} "
                    "(choose another with --layer NAME)",
                    "warning",
                )
            )
        stem = shps[0][: -len(".shp")]
        with tempfile.TemporaryDirectory(prefix="kengir-geo-zip-") as folder:
            budget = request.limits.max_bytes * request.limits.unzip_factor
            for member in members:
                base, _, suffix = member.filename.rpartition(".")
                if base == stem and f".{suffix.lower()}" in SHAPEFILE_PARTS:
                    # the name inside the temporary folder is ours, never the archive's path
                    target = Path(folder) / f"layer.{suffix.lower()}"
                    budget -= _inflate(archive, member, target, budget, request.limits)
            shp = Path(folder) / "layer.shp"
            missing = [s for s in (".shx", ".dbf") if not shp.with_suffix(s).exists()]
            if missing:
                raise Refused(
                    f"the shapefile {shps[0]} comes without its {' and '.join(missing)} "
                    "file; zip all the files of the shapefile together"
                )
            raw = read_shapefile(replace(request, path=shp, layer=None))
            if (
                not request.encoding
                and not shp.with_suffix(".cpg").exists()
                and _has_non_ascii(raw)
            ):
                request.problems.append(
                    Problem(
                        request.label,
                        "",
                        "",
                        "the shapefile has no .cpg file naming its text encoding: if names look "
                        "garbled in the preview, pass the encoding (e.g. --encoding cp1251)",
                        "warning",
                    )
                )
            raw.format = "zipped Shapefile"
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
    limits: Limits,
) -> int:
    """Unpack one member in 1 MB steps, stopping at `budget` bytes whatever its header says
    (a zip bomb's headers lie). The bytes written."""
    written = 0
    try:
        with archive.open(member) as source, target.open("wb") as sink:
            while chunk := source.read(1 << 20):
                written += len(chunk)
                if written > budget:
                    raise Refused(_unzip_too_big(written, limits))
                sink.write(chunk)
    except ReadError:
        raise
    except NotImplementedError as exc:
        raise Refused(
            f"{member.filename} in the zip is packed with a method this tool cannot unpack "
            "(use ordinary zip compression, 'deflate')"
        ) from exc
    except RuntimeError as exc:  # "encrypted" (NotImplementedError is a subclass)
        raise Refused(
            f"{member.filename} in the zip is encrypted: zip it without a password"
        ) from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise Refused(f"{member.filename} in the zip is damaged ({exc}): zip it again") from exc
    return written


def _has_non_ascii(raw: RawLayer) -> bool:
    return any(
        isinstance(v, str) and not v.isascii()
        for f in raw.features
        for v in (f.get("properties") or {}).values()
    )


def read_shapefile(request: Request) -> RawLayer:
    """A .shp with its sidecar files beside it; a damaged .dbf is refused, not read empty."""
    return read_ogr(request, "Shapefile", damage=_dbf_problem)
