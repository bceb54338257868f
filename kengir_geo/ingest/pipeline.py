"""The one pass from a file to a layer: read, reproject, tidy, check, in that order.

`ingest_file` is what the CLI (`kengir-geo add`) and the upload page both run, always in a
worker bounded in time and memory (`ingest_bounded`); its result is saved by write.py.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyproj import CRS
from pyproj.exceptions import CRSError

from kengir_geo.data.folder import RawGeodata, read_geodata
from kengir_geo.data.schema import (
    ACROSS_180,
    INVALID_GEOMETRY,
    LAYER_ID,
    NO_SOURCE,
    OPEN_RING,
    Problem,
    has_errors,
)
from kengir_geo.data.validate import check_feature_collection, check_layer_entry
from kengir_geo.ingest.bounded import Failure, doing, in_worker, run_bounded
from kengir_geo.ingest.cite import CiteError, parse_citation
from kengir_geo.ingest.normalize import (
    bbox_center,
    check_region,
    drop_z_and_round,
    flatten_nested,
    is_wgs84,
    looks_projected,
    normalize_properties,
    repair_and_orient,
    strip_controls,
    to_wgs84,
)
from kengir_geo.ingest.read import Limits, check_readable, detect_format, read_layer
from kengir_geo.ingest.skip import feature_names, leave_out_invalid, renamed
from kengir_geo.ingest.write import (
    layer_collection_text,
)

REGION_KM = 1500  # farther than this from every chapter's centre earns a warning
_FIXABLE = (INVALID_GEOMETRY, OPEN_RING, ACROSS_180)


@dataclass
class IngestResult:
    """What came of a file: the cleaned layer (None when unreadable), every problem, and the
    [[layer]] table that `save_layer` would add. `notes` say what was done, for the author."""

    collection: dict[str, Any] | None
    problems: list[Problem]
    entry: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    encoding_guess: str | None = None  # the encoding the text looks like, when not UTF-8
    source: dict[str, Any] | None = None  # a new [[source]] for sources.toml (--cite)
    text: str | None = None  # the layer as GeoJSON text, as a worker hands it over (compact)

    @property
    def readable(self) -> bool:
        return self.collection is not None or self.text is not None

    @property
    def ok(self) -> bool:
        return self.readable and not has_errors(self.problems)

    def layer(self) -> dict[str, Any]:
        """The cleaned FeatureCollection (parsed from `text` when it came from a worker)."""
        if self.collection is None and self.text is not None:
            self.collection = json.loads(self.text)
        if self.collection is None:
            raise ValueError("the file could not be read; see the problems")
        return self.collection

    def layer_text(self) -> str:
        return self.text if self.text is not None else layer_collection_text(self.layer())


def _story_region(raw: RawGeodata) -> list[tuple[float, float]]:
    """(lon, lat) points the story is about: chapter centres, else the layers' centres."""
    region = [
        (float(c["center"][1]), float(c["center"][0]))
        for c in raw.chapters
        if isinstance(c.get("center"), list) and len(c["center"]) == 2
    ]
    if not region:
        for doc in raw.layers.values():
            features = doc.get("features") if isinstance(doc, dict) else None
            center = bbox_center(features) if isinstance(features, list) else None
            if center:
                region.append(center)
    return region


def _with_fix_hint(problems: list[Problem], fix: bool) -> list[Problem]:
    if fix:
        return problems
    return [
        dataclasses.replace(p, message=f"{p.message} (the repair option, --fix, can mend this)")
        if p.is_error and p.code in _FIXABLE
        else p
        for p in problems
    ]


def ingest_file(
    path: Path,
    layer_id: str,
    title: str,
    *,
    layer_type: str = "features",
    geodata_root: Path | None = None,
    label: str | None = None,
    layer: str | None = None,
    encoding: str | None = None,
    crs: str | None = None,
    fix: bool = False,
    skip_invalid: bool = False,
    default_sources: list[str] | tuple[str, ...] = (),
    cite: str | None = None,
    description: str | None = None,
    limits: Limits | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> IngestResult:
    """Read any supported file and turn it into a valid layer, or say precisely why not.

    With `geodata_root`, source and claim ids are checked against that folder's sources.toml
    and claims.toml, and the layer's position against its story. `cite` ("Author, Title,
    Year, URL") becomes a new bibliography entry cited where a feature cites nothing.
    `skip_invalid` leaves out the features with errors, each named with its reason.
    `progress(step, fraction)` hears about each step. Never raises on bad input.
    With `fix`, the work runs in a worker bounded like `ingest_bounded` (a repair can need
    gigabytes).
    """
    if fix and not in_worker():
        bounded = ingest_bounded(
            path,
            layer_id,
            title,
            layer_type=layer_type,
            geodata_root=geodata_root,
            label=label,
            layer=layer,
            encoding=encoding,
            crs=crs,
            fix=fix,
            skip_invalid=skip_invalid,
            default_sources=default_sources,
            cite=cite,
            description=description,
            limits=limits,
        )
        if bounded.readable:
            bounded.layer()  # the collection, as an in-process caller expects it
        return bounded
    step = progress or (lambda _text, _fraction: None)
    step("Reading the file", 0.05)
    label = label or str(path)
    entry: dict[str, Any] = {"id": layer_id, "title": title, "group": "user", "type": layer_type}
    if description:
        entry["description"] = description
    problems: list[Problem] = check_layer_entry(entry, MANIFEST_LABEL)
    notes: list[str] = []
    geodata = read_geodata(geodata_root) if geodata_root is not None else None
    source = None
    if cite:
        try:
            source = parse_citation(cite, geodata.source_ids if geodata else set())
        except CiteError as exc:
            problems.append(Problem(label, "", "sources", f"--cite: {exc}"))
        else:
            default_sources = [*default_sources, source["id"]]
    if has_errors(problems):
        return IngestResult(None, problems, entry, notes)
    hints: dict[str, str] = {}
    doing(f"reading the {detect_format(path) or 'file'}", hint=_reading_hint(path))
    raw = read_layer(
        path, label, problems, layer=layer, encoding=encoding, limits=limits, hints=hints
    )
    if raw is None:
        return IngestResult(None, problems, entry, notes, hints.get("encoding"))
    features = raw.features
    notes.append(f"read {len(features)} features from a {raw.format} file")
    if not features:
        problems.append(Problem(label, "", "features", "the file has no features: nothing to add"))
        return IngestResult(None, problems, entry, notes)

    declared = raw.crs
    if crs:
        try:
            declared = CRS.from_user_input(crs)
        except CRSError:
            problems.append(
                Problem(label, "", "crs", f"unknown CRS {crs!r}; write e.g. EPSG:32642")
            )
            return IngestResult(None, problems, entry, notes)
    if declared is None and looks_projected(features):
        where = (
            "put the shapefile's .prj file into the zip"
            if raw.format == "zipped Shapefile"
            else "say which"
        )
        problems.append(
            Problem(
                label,
                "",
                "crs",
                "the coordinates look like metres of a projected system, not longitude/latitude, "
                f"and the file does not say which system: {where}, or name it with --crs "
                "(e.g. EPSG:32642 for UTM zone 42N)",
            )
        )
        return IngestResult(None, problems, entry, notes)
    if declared is None and raw.format in ("zipped Shapefile", "Shapefile", "GeoPackage"):
        problems.append(
            Problem(
                label,
                "",
                "crs",
                "the file names no CRS; read as WGS84 longitude/latitude",
                "warning",
            )
        )
    if declared is not None and not is_wgs84(declared):
        try:
            to_wgs84(features, declared)
        except Exception as exc:  # pyproj raises ProjError and others for impossible input
            problems.append(
                Problem(label, "", "crs", f"cannot reproject from {declared.name}: {exc}")
            )
            return IngestResult(None, problems, entry, notes)
        notes.append(f"reprojected from {declared.name} to WGS84 longitude/latitude")
    elif raw.crs_member:
        notes.append("dropped the obsolete GeoJSON crs member (the data is WGS84)")

    step("Bringing coordinates and properties into shape", 0.45)
    doing("bringing the coordinates and properties into shape")
    with_z = drop_z_and_round(features)
    if with_z:
        problems.append(
            Problem(label, "", "geometry", f"dropped heights (Z) from {with_z} features", "warning")
        )
    problems += flatten_nested(features, label)
    problems += strip_controls(features, label)
    problems += normalize_properties(features, label, layer_id, list(default_sources))
    problems += repair_and_orient(features, label, fix)
    collection = {"type": "FeatureCollection", "features": features}

    step("Checking every feature", 0.7)
    doing("checking every feature")
    source_ids = claim_ids = None
    region: list[tuple[float, float]] = []
    if geodata is not None:
        source_ids, claim_ids = geodata.source_ids, geodata.claim_ids
        if source is not None:
            source_ids.add(source["id"])
        region = _story_region(geodata)
    checked = check_feature_collection(
        collection, label, layer_type, source_ids, claim_ids, strict_sources=False
    )
    problems += _summarised(checked)
    problems += _with_fix_hint([p for p in checked if p.field != "sources"], fix)
    problems += check_region(features, label, region, REGION_KM)
    names = feature_names(features, raw.extra.get("rows"))
    problems = renamed(problems, names)
    noun = "rows" if raw.format == "CSV" else "features"
    if skip_invalid:
        kept, problems, left_out = leave_out_invalid(features, problems, names, label)
        if left_out:
            notes.append(f"left out {left_out} of {len(features)} {noun} with errors")
            collection["features"] = kept
    elif (
        (bad := {p.feature for p in problems if p.is_error and p.feature})
        and len(bad) < len(features)
        and not any(p.is_error and not p.feature for p in problems)
    ):
        notes.append(
            f"{len(bad)} of {len(features)} {noun} have errors: --skip-invalid (on the "
            "upload page: 'Add the valid rows…') adds the others and names each one left out"
        )
    step("Done", 1.0)
    return IngestResult(collection, problems, entry, notes, source=source)


MANIFEST_LABEL = "layers.toml"
UNSOURCED_HINT = (
    "cite a source for the whole layer: --source ID for a work in sources.toml, or "
    '--cite "Author, Title, Year, URL" for a new one (on the upload page: the fields under '
    "'Sources')"
)


def _summarised(checked: list[Problem]) -> list[Problem]:
    """The source warnings of a user's layer, one line per kind with the count, not one per
    feature: a quick layer of memorial sites may cite nothing and is still added."""
    about_sources = [p for p in checked if p.field == "sources"]
    uncited = sum(p.code == NO_SOURCE for p in about_sources)
    unknown = [p for p in about_sources if p.code != NO_SOURCE]
    out = []
    if uncited:
        file = about_sources[0].file
        out.append(
            Problem(
                file,
                "",
                "sources",
                f"{uncited} feature(s) cite no source: they will be marked 'no source cited' "
                f"on the map; {UNSOURCED_HINT}",
                "warning",
            )
        )
    return out + unknown


def _reading_hint(path: Path) -> str:
    if detect_format(path) == "GeoPackage":
        return "is its layer a view whose rows never end?"
    return (
        "it may hold far more inside than its size shows (very many coordinates or long "
        "texts): split it into smaller files, or simplify its shapes first"
    )


def ingest_bounded(
    path: Path, layer_id: str, title: str, *, limits: Limits | None = None, **options: Any
) -> IngestResult:
    """`ingest_file` in a worker with the limits' time and memory: what `kengir-geo add`
    and the upload page run, so that no file can hang or exhaust the machine."""
    limits = limits or Limits()
    label = options.get("label") or str(path)
    entry = {"id": layer_id, "title": title, "group": "user", "type": options.get("layer_type")}
    unreadable = check_readable(path, label, limits)
    if unreadable is not None:
        return IngestResult(None, [unreadable], entry)
    result = run_bounded(
        _ingest_as_text,
        path,
        layer_id,
        title,
        limits=limits,
        seconds=limits.seconds,
        memory_mb=limits.memory_mb,
        **options,
    )
    if isinstance(result, Failure):
        field = "geometry" if result.feature else ""
        return IngestResult(None, [Problem(label, result.feature, field, result.message)], entry)
    return result


def _ingest_as_text(*args: Any, **options: Any) -> IngestResult:
    """ingest_file, with the layer handed back as text: a few bytes per coordinate through
    the pipe and in the caller, instead of a Python object per number."""
    result = ingest_file(*args, **options)
    if result.collection is not None:
        result.text = layer_collection_text(result.collection)
        result.collection = None
    return result


def check_file(path: Path, layer_type: str = "features", **options: Any) -> list[Problem]:
    """What `kengir-geo validate FILE` reports: what `kengir-geo add` would say of the file,
    read within the limits, without a target folder."""
    layer_id = re.sub(r"[^a-z0-9_-]+", "-", path.stem.lower()).strip("-")[:63] or "layer"
    if not LAYER_ID.fullmatch(layer_id):
        layer_id = "layer"
    return ingest_bounded(path, layer_id, "Checked file", layer_type=layer_type, **options).problems
