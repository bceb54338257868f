"""Checks of layers and of a whole geodata folder. Bad input gives problems, never exceptions."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape

from kengir_geo.data.consistency import check_consistency
from kengir_geo.data.dates import DateError, parse_date
from kengir_geo.data.evidence import check_evidence
from kengir_geo.data.figures import Figure, parse_figures
from kengir_geo.data.folder import (
    FIGURES,
    MANIFEST,
    SETTINGS,
    RawGeodata,
    interrupted_save,
    read_geodata,
    unlisted_layer_files,
)
from kengir_geo.data.geojson import GEOMETRY_TYPES
from kengir_geo.data.geometry import paths, polygon_rings, walk_positions
from kengir_geo.data.lessons import check_lessons
from kengir_geo.data.reader_text import check_reader_text
from kengir_geo.data.schema import (
    ACROSS_180,
    CATEGORIES,
    CENTER_RULE,
    CERTAINTIES,
    INVALID_GEOMETRY,
    LAYER_GROUPS,
    LAYER_ID,
    LAYER_TYPES,
    LIST_PROPERTIES,
    NO_SOURCE,
    OPEN_RING,
    ZOOM_RULE,
    Problem,
    as_list,
    is_center,
    is_texts,
    is_zoom,
    text_trouble,
)
from kengir_geo.data.settings import Settings, parse_settings
from kengir_geo.data.translations import check_translations

WGS84_NAMES = ("urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326")
EARLIEST_PLAUSIBLE_YEAR = 1800


def feature_label(feature: Any, index: int) -> str:
    """The feature's id when it has a usable one, else its position as #N."""
    if isinstance(feature, dict):
        props = feature.get("properties")
        fid = props.get("id") if isinstance(props, dict) else None
        if fid is None:
            fid = feature.get("id")
        if isinstance(fid, str | int) and not isinstance(fid, bool) and str(fid).strip():
            return str(fid)
    return f"#{index}"


def check_geometry(geometry: Any, file: str, label: str) -> list[Problem]:
    """Structure, coordinate range, closed rings and validity (with shapely's reason)."""

    def problem(message: str, level: str = "error", code: str = "") -> Problem:
        return Problem(file, label, "geometry", message, level, code)  # type: ignore[arg-type]

    if geometry is None:
        return [problem("no geometry: the feature is kept as unlocated", "warning")]
    if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
        kind = geometry.get("type") if isinstance(geometry, dict) else type(geometry).__name__
        return [
            problem(f"unknown geometry type {kind!r}; expected one of {', '.join(GEOMETRY_TYPES)}")
        ]
    positions = list(walk_positions(geometry))
    if not positions:
        return [problem("geometry has no coordinates", "warning")]
    for position in positions:
        if len(position) < 2 or not all(
            isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
            for v in position
        ):
            return [problem(f"coordinate {position!r} is not a pair of numbers")]
        lon, lat = position[0], position[1]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return [
                problem(
                    f"coordinate ({lon}, {lat}) is out of range: longitude must lie in -180..180 "
                    "and latitude in -90..90 (are lat/lon swapped, or is the file not in WGS84?)"
                )
            ]
    for line in paths(geometry):
        if any(abs(a[0] - b[0]) > 180 for a, b in zip(line, line[1:], strict=False)):
            return [
                problem(
                    "a line or ring crosses the antimeridian (longitude 180): it would be drawn "
                    "the long way round the world; cut it at longitude 180 (RFC 7946 3.1.9)",
                    code=ACROSS_180,
                )
            ]
    for ring in polygon_rings(geometry):
        if isinstance(ring, list) and len(ring) >= 2 and ring[0] != ring[-1]:
            return [
                problem(
                    "a polygon ring is not closed: its last point must repeat its first",
                    code=OPEN_RING,
                )
            ]
        if isinstance(ring, list) and len(ring) < 4:
            return [
                problem("a polygon ring needs at least 4 positions (3 corners and the closing one)")
            ]
    try:
        shapely_geometry = shape(geometry)
    except Exception as exc:  # shapely raises many types for malformed input
        return [problem(f"malformed geometry: {exc}")]
    if shapely_geometry.is_empty:
        return [problem("geometry is empty", "warning")]
    if not shapely_geometry.is_valid:
        reason = shapely.is_valid_reason(shapely_geometry)
        return [problem(f"invalid geometry: {reason}", code=INVALID_GEOMETRY)]
    return []


def _check_dates(props: dict[str, Any], file: str, label: str, layer_type: str) -> list[Problem]:
    problems: list[Problem] = []
    spans = {}
    for key in ("start", "end"):
        value = props.get(key)
        if value in (None, ""):
            continue
        try:
            spans[key] = parse_date(value if isinstance(value, str) else str(value))
        except DateError as exc:
            problems.append(Problem(file, label, key, str(exc)))
            continue
        year = spans[key].earliest.year
        if year < EARLIEST_PLAUSIBLE_YEAR or spans[key].earliest > date.today():
            problems.append(
                Problem(
                    file,
                    label,
                    key,
                    f"{value!r} is not a plausible date "
                    "for this story (before 1800 or in the future)",
                )
            )
    if layer_type == "events" and props.get("start") in (None, ""):
        problems.append(Problem(file, label, "start", "an event needs a start date"))
    if "start" in spans and "end" in spans and spans["end"].latest < spans["start"].earliest:
        problems.append(
            Problem(
                file, label, "end", f"end {spans['end'].text} is before start {spans['start'].text}"
            )
        )
    return problems


def _check_properties(
    props: dict[str, Any],
    geometry: Any,
    file: str,
    label: str,
    layer_type: str,
    source_ids: set[str] | None,
    claim_ids: set[str] | None,
    strict_sources: bool = True,
) -> list[Problem]:
    problems: list[Problem] = []

    def error(field: str, message: str) -> None:
        problems.append(Problem(file, label, field, message))

    for key, value in props.items():
        if _not_text(key) or _not_text(value):
            error(str(key).encode("utf-8", "replace").decode(), NOT_TEXT)
        elif not _flat(value):
            error(key, "properties must be flat: text, a number, or a list of texts")
        elif trouble := text_trouble(str(key), value) or text_trouble("field name", str(key)):
            error(str(key), trouble)

    if props.get("id") in (None, ""):
        error("id", "missing id: every feature needs a unique, stable id")
    if not isinstance(props.get("name"), str) or not props["name"].strip():
        error("name", "missing name")
    for key in ("description", "note"):
        if props.get(key) is not None and not isinstance(props[key], str):
            error(key, f"{key} must be text")
    for key in LIST_PROPERTIES:
        value = props.get(key)
        if value is not None and not isinstance(value, str | list):
            error(key, f"{key} must be a list of text or one text separated by ';'")
    certainty = props.get("certainty")
    if certainty is None:
        error("certainty", f"missing certainty; use one of {', '.join(CERTAINTIES)}")
    elif certainty not in CERTAINTIES:
        error("certainty", f"unknown certainty {certainty!r}; use one of {', '.join(CERTAINTIES)}")
    uncertainty = props.get("uncertainty_m")
    if uncertainty is not None and (
        isinstance(uncertainty, bool)
        or not isinstance(uncertainty, int | float)
        or not math.isfinite(uncertainty)
        or uncertainty < 0
    ):
        error("uncertainty_m", "uncertainty_m must be a distance in metres (a number >= 0)")
    is_point = isinstance(geometry, dict) and geometry.get("type") == "Point"
    if certainty == "unknown" and is_point and not uncertainty:
        error(
            "uncertainty_m",
            "a point whose location is unknown needs uncertainty_m "
            "(the radius of doubt), or draw it as an area",
        )
    sources = as_list(props.get("sources")) if isinstance(props.get("sources"), str | list) else []
    # a user's layer may cite nothing, or works missing from the bibliography: it is then
    # marked so on the map (warnings); the atlas's own layers must cite (errors)
    level = "error" if strict_sources else "warning"
    if not sources:
        problems.append(
            Problem(
                file,
                label,
                "sources",
                "cite at least one source id" if strict_sources else "no source cited",
                level,
                NO_SOURCE,
            )
        )
    elif source_ids is not None:
        for source in sources:
            if source not in source_ids:
                message = f"unknown source id {source!r} (not in sources.toml)"
                if not strict_sources:
                    message = f"source {source!r} is not in the bibliography (sources.toml)"
                problems.append(Problem(file, label, "sources", message, level))
    if claim_ids is not None and isinstance(props.get("claims"), str | list):
        for claim in as_list(props.get("claims")):
            if claim not in claim_ids:
                error("claims", f"unknown claim id {claim!r} (not in claims.toml)")
    category = props.get("category")
    if layer_type == "events" and category is None:
        error("category", f"an event needs a category: one of {', '.join(CATEGORIES)}")
    elif category is not None and category not in CATEGORIES:
        level = "error" if layer_type == "events" else "warning"
        problems.append(
            Problem(
                file,
                label,
                "category",
                f"unknown category {category!r}; use one of {', '.join(CATEGORIES)}",
                level,
            )
        )
    problems += _check_dates(props, file, label, layer_type)
    return problems


_COLOR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?|[a-zA-Z]{3,20}")


def check_style(entry: dict[str, Any], file: str, label: str) -> list[Problem]:
    """A layer's style hints, of the types the renderer draws with."""
    problems: list[Problem] = []
    colors = {k: entry[k] for k in ("color", "fill_color") if k in entry}
    state_colors = entry.get("state_colors", {})
    if not isinstance(state_colors, dict):
        problems.append(
            Problem(
                file, label, "state_colors", 'state_colors must be a table: { "state" = "#hex" }'
            )
        )
    else:
        colors.update({f"state_colors.{k}": v for k, v in state_colors.items()})
    for key, value in colors.items():
        if not isinstance(value, str) or not _COLOR.fullmatch(value):
            problems.append(
                Problem(file, label, key, f"{key} must be a colour like #b22222 or a colour name")
            )
    weight = entry.get("weight", 2)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 <= weight <= 20:
        problems.append(Problem(file, label, "weight", "weight must be a number from 0 to 20"))
    fields = entry.get("fields", {})
    if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
        problems.append(
            Problem(file, label, "fields", 'fields must be a table: { property = "Reader label" }')
        )
    return problems


NOT_TEXT = "holds a lone surrogate or undecodable bytes, which are not text"


def _not_text(value: Any) -> bool:
    """A string with lone surrogates (JSON's "\\ud800", undecodable bytes): not writable."""
    if isinstance(value, list):
        return any(_not_text(v) for v in value)
    return isinstance(value, str) and not value.isascii() and _SURROGATE.search(value) is not None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _flat(value: Any) -> bool:
    if isinstance(value, list):
        return all(v is None or isinstance(v, str | int | float | bool) for v in value)
    return not isinstance(value, dict)


def _check_crs(doc: dict[str, Any], file: str) -> list[Problem]:
    crs = doc.get("crs")
    if crs is None:
        return []
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    if isinstance(name, str) and name in WGS84_NAMES:
        return [
            Problem(file, "", "crs", "the crs member is obsolete in RFC 7946 GeoJSON", "warning")
        ]
    return [
        Problem(
            file,
            "",
            "crs",
            f"coordinates are in {name or 'an unnamed CRS'}; layers must be "
            "WGS84 longitude/latitude (kengir-geo add reprojects)",
        )
    ]


def check_feature_collection(
    doc: Any,
    file: str,
    layer_type: str = "features",
    source_ids: set[str] | None = None,
    claim_ids: set[str] | None = None,
    strict_sources: bool = True,
) -> list[Problem]:
    """Every check of one layer's parsed GeoJSON. Never raises. Without `strict_sources`
    (a user's layer), missing or unknown sources are warnings."""
    if not isinstance(doc, dict):
        return [Problem(file, "", "", f"expected a GeoJSON object, found {type(doc).__name__}")]
    if doc.get("type") != "FeatureCollection":
        return [
            Problem(
                file, "", "type", f"expected a FeatureCollection, found type {doc.get('type')!r}"
            )
        ]
    features = doc.get("features")
    if not isinstance(features, list):
        return [Problem(file, "", "features", "features must be a list")]
    problems = _check_crs(doc, file)
    if not features:
        problems.append(Problem(file, "", "features", "the layer has no features", "warning"))
    seen: dict[str, int] = {}
    for index, feature in enumerate(features):
        label = feature_label(feature, index)
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(Problem(file, label, "type", "expected a Feature object"))
            continue
        props = feature.get("properties")
        if props is None:
            props = {}
        if not isinstance(props, dict):
            problems.append(Problem(file, label, "properties", "properties must be an object"))
            continue
        fid = props.get("id")
        if fid not in (None, ""):
            key = str(fid)
            if key in seen:
                problems.append(
                    Problem(file, label, "id", f"duplicate id {key!r} (also feature #{seen[key]})")
                )
            else:
                seen[key] = index
        geometry = feature.get("geometry")
        problems += check_geometry(geometry, file, label)
        problems += _check_properties(
            props, geometry, file, label, layer_type, source_ids, claim_ids, strict_sources
        )
    return problems


# --- the whole geodata folder -------------------------------------------------------------


def _ids(tables: list[dict[str, Any]], file: str, what: str, problems: list[Problem]) -> set[str]:
    ids: set[str] = set()
    for index, table in enumerate(tables):
        value = table.get("id")
        if not isinstance(value, str) or not value:
            problems.append(Problem(file, f"#{index}", "id", f"{what} without an id"))
        elif value in ids:
            problems.append(Problem(file, value, "id", f"duplicate {what} id {value!r}"))
        else:
            ids.add(value)
    return ids


def _check_manifest(raw: RawGeodata, problems: list[Problem]) -> None:
    _ids(raw.manifest, MANIFEST, "layer", problems)
    for index, entry in enumerate(raw.manifest):
        problems += check_layer_entry(entry, MANIFEST, index)
        label = str(entry.get("id") or f"#{index}")
        if not isinstance(entry.get("file"), str) or not entry["file"].strip():
            problems.append(Problem(MANIFEST, label, "file", "layer entry needs a file"))


def check_layer_entry(entry: dict[str, Any], file: str = MANIFEST, index: int = 0) -> list[Problem]:
    """A [[layer]] table's own fields (not its file): what `add` checks before writing one."""
    problems: list[Problem] = []
    label = entry.get("id") if isinstance(entry.get("id"), str) else f"#{index}"

    def error(key: str, message: str) -> None:
        problems.append(Problem(file, label, key, message))

    if not isinstance(entry.get("id"), str) or not LAYER_ID.fullmatch(entry["id"]):
        error("id", "a layer id is 1-63 lower-case letters, digits, '-' or '_'")
    title = entry.get("title")
    if not isinstance(title, str) or not title.strip():
        error("title", "layer entry needs a title")
    for key in ("title", "description"):
        if _not_text(entry.get(key)):
            error(key, f"the {key} {NOT_TEXT}")
        elif trouble := text_trouble(key, entry.get(key)):
            error(key, trouble)
    if "description" in entry and not isinstance(entry["description"], str):
        error("description", "description must be text")
    if entry.get("type", "features") not in LAYER_TYPES:
        error("type", f"type must be one of {', '.join(LAYER_TYPES)}")
    if entry.get("group", "story") not in LAYER_GROUPS:
        error("group", f"group must be one of {', '.join(LAYER_GROUPS)}")
    if "visible" in entry and not isinstance(entry["visible"], bool):
        error("visible", "visible must be true or false")
    problems += check_style(entry, file, label)
    return problems


def _types(
    table: dict[str, Any], expected: dict[str, Any], file: str, label: str, problems: list[Problem]
) -> None:
    """Each present key of `table` of its expected type: what the loaders rely on."""
    words = {str: "text", bool: "true or false", list: "a list", dict: "a table"}
    for key, kind in expected.items():
        if key not in table:
            continue
        value = table[key]
        if kind == "texts":
            ok = is_texts(value)
            what = "a list of texts"
        elif kind == "number":
            ok = (
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and math.isfinite(value)
            )
            what = "a number"
        elif kind == "year":
            ok = isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))
            what = 'a year (a number or "n.d.")'
        elif kind == "day":
            ok = isinstance(value, str | date)
            what = "a date like 1954-05-16"
        else:
            ok = isinstance(value, kind) and not (kind is not bool and isinstance(value, bool))
            what = words[kind]
        if not ok or _not_text(value):
            problems.append(Problem(file, label, key, f"{key} must be {what}"))


def _check_sources(raw: RawGeodata, problems: list[Problem]) -> set[str]:
    ids = _ids(raw.sources, "sources.toml", "source", problems)
    text_keys = ("id", "title", "short", "author", "published", "language", "kind", "seed", "note")
    text_keys += ("provenance",)  # how the project read it: kept, never printed
    for source in raw.sources:
        label = str(source.get("id", ""))
        _types(
            source,
            {**dict.fromkeys(text_keys, str), "year": "year", "read": bool, "via": "texts"},
            "sources.toml",
            label,
            problems,
        )
        if not isinstance(source.get("title"), str) or not source["title"].strip():
            problems.append(Problem("sources.toml", label, "title", "a source needs a title"))
        _check_texts(source, "sources.toml", label, problems)
        url = source.get("url")
        if url is not None and not (
            isinstance(url, str) and url.startswith(("http://", "https://"))
        ):
            problems.append(
                Problem("sources.toml", label, "url", "url must start with http:// or https://")
            )
    return ids


def _check_claims(raw: RawGeodata, source_ids: set[str], problems: list[Problem]) -> set[str]:
    ids = _ids(raw.claims, "claims.toml", "claim", problems)
    for claim in raw.claims:
        label = str(claim.get("id", ""))
        values = claim.get("value", [])
        _types(claim, {"item": str, "note": str}, "claims.toml", label, problems)
        if not claim.get("item"):
            problems.append(
                Problem("claims.toml", label, "item", "a claim needs an item (what is disputed)")
            )
        if not isinstance(values, list) or len(values) < 2:
            problems.append(
                Problem("claims.toml", label, "value", "a claim needs at least two values")
            )
            continue
        for n, value in enumerate(values):
            if not isinstance(value, dict) or value.get("value") in (None, ""):
                problems.append(
                    Problem("claims.toml", label, f"value[{n}]", "each value needs a value")
                )
                continue
            if not isinstance(value["value"], str):
                _types(value, {"value": "number"}, "claims.toml", label, problems)
            _types(value, {"sources": "texts", "note": str}, "claims.toml", label, problems)
            cited = as_list(value.get("sources"))
            if not cited:
                problems.append(
                    Problem(
                        "claims.toml", label, f"value[{n}].sources", "each value needs its sources"
                    )
                )
            for source in cited:
                if source not in source_ids:
                    problems.append(
                        Problem(
                            "claims.toml",
                            label,
                            f"value[{n}].sources",
                            f"unknown source id {source!r}",
                        )
                    )
    return ids


def _feature_ids(doc: Any) -> set[str]:
    features = doc.get("features", []) if isinstance(doc, dict) else []
    return {
        str(f["properties"]["id"])
        for f in features
        if isinstance(f, dict) and isinstance(f.get("properties"), dict) and "id" in f["properties"]
    }


def _check_texts(table: dict[str, Any], file: str, label: str, problems: list[Problem]) -> None:
    """Control characters and overlong names in a table's text fields."""
    for key, value in table.items():
        if trouble := text_trouble(str(key), value):
            problems.append(Problem(file, label, str(key), trouble))


def _check_chapters(raw: RawGeodata, problems: list[Problem]) -> None:
    _ids(raw.chapters, "story.toml", "chapter", problems)
    layer_ids = raw.layer_ids
    event_ids = _feature_ids(raw.layers.get("events"))
    expected = {
        "date": "day",
        "until": "day",
        "notes": str,
        "content_note": str,
        "layers": list,
        "highlight": list,
    }
    for chapter in raw.chapters:
        label = str(chapter.get("id", ""))

        def error(field: str, message: str, label: str = label) -> None:
            problems.append(Problem("story.toml", label, field, message))

        _types(chapter, expected, "story.toml", label, problems)
        if "date" not in chapter:
            error("date", "a chapter needs a date")
        for key in ("layers", "highlight"):
            if not isinstance(chapter.get(key, []), list):
                chapter = {**chapter, key: []}  # reported above
            elif not all(isinstance(v, str) for v in chapter.get(key, [])):
                error(key, f"{key} must be a list of ids")
                chapter = {**chapter, key: []}

        for key in ("title", "narrative"):
            if not isinstance(chapter.get(key), str) or not chapter[key].strip():
                error(key, f"a chapter needs a {key}")
        _check_texts(chapter, "story.toml", label, problems)
        for key in ("date", "until"):
            if key in chapter:
                try:
                    parse_date(str(chapter[key]))
                except DateError as exc:
                    error(key, str(exc))
        if not is_center(chapter.get("center")):
            error("center", CENTER_RULE)
        if not is_zoom(chapter.get("zoom")):
            error("zoom", ZOOM_RULE)
        for layer in chapter.get("layers", []):
            if layer not in layer_ids:
                error("layers", f"unknown layer {layer!r}")
        for event in chapter.get("highlight", []):
            if event not in event_ids:
                error("highlight", f"no event with id {event!r} in the events layer")


@dataclass(frozen=True)
class Checked:
    """A folder's problems, and the typed tables the checks parsed on the way (the atlas
    builds on them instead of parsing atlas.toml and figures.toml again)."""

    problems: list[Problem]
    settings: Settings
    figures: list[Figure]


def check_geodata(raw: RawGeodata) -> list[Problem]:
    """Everything about a geodata folder: manifest, bibliography, claims, chapters, layers."""
    return check_and_parse(raw).problems


def check_and_parse(raw: RawGeodata) -> Checked:
    """check_geodata, keeping the settings and figures it parsed."""
    problems = list(raw.problems)
    _check_manifest(raw, problems)
    source_ids = _check_sources(raw, problems)
    claim_ids = _check_claims(raw, source_ids, problems)
    for entry in raw.manifest:
        doc = raw.layers.get(entry["id"]) if isinstance(entry.get("id"), str) else None
        if doc is not None and isinstance(entry.get("file"), str):
            problems += check_feature_collection(
                doc,
                entry["file"],
                entry.get("type", "features"),
                source_ids,
                claim_ids,
                strict_sources=entry.get("group") != "user",
            )
    _check_chapters(raw, problems)
    settings = _check_settings(raw, claim_ids, problems)
    problems += check_evidence(raw)
    problems += check_reader_text(raw, source_ids, settings.hidden_codes)
    problems += check_consistency(raw)  # prose numbers and days agree with their evidence
    problems += check_translations(raw)  # geodata/i18n/<lang>/: missing, stale, mismatched
    problems += check_lessons(raw, settings)  # geodata/lessons/*.toml
    figures, figure_problems = parse_figures(raw.figures, source_ids)
    problems += figure_problems
    layer_ids = raw.layer_ids
    for figure in figures:
        if figure.layer and figure.layer not in layer_ids:
            problems.append(Problem(FIGURES, figure.id, "layer", f"unknown layer {figure.layer!r}"))
    return Checked(problems, settings, figures)


def _check_settings(raw: RawGeodata, claim_ids: set[str], problems: list[Problem]) -> Settings:
    settings = parse_settings(raw.settings, problems)
    if settings.focus is not None:
        for claim in settings.focus.claims:
            if claim not in claim_ids:
                problems.append(Problem(SETTINGS, "focus", "claims", f"unknown claim id {claim!r}"))
    return settings


def validate_geodata(root: Path) -> list[Problem]:
    raw = read_geodata(root)
    return check_geodata(raw) + leftover_problems(raw)


def leftover_problems(raw: RawGeodata) -> list[Problem]:
    """Files in the folder that no layer uses: what an interrupted save left (the next
    `kengir-geo add` removes it), and layer files nobody listed."""
    listed = {str(e.get("file")) for e in raw.manifest if isinstance(e, dict)}
    left = interrupted_save(raw.root, listed)
    problems = [
        Problem(
            str(path.relative_to(raw.root)),
            "",
            "",
            "left by a save that was interrupted; the next `kengir-geo add` removes it",
            "warning",
        )
        for path in left
    ]
    problems += [
        Problem(
            str(path.relative_to(raw.root)),
            "",
            "",
            f"no layer in {MANIFEST} uses this file: list it there, or delete it",
            "warning",
        )
        for path in unlisted_layer_files(raw.root, listed)
        if path not in left
    ]
    return problems
