"""Reading a geodata folder's files as plain data (dicts and lists), reporting what cannot be read.

Both the validator and the atlas start from this, so the files are parsed once.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kengir_geo.schema import Problem

MANIFEST = "layers.toml"
SOURCES = "sources.toml"
CLAIMS = "claims.toml"
STORY = "story.toml"


@dataclass
class RawGeodata:
    root: Path
    manifest: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    chapters: list[dict[str, Any]] = field(default_factory=list)
    layers: dict[str, Any] = field(default_factory=dict)  # layer id -> parsed GeoJSON
    problems: list[Problem] = field(default_factory=list)


def read_toml_tables(path: Path, key: str, problems: list[Problem]) -> list[dict[str, Any]]:
    """The array of tables `key` from a TOML file; a missing or broken file is a problem."""
    label = path.name
    try:
        with path.open("rb") as handle:
            doc = tomllib.load(handle)
    except FileNotFoundError:
        problems.append(Problem(label, "", "", "file is missing"))
        return []
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.append(Problem(label, "", "", f"not valid TOML: {exc}"))
        return []
    tables = doc.get(key, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        problems.append(Problem(label, "", key, f"expected [[{key}]] tables"))
        return []
    return tables


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
    return NOT_JSON


def read_geodata(root: Path) -> RawGeodata:
    """Read every file of a geodata folder; unreadable parts become problems, never exceptions."""
    raw = RawGeodata(root=root)
    raw.manifest = read_toml_tables(root / MANIFEST, "layer", raw.problems)
    raw.sources = read_toml_tables(root / SOURCES, "source", raw.problems)
    raw.claims = read_toml_tables(root / CLAIMS, "claim", raw.problems)
    raw.chapters = read_toml_tables(root / STORY, "chapter", raw.problems)
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
