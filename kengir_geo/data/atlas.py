"""The whole story loaded once: layers as GeoDataFrames, sources, claims and chapters, typed.

Dates stay as the strings the data gives (folium cannot serialise timestamps, and a partial date
must not become a false exact day); their intervals are added as integer day columns.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from kengir_geo.data.figures import Figure, parse_figures
from kengir_geo.data.folder import RawGeodata, bundled_geodata, by_id, fingerprint, read_geodata
from kengir_geo.data.intervals import feature_interval
from kengir_geo.data.schema import LIST_PROPERTIES, Problem, as_list, has_errors
from kengir_geo.data.settings import Settings, parse_settings
from kengir_geo.data.validate import check_and_parse

# The integer interval columns every layer frame carries (see intervals.py).
INTERVAL_COLUMNS = ("first_day", "sure_from", "sure_until", "last_day")
BASE_COLUMNS = (
    "id",
    "name",
    "label",
    "names",
    "description",
    "start",
    "end",
    "certainty",
    "location_certainty",
    "sources",
    "uncertainty_m",
    "category",
    "kind",
    "state",
    "claims",
    "note",
)


class AtlasError(Exception):
    """The geodata folder has errors; `problems` lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.is_error]
        shown = "\n".join(str(p) for p in errors[:20])
        more = f"\n… and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{len(errors)} error(s) in the geodata:\n{shown}{more}")


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    short: str = ""  # how reader text names it: "Dunn (2021)"
    author: str = ""
    year: int | str | None = None
    published: str = ""  # where: journal and issue, publisher, website
    url: str | None = None
    language: str = ""
    seed: str | None = None
    kind: str = ""
    read: bool = True  # False: known only through the works in `via`
    via: tuple[str, ...] = ()
    note: str = ""

    @property
    def name(self) -> str:
        return self.short or self.title


@dataclass(frozen=True)
class ClaimValue:
    value: str
    sources: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Claim:
    id: str
    item: str
    values: tuple[ClaimValue, ...]
    note: str = ""


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    date: str
    center: tuple[float, float]
    zoom: int
    layers: tuple[str, ...]
    highlight: tuple[str, ...]
    narrative: str
    notes: str = ""  # for the teacher: never on the projected page
    until: str | None = None
    frame: tuple[str, ...] = ()  # feature or layer ids the map fits to
    content_note: str = ""  # shown before the chapter when presenting


@dataclass
class Layer:
    id: str
    title: str
    file: str
    group: str
    type: str
    visible: bool
    description: str
    style: dict[str, Any]
    frame: gpd.GeoDataFrame
    fields: dict[str, str] = field(default_factory=dict)  # property -> reader label
    plan: bool = False  # a schematic plan: not to scale, not in its real place


@dataclass
class Atlas:
    root: Path
    layers: dict[str, Layer]
    sources: dict[str, Source]
    claims: dict[str, Claim]
    chapters: list[Chapter]
    settings: Settings = field(default_factory=Settings)
    figures: list[Figure] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    language: str = "en"  # the language of its texts (data/translated.py)
    # (file, id, field) of texts shown in English because their translation is missing or stale
    untranslated: frozenset[tuple[str, str, str]] = frozenset()

    def chapter(self, chapter_id: str) -> Chapter | None:
        return next((c for c in self.chapters if c.id == chapter_id), None)


def layer_frame(doc: dict[str, Any], layer_type: str) -> gpd.GeoDataFrame:
    """A FeatureCollection as a GeoDataFrame with the contract's columns and interval columns."""
    features = doc.get("features", [])
    frame = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    if frame.empty and "geometry" not in frame:
        frame = gpd.GeoDataFrame({"geometry": gpd.GeoSeries([], crs="EPSG:4326")})
    for column in BASE_COLUMNS:
        if column not in frame:
            frame[column] = None
    frame = frame.astype({"id": str})
    # a layer that gives one certainty for both is as sure of where as of what and when
    frame["location_certainty"] = frame["location_certainty"].where(
        frame["location_certainty"].notna(), frame["certainty"]
    )
    for column in LIST_PROPERTIES:
        frame[column] = [as_list(value) for value in frame[column]]
    intervals = [
        feature_interval(start, end, layer_type)
        for start, end in zip(frame["start"], frame["end"], strict=True)
    ]
    for column in INTERVAL_COLUMNS:
        frame[column] = pd.array([getattr(i, column) for i in intervals], dtype="int64")
    return frame


def _style(entry: dict[str, Any]) -> dict[str, Any]:
    keys = ("color", "fill_color", "weight", "state_colors", "state_patterns", "plan")
    return {k: entry[k] for k in keys if k in entry}


def build_atlas(
    raw: RawGeodata,
    problems: list[Problem],
    settings: Settings | None = None,
    figures: list[Figure] | None = None,
) -> Atlas:
    """The typed atlas of a read folder. `settings` and `figures`: as the validator parsed
    them (check_and_parse), so atlas.toml and figures.toml are parsed once."""
    layers = {}
    for entry in raw.manifest:
        layer_type = entry.get("type", "features")
        layers[entry["id"]] = Layer(
            id=entry["id"],
            title=entry["title"],
            file=entry["file"],
            group=entry.get("group", "story"),
            type=layer_type,
            visible=bool(entry.get("visible", True)),
            description=entry.get("description", ""),
            style=_style(entry),
            frame=layer_frame(raw.layers[entry["id"]], layer_type),
            fields=dict(entry.get("fields", {})),
            plan=entry.get("plan") is True,
        )
    sources = {
        source_id: Source(
            **{k: s[k] for k in Source.__dataclass_fields__ if k in s and k != "via"},
            via=tuple(as_list(s.get("via"))),
        )
        for source_id, s in by_id(raw.sources).items()
    }
    claims = {
        claim_id: Claim(
            id=claim_id,
            item=c["item"],
            note=c.get("note", ""),
            values=tuple(
                ClaimValue(str(v["value"]), tuple(as_list(v.get("sources"))), v.get("note", ""))
                for v in c["value"]
            ),
        )
        for claim_id, c in by_id(raw.claims).items()
    }
    chapters = [
        Chapter(
            id=c["id"],
            title=c["title"],
            date=str(c["date"]),
            until=str(c["until"]) if "until" in c else None,
            center=(float(c["center"][0]), float(c["center"][1])),
            zoom=int(c["zoom"]),
            layers=tuple(c.get("layers", ())),
            highlight=tuple(c.get("highlight", ())),
            narrative=c["narrative"].strip(),
            notes=c.get("notes", "").strip(),
            frame=tuple(c.get("frame", ())),
            content_note=c.get("content_note", "").strip(),
        )
        for c in raw.chapters
    ]
    warnings = [p for p in problems if not p.is_error]
    if settings is None:  # the validator has reported its problems
        settings = parse_settings(raw.settings, [])
    if figures is None:
        figures, _ = parse_figures(raw.figures)
    return Atlas(raw.root, layers, sources, claims, chapters, settings, figures, warnings)


def load_atlas(path: str | Path | None = None) -> Atlas:
    """Load and validate a geodata folder (the bundled one by default). Cached per folder.

    Raises AtlasError listing every error when the data does not validate.
    """
    root = Path(path) if path is not None else bundled_geodata()
    with _LOADING:  # two threads asking at once (the app's warm-up and a page) load it once
        return _load_cached(root.resolve(), fingerprint(root.resolve()))


_LOADING = threading.Lock()


@lru_cache(maxsize=8)
def _load_cached(root: Path, fingerprint: tuple) -> Atlas:
    raw = read_geodata(root)
    checked = check_and_parse(raw)
    if has_errors(checked.problems):
        raise AtlasError(checked.problems)
    return build_atlas(raw, checked.problems, checked.settings, checked.figures)
