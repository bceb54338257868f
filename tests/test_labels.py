"""Kinds, categories and states reach readers as words from the data, written once."""

from __future__ import annotations

import pytest

from factories import write_geodata
from kengir_geo.data.settings import parse_settings
from kengir_geo.data.validate import validate_geodata
from kengir_geo.story.details import feature_details


def test_every_kind_category_and_state_of_the_bundled_layers_has_a_reader_label(atlas):
    labels = atlas.settings.labels
    for layer in atlas.layers.values():
        if layer.group == "basemap":
            continue
        for group in ("kind", "category", "state"):
            if group not in layer.frame:
                continue
            for value in layer.frame[group].dropna():
                if str(value).strip():
                    assert str(value) in labels[group], (layer.id, group, value)


def test_details_show_the_label_not_the_token(atlas):
    details = feature_details(atlas, "places", "kengir-camp-site")
    assert details.kind == atlas.settings.labels["kind"]["area of doubt"]
    assert details.kind != "area of doubt"


def test_a_value_without_a_label_reads_as_written():
    settings = parse_settings({"labels": {"category": {"daily-life": "Daily life"}}}, [])
    assert settings.label("category", "daily-life") == "Daily life"
    assert settings.label("category", "self-government") == "self government"
    assert settings.label("state", "") == ""


@pytest.mark.parametrize(
    ("table", "field"),
    [
        ('[labels.colour]\nred = "Red"\n', "colour"),
        ("[labels.state]\nbreached = 3\n", "state"),
    ],
)
def test_a_broken_labels_table_is_reported(tmp_path, table, field):
    root = write_geodata(tmp_path)
    (root / "atlas.toml").write_text((root / "atlas.toml").read_text() + "\n" + table)
    problems = [p for p in validate_geodata(root) if p.file == "atlas.toml"]
    assert [(p.feature, p.field) for p in problems] == [("labels", field)]


def test_labels_are_reader_text(tmp_path):
    root = write_geodata(tmp_path)
    table = '\n[labels.state]\nbreached = "Broken, see e-raid"\n'
    (root / "atlas.toml").write_text((root / "atlas.toml").read_text() + table)
    problems = [p for p in validate_geodata(root) if "reader text" in p.message]
    assert [(p.feature, p.field) for p in problems] == [("labels", "state.breached")]
