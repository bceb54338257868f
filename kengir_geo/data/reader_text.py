"""Reader text: every string a class can see, checked for internal codes and bad citations.

Names, labels, descriptions, notes, narratives, presenter notes, claim and figure text and the
bibliography's notes are written for a 15-year-old: they refer to a work only through
`{cite:ID}` and never show a source id, a claim id, a feature id or a field name. Layers a
user added (group "user") are their author's words and are only checked for citations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kengir_geo.data.citations import CITE, cited_ids
from kengir_geo.data.folder import (
    CLAIMS,
    FIGURES,
    MANIFEST,
    SETTINGS,
    SOURCES,
    STORY,
    RawGeodata,
    by_id,
)
from kengir_geo.data.schema import Problem

# Codes a reader must never meet, whatever the atlas: "(claim …)" references, field names
# written with underscores, the research notes themselves. An atlas names its own research
# notes' codes in atlas.toml (`hidden_codes`).
CODES = (
    (re.compile(r"\(claim [\w-]+\)", re.IGNORECASE), "a claim reference"),
    (re.compile(r"research notes", re.IGNORECASE), "a reference to our research notes"),
    (re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"), "a field name"),
)
FEATURE_TEXT = ("name", "label", "description", "note", "state")
TOKEN = re.compile(r"[\w-]+")


Text = tuple[str, str, str, str]  # file, feature (or entry), field, text


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _features(raw: RawGeodata, user: bool) -> Iterator[tuple[str, dict]]:
    for entry in raw.manifest:
        if (entry.get("group") == "user") != user:
            continue
        layer_id = entry.get("id")
        doc = raw.layers.get(layer_id) if isinstance(layer_id, str) else None
        features = doc.get("features") if isinstance(doc, dict) else None
        for feature in features if isinstance(features, list) else []:
            props = feature.get("properties") if isinstance(feature, dict) else None
            if isinstance(props, dict):
                yield str(entry.get("file", "")), props


def _feature_texts(raw: RawGeodata, user: bool) -> Iterator[Text]:
    for file, props in _features(raw, user):
        label = str(props.get("id", ""))
        for key in (*FEATURE_TEXT, "names"):
            for text in _strings(props.get(key)):
                yield file, label, key, text


def _table_texts(
    file: str, tables: list[dict], keys: tuple[str, ...], value_keys: tuple[str, ...]
) -> Iterator[Text]:
    """The texts of claims or figures and of their [[….value]] tables."""
    for table in tables:
        label = str(table.get("id", ""))
        for key in keys:
            for text in _strings(table.get(key)):
                yield file, label, key, text
        values = table.get("value")
        for n, value in enumerate(values if isinstance(values, list) else []):
            if isinstance(value, dict):
                for key in value_keys:
                    for text in _strings(value.get(key)):
                        yield file, label, f"value[{n}].{key}", text


def reader_texts(raw: RawGeodata) -> Iterator[Text]:
    """Every reader-facing string of a geodata folder, except those of user layers."""
    for entry in raw.manifest:
        label = str(entry.get("id", ""))
        for key in ("title", "description"):
            for text in _strings(entry.get(key)):
                yield MANIFEST, label, key, text
        fields = entry.get("fields")
        if isinstance(fields, dict):
            for prop, text in fields.items():
                for value in _strings(text):
                    yield MANIFEST, label, f"fields.{prop}", value
    yield from _feature_texts(raw, user=False)
    for source in raw.sources:
        for key in ("short", "note"):
            for text in _strings(source.get(key)):
                yield SOURCES, str(source.get("id", "")), key, text
    yield from _table_texts(CLAIMS, raw.claims, ("item", "note"), ("value", "note"))
    for chapter in raw.chapters:
        label = str(chapter.get("id", ""))
        for key in ("title", "narrative", "notes", "content_note"):
            for text in _strings(chapter.get(key)):
                yield STORY, label, key, text
    yield from _table_texts(FIGURES, raw.figures, ("title", "unit", "note"), ("label", "note"))
    for key in ("title", "intro"):
        for text in _strings(raw.settings.get(key)):
            yield SETTINGS, "", key, text
    labels = raw.settings.get("labels")
    for group, table in labels.items() if isinstance(labels, dict) else []:
        for value, text in table.items() if isinstance(table, dict) else []:
            for label in _strings(text):
                yield SETTINGS, "labels", f"{group}.{value}", label


def known_ids(raw: RawGeodata) -> set[str]:
    """Ids that look like codes (a hyphen or a digit in them): sources, claims, chapters,
    features. Plain words that happen to be ids ("kengir") are left to the prose."""
    ids: set[str] = set()
    for tables in (raw.sources, raw.claims, raw.chapters):
        ids.update(by_id(tables))
    for _, props in _features(raw, user=False):
        if isinstance(props.get("id"), str):
            ids.add(props["id"])
    return {i for i in ids if re.search(r"[-\d]", i) and not i.isdigit()}


def check_reader_text(
    raw: RawGeodata, source_ids: set[str], hidden_codes: tuple[re.Pattern[str], ...] = ()
) -> list[Problem]:
    """Internal codes in reader text (`hidden_codes`: the atlas's own, from atlas.toml), and
    citations of works not in the bibliography."""
    problems: list[Problem] = []
    ids = known_ids(raw)
    checked = list(reader_texts(raw))
    codes = [*CODES, *((pattern, "a source code") for pattern in hidden_codes)]
    for file, label, field, text in checked:
        prose = CITE.sub(" ", text)
        for pattern, what in codes:
            if match := pattern.search(prose):
                problems.append(
                    Problem(file, label, field, f"reader text shows {what}: {match.group(0)!r}")
                )
        raw_ids = sorted({t for t in TOKEN.findall(prose) if t in ids})
        if raw_ids:
            problems.append(
                Problem(
                    file,
                    label,
                    field,
                    f"reader text shows an id: {raw_ids[0]!r} "
                    "(cite a work as {cite:ID}; name places and events in words)",
                )
            )
    for file, label, field, text in [*checked, *_feature_texts(raw, user=True)]:
        for cited in cited_ids(text):
            if cited not in source_ids:
                problems.append(
                    Problem(file, label, field, f"{{cite:{cited}}}: no such source in sources.toml")
                )
    return problems
