"""Saving a layer into a geodata folder so that nothing already there can be lost.

Order of writes: a note naming the new layer file (PENDING), the layer file under a name no
manifest entry uses, sources.toml when the layer brings a new work, then layers.toml (the
manifest) in one atomic rename (data/atomic.py). Killed at any moment, the folder holds either
the old state (plus at worst an unreferenced file, which the next save removes) or the new one.
The TOML files are edited with tomlkit, which keeps the author's comments and layout and
escapes every character a TOML string cannot hold as it is.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT

from kengir_geo.data.atomic import PENDING, atomic_write
from kengir_geo.data.folder import (
    MANIFEST,
    SOURCES,
    interrupted_save,
    listed_layer_ids,
    read_toml_tables,
)
from kengir_geo.data.schema import Problem


class SaveError(Exception):
    """The layer was not saved; the geodata folder is as it was. The message says why."""


class LayerExists(SaveError):
    pass


def layer_collection_text(collection: dict[str, Any]) -> str:
    """GeoJSON with one feature per line: small, and readable in a diff."""
    features = ",\n".join(json.dumps(f, ensure_ascii=False) for f in collection["features"])
    return f'{{"type": "FeatureCollection", "features": [\n{features}\n]}}\n'


@contextlib.contextmanager
def folder_lock(root: Path) -> Iterator[None]:
    """One writer at a time (the CLI and the app may both save)."""
    fd = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _table(entry: dict[str, Any]) -> Any:
    table = tomlkit.table()
    table.update(entry)
    table.trivia.indent = "\n"  # a blank line before a new table, as people write them
    return table


def _replacement(old: Any, entry: dict[str, Any]) -> Any:
    """A table with the values of `entry` that keeps what the author wrote around `old`'s:
    its leading blank lines, a comment on a kept key's line, the comments after it."""
    table = tomlkit.table()
    table.trivia.indent = old.trivia.indent
    for key, value in entry.items():
        item = old.item(key) if key in old else None
        if item is not None and item.unwrap() == value:
            table.add(key, item)
        else:
            table.add(key, value)
    body = old.value.body
    cut = len(body)
    while cut and body[cut - 1][0] is None:  # comments and blank lines belong to what follows
        cut -= 1
    for _key, trivia in body[cut:]:
        table.add(trivia)
    return table


def _tables(doc: Any, name: str) -> Any:
    """The document's array of [[name]] tables, made when it has none."""
    if name not in doc:
        doc.append(name, tomlkit.aot())
    tables = doc[name]
    if not isinstance(tables, AoT):
        raise SaveError(f"[[{name}]] is written in a form this tool cannot edit; edit it by hand")
    return tables


def _checked(text: str, name: str, expected: list[dict[str, Any]], file: str) -> str:
    if tomllib.loads(text).get(name, []) != expected:
        raise SaveError(f"{file} has a layout this tool cannot edit safely; edit it by hand")
    return text


def sources_with(text: str, source: dict[str, Any]) -> str:
    """sources.toml with one [[source]] appended; comments and layout kept (tomlkit), the
    result checked by parsing before it is returned."""
    old = tomllib.loads(text).get("source", [])
    doc = tomlkit.parse(text)
    _tables(doc, "source").append(_table(source))
    return _checked(tomlkit.dumps(doc), "source", [*old, source], SOURCES)


def manifest_with(text: str, entry: dict[str, Any]) -> str:
    """layers.toml with `entry` replacing the table of the same id, or appended; comments,
    order and spacing kept (tomlkit), the result checked by parsing before it is returned."""
    old = tomllib.loads(text).get("layer", [])
    doc = tomlkit.parse(text)
    tables = _tables(doc, "layer")
    same = [i for i, t in enumerate(tables) if t.get("id") == entry["id"]]
    if same:
        tables[same[0]] = _replacement(tables[same[0]], entry)
        expected = [entry if i == same[0] else t for i, t in enumerate(old)]
    else:
        tables.append(_table(entry))
        expected = [*old, entry]
    return _checked(tomlkit.dumps(doc), "layer", expected, MANIFEST)


def clean_leftovers(root: Path) -> list[Path]:
    """Remove what a save killed half-way left behind (interrupted_save). Call with the
    folder lock held (no save of ours is running then); nothing else is touched. The paths
    removed."""
    unreadable: list[Problem] = []
    listed = read_toml_tables(root / MANIFEST, "layer", unreadable)
    if unreadable:
        return []  # leave them for a folder we can read
    used = {str(e.get("file")) for e in listed}
    removed = []
    for leftover in interrupted_save(root, used):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    with contextlib.suppress(FileNotFoundError):
        (root / PENDING).unlink()
    return removed


def _free_layer_path(root: Path, layer_id: str, text: str, manifest: list[dict[str, Any]]) -> str:
    """layers/<id>.geojson when no entry uses it and no file is there; else a name with the
    content's hash, so that no file anybody may still need is ever overwritten."""
    used = {str(e.get("file")) for e in manifest}
    name = f"layers/{layer_id}.geojson"
    if name in used or (root / name).exists():
        digest = hashlib.sha256(text.encode()).hexdigest()[:8]
        name = f"layers/{layer_id}-{digest}.geojson"
        path = root / name
        if name in used or (path.exists() and path.read_text(encoding="utf-8") != text):
            raise SaveError(f"{name} is already used by another layer")
    return name


existing_layer_ids = listed_layer_ids  # the one reader of a manifest's ids (data/folder.py)


def save_layer(
    root: Path,
    collection: dict[str, Any] | str,
    entry: dict[str, Any],
    replace: bool = False,
    source: dict[str, Any] | None = None,
) -> Path:
    """Write the layer (a FeatureCollection, or its text from layer_collection_text) and its
    [[layer]] table into the geodata folder `root`, with `source` added to sources.toml when
    given; the new file."""
    from kengir_geo.data.validate import check_layer_entry

    wrong = [p for p in check_layer_entry(entry) if p.is_error]
    if wrong:
        raise SaveError(f"{wrong[0].field}: {wrong[0].message}")
    manifest_path = root / MANIFEST
    try:
        (root / "layers").mkdir(exist_ok=True)
    except OSError as exc:
        raise SaveError(f"cannot make the folder {root / 'layers'}: {exc.strerror}") from exc
    with folder_lock(root):
        clean_leftovers(root)
        try:
            manifest_text = manifest_path.read_text(encoding="utf-8")
            manifest = tomllib.loads(manifest_text).get("layer", [])
            if not isinstance(manifest, list) or not all(isinstance(t, dict) for t in manifest):
                raise SaveError(f"{MANIFEST} must hold [[layer]] tables; fix it first")
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
            raise SaveError(f"cannot read {MANIFEST}: {exc}") from exc
        sources_text = None
        if source is not None:
            try:
                sources_text = sources_with((root / SOURCES).read_text(encoding="utf-8"), source)
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
                raise SaveError(f"cannot read {SOURCES}: {exc}") from exc
        previous = next((t for t in manifest if t.get("id") == entry["id"]), None)
        if previous is not None and not replace:
            raise LayerExists(
                f"a layer with id {entry['id']!r} already exists; "
                "choose another id, or replace it (--replace)"
            )
        text = collection if isinstance(collection, str) else layer_collection_text(collection)
        others = [t for t in manifest if t is not previous]
        entry = {
            "id": entry["id"],
            "title": entry.get("title", entry["id"]),
            "file": _free_layer_path(root, entry["id"], text, manifest),
            **{k: v for k, v in entry.items() if k not in ("id", "title", "file")},
        }
        new_manifest = manifest_with(manifest_text, entry)
        layer_path = root / entry["file"]
        try:
            atomic_write(root / PENDING, entry["file"])
            atomic_write(layer_path, text)
            if sources_text is not None:
                atomic_write(root / SOURCES, sources_text)
            atomic_write(manifest_path, new_manifest)
            # the replaced layer's file is no longer listed: named first, so that a kill
            # before it is gone leaves it for the next save to remove, never for good
            old_file = previous.get("file") if previous else None
            if (
                isinstance(old_file, str)
                and old_file != entry["file"]
                and old_file not in {str(t.get("file")) for t in others}
            ):
                atomic_write(root / PENDING, old_file)
                clean_leftovers(root)
            else:
                (root / PENDING).unlink()
        except (OSError, UnicodeError) as exc:
            raise SaveError(f"cannot write into {root}: {exc}") from exc
        return layer_path
