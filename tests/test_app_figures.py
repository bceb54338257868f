"""The Steplag figures: read from geodata, every value sourced, derived and disputed flagged."""

from __future__ import annotations

import json

import pytest

from factories import collection, feature, write_geodata
from kengir_geo import load_atlas
from kengir_geo.data.figures import parse_figures
from kengir_geo.data.folder import read_geodata
from kengir_geo.data.validate import validate_geodata
from kengir_geo.story.figures import layer_figure_rows

GOOD = {
    "figure": [
        {
            "id": "by-year",
            "title": "By year",
            "unit": "prisoners",
            "sources": ["w-en"],
            "total": 30,
            "value": [
                {"label": "1950", "value": 10, "sources": ["w-en"], "date": "1950-01-01"},
                {
                    "label": "1951",
                    "value": 20,
                    "sources": ["w-en"],
                    "status": "disputed",
                    "note": "another source differs",
                    "other": [{"value": 19, "sources": ["s002"]}],
                },
            ],
        }
    ]
}


def test_the_bundled_figures_are_valid(atlas):
    _, problems = parse_figures(read_geodata(atlas.root).figures, atlas.sources)
    assert problems == []
    for figure in atlas.figures:
        if figure.total is not None:
            assert sum(v.value for v in figure.values) == figure.total
        for value in figure.values:
            assert value.status == "documented" or value.note


def test_a_good_document_parses_with_values_and_others():
    figures, problems = parse_figures(GOOD["figure"], {"w-en", "s002"})
    assert problems == []
    (figure,) = figures
    assert [v.value for v in figure.values] == [10, 20]
    assert figure.values[1].others[0].sources == ("s002",)
    frame = figure.frame()
    assert list(frame["label"]) == ["1950", "1951"]
    assert list(frame["status"]) == ["documented", "disputed"]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda d: d["figure"][0]["value"][0].update(sources=["nobody"]), "sources", "nobody"),
        (lambda d: d["figure"][0]["value"][0].update(value="many"), "value", "not a number"),
        (lambda d: d["figure"][0]["value"][0].update(status="guess"), "status", "guess"),
        (lambda d: d["figure"][0]["value"][1].update(note=""), "note", "needs a note"),
        (lambda d: d["figure"][0]["value"][1].update(status="documented"), "status", "disputed"),
        (lambda d: d["figure"][0].update(total=31), "total", "add up to 30"),
        (lambda d: d["figure"][0]["value"][0].update(date="soon"), "date", "soon"),
        (lambda d: d["figure"][0]["value"][0].update(sources=[]), "sources", "no source"),
    ],
)
def test_each_mistake_is_named(change, field, words):
    doc = json.loads(json.dumps(GOOD))
    change(doc)
    _, problems = parse_figures(doc["figure"], {"w-en", "s002"})
    assert any(p.field == field and words in p.message for p in problems), problems
    assert all(p.file == "figures.toml" and p.feature.startswith("by-year") for p in problems)


def test_figures_are_optional_but_a_broken_file_is_a_problem(tmp_path):
    root = write_geodata(tmp_path)
    assert validate_geodata(root) == []
    (root / "figures.toml").write_text("[[figure]\n")
    (problem,) = validate_geodata(root)
    assert (problem.file, problem.level) == ("figures.toml", "error")
    assert "not valid TOML" in problem.message


def test_the_validator_checks_figures_and_their_layer(tmp_path):
    root = write_geodata(tmp_path)
    (root / "figures.toml").write_text(
        '[[figure]]\nid = "a"\ntitle = "A"\nlayer = "nowhere"\nvalue = "inmates"\n'
        '[[figure]]\nid = "b"\ntitle = 5\n'
    )
    found = {(p.feature, p.field) for p in validate_geodata(root)}
    assert {("a", "layer"), ("b", "title"), ("b", "value")} <= found


def test_a_layer_figure_takes_one_bar_per_feature(tmp_path):
    root = write_geodata(tmp_path)
    (root / "layers.toml").write_text(
        (root / "layers.toml").read_text()
        + '\n[[layer]]\nid = "divisions"\ntitle = "Divisions"\nfile = "layers/divisions.geojson"\n'
    )
    (root / "figures.toml").write_text(
        '[[figure]]\nid = "sizes"\ntitle = "Sizes"\nlayer = "divisions"\nvalue = "inmates"\n'
    )
    divisions = collection(
        feature("d1", name="Rudnik", kind="division", inmates=5114, number=1),
        feature("d3", name="Kengir", kind="division", inmates=5597, number=3),
        feature("d2", name="Perevalka", kind="division", certainty="unknown", uncertainty_m=9000),
    )
    (root / "layers" / "divisions.geojson").write_text(json.dumps(divisions))
    atlas = load_atlas(root)
    (figure,) = atlas.figures
    rows = layer_figure_rows(atlas, figure)
    assert list(rows["name"]) == ["Rudnik", "Kengir", "Perevalka"]
    assert list(rows["value"][:2]) == [5114, 5597]
    assert rows["value"].isna().iloc[2]
