"""Reading a geodata folder: every file once, as plain data, what cannot be read as problems.

The validator, the atlas, the ingest pipeline and the pages all start from `read_geodata`, so
the files are parsed in one place and every caller reports the same problems in the same words.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kengir_geo.data.atomic import PENDING, partial_writes, pending_files
from kengir_geo.data.schema import Problem

MANIFEST = "layers.toml"
SOURCES = "sources.toml"
CLAIMS = "claims.toml"
STORY = "story.toml"
FIGURES = "figures.toml"
SETTINGS = "atlas.toml"

# Every command and the app show this folder instead of the bundled one when it is set.
GEODATA_ENV = "KENGIR_GEODATA"

_PACKAGE = Path(__file__).resolve().parent.parent


def not_geodata_reason(path: Path) -> str | None:
    """Why `path` is not a geodata folder, or None when it is one (it has a manifest)."""
    if (Path(path) / MANIFEST).is_file():
        return None
    return f"{path}: not a geodata folder (no {MANIFEST})"


def bundled_geodata() -> Path:
    """The geodata folder: inside the package when installed from a wheel, else the repo's."""
    for candidate in (_PACKAGE / "geodata", _PACKAGE.parent / "geodata"):
        if not_geodata_reason(candidate) is None:
            return candidate
    raise FileNotFoundError(
        "no geodata/ folder with layers.toml found next to the kengir_geo package"
    )


def fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and mtimes of the folder's files: a saved or edited layer changes it, so
    caches keyed by it reload the atlas."""
    files = sorted(p for p in Path(root).rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


def content_hash(*roots: Path) -> str:
    """A SHA-256 of the folders' files (relative names and bytes; compiled Python left out):
    the same files give the same hash wherever and whenever they were written."""
    digest = hashlib.sha256()
    for root in roots:
        root = Path(root)
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            if "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@dataclass
class RawGeodata:
    root: Path
    manifest: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    chapters: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)  # atlas.toml
    layers: dict[str, Any] = field(default_factory=dict)  # layer id -> parsed GeoJSON
    problems: list[Problem] = field(default_factory=list)

    @property
    def layer_ids(self) -> set[str]:
        """The manifest's usable layer ids (the validator reports the others)."""
        return set(by_id(self.manifest))

    @property
    def source_ids(self) -> set[str]:
        return set(by_id(self.sources))

    @property
    def claim_ids(self) -> set[str]:
        return set(by_id(self.claims))


def by_id(tables: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A file's [[tables]] by id, the one rule every reader of ids follows (the atlas, the
    validator's cross-checks, ingest): a table without a string id is left out, and the
    validator reports it."""
    return {t["id"]: t for t in tables if isinstance(t.get("id"), str)}


def read_toml(path: Path, problems: list[Problem], required: bool = True) -> dict[str, Any]:
    """A TOML file as a dict; a missing (when required), unreadable or broken file is a problem."""
    label = path.name
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        if required:
            problems.append(Problem(label, "", "", "file is missing"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.append(Problem(label, "", "", f"not valid TOML: {exc}"))
    except RecursionError:
        problems.append(Problem(label, "", "", "not valid TOML: nested too deeply to read"))
    except OSError as exc:
        problems.append(Problem(label, "", "", f"cannot read the file: {exc.strerror or exc}"))
    return {}


def tables(doc: dict[str, Any], key: str, label: str, problems: list[Problem]) -> list[dict]:
    """The array of tables `key` ([[key]]) of a parsed TOML file."""
    found = doc.get(key, [])
    if not isinstance(found, list) or not all(isinstance(t, dict) for t in found):
        problems.append(Problem(label, "", key, f"expected [[{key}]] tables"))
        return []
    return found


def read_toml_tables(path: Path, key: str, problems: list[Problem]) -> list[dict[str, Any]]:
    return tables(read_toml(path, problems), key, path.name, problems)


def listed_layer_ids(root: Path) -> set[str]:
    """The layer ids of a folder's manifest alone, without reading its layers (ingest asks
    before a save); empty when the manifest cannot be read (saving then says why)."""
    return set(by_id(read_toml_tables(Path(root) / MANIFEST, "layer", [])))


def read_json_file(path: Path, label: str, problems: list[Problem]) -> Any | None:
    """Parse a JSON file, turning every way it can fail into one located problem."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(label, "", "", "file is missing"))
        return None
    except OSError as exc:
        problems.append(Problem(label, "", "", f"cannot read the file: {exc.strerror}"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(label, "", "", f"not UTF-8 text (byte {exc.start}); GeoJSON must be UTF-8")
        )
        return None
    doc = parse_json(text, label, problems)
    return None if doc is NOT_JSON else doc


# JSON's "no value" marker for a parse that failed (None is valid JSON: `null`).
NOT_JSON = object()


def parse_json(text: str, label: str, problems: list[Problem]) -> Any:
    """The JSON value of `text`, or NOT_JSON with the reason added to `problems`."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        cut = exc.pos >= len(text.rstrip())
        hint = " (the file seems cut short: was the download or copy complete?)" if cut else ""
        where = f"line {exc.lineno}, column {exc.colno}"
        problems.append(Problem(label, "", "", f"not valid JSON at {where}: {exc.msg}{hint}"))
    except RecursionError:
        problems.append(Problem(label, "", "", "the JSON is nested too deeply to read"))
    except ValueError as exc:  # a number of more than 4,300 digits
        problems.append(Problem(label, "", "", f"not valid JSON: {exc}"))
    return NOT_JSON


def read_geodata(root: Path) -> RawGeodata:
    """Read every file of a geodata folder; unreadable parts become problems, never exceptions."""
    root = Path(root)
    raw = RawGeodata(root=root)
    raw.manifest = read_toml_tables(root / MANIFEST, "layer", raw.problems)
    raw.sources = read_toml_tables(root / SOURCES, "source", raw.problems)
    raw.claims = read_toml_tables(root / CLAIMS, "claim", raw.problems)
    raw.chapters = read_toml_tables(root / STORY, "chapter", raw.problems)
    figures = read_toml(root / FIGURES, raw.problems, required=False)
    raw.figures = tables(figures, "figure", FIGURES, raw.problems)
    raw.settings = read_toml(root / SETTINGS, raw.problems, required=False)
    for entry in raw.manifest:
        layer_id, file = entry.get("id"), entry.get("file")
        if not isinstance(layer_id, str) or not isinstance(file, str):
            continue  # the validator reports the broken entry
        path = root / file
        if not path.is_file():
            raw.problems.append(
                Problem(MANIFEST, layer_id, "file", f"layer file {file} does not exist")
            )
            continue
        doc = read_json_file(path, file, raw.problems)
        if doc is not None:
            raw.layers[layer_id] = doc
    return raw


# --- what an interrupted save leaves (ingest/write.py saves; validate reports; add cleans) ---

OUR_ROOT_FILES = re.compile(rf"{re.escape(MANIFEST)}|{re.escape(SOURCES)}|{re.escape(PENDING)}")
LAYER_FILE = re.compile(r"[a-z0-9][a-z0-9_-]*\.geojson")


def interrupted_save(root: Path, listed: set[str]) -> list[Path]:
    """What a save killed half-way left in the folder: its temporary files, and the layer
    files PENDING names that no manifest entry (`listed`) uses."""
    found = partial_writes(root, OUR_ROOT_FILES) + partial_writes(root / "layers", LAYER_FILE)
    for named in pending_files(root):
        path = root / named
        if (
            named not in listed
            and re.fullmatch(r"layers/[a-z0-9][a-z0-9_-]*\.geojson", named)
            and path.resolve().parent == (root / "layers").resolve()
            and path.is_file()
        ):
            found.append(path)
    return found


def unlisted_layer_files(root: Path, listed: set[str]) -> list[Path]:
    """layers/*.geojson files that no [[layer]] entry (`listed`) uses."""
    return sorted(
        path
        for path in (Path(root) / "layers").glob("*.geojson")
        if f"layers/{path.name}" not in listed and path.is_file()
    )
