"""The Steplag figures: read from geodata, every value sourced, derived and disputed flagged."""

from __future__ import annotations

import json
import shutil

import pytest

from factories import collection, feature, write_geodata
from kengir_geo import load_atlas
from kengir_geo.figures import division_sizes, load_figures, parse_figures, read_figures

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
    figures, problems = load_figures(atlas)
    assert problems == []
    by_id = {f.id: f for f in figures}
    nationalities = by_id["nationalities-1954-06-10"]
    assert sum(v.value for v in nationalities.values) == nationalities.total
    flagged = {v.label: v.status for v in nationalities.values if v.status != "documented"}
    assert flagged == {"Azerbaijanis": "derived"}
    years = by_id["inmates-by-year"]
    assert any(v.others for v in years.values if v.status == "disputed")


def test_a_good_document_parses_with_values_and_others():
    figures, problems = parse_figures(GOOD, {"w-en", "s002"})
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
    _, problems = parse_figures(doc, {"w-en", "s002"})
    assert any(p.field == field and words in p.message for p in problems), problems
    assert all(p.file == "figures.toml" and p.feature.startswith("by-year") for p in problems)


def test_missing_and_broken_files_are_problems(tmp_path):
    _, problems = read_figures(tmp_path)
    assert problems[0].message == "file is missing"
    (tmp_path / "figures.toml").write_text("[[figure]\n")
    _, problems = read_figures(tmp_path)
    assert "not valid TOML" in problems[0].message


def test_division_sizes_come_from_the_divisions_layer(tmp_path):
    root = write_geodata(tmp_path)
    (root / "layers.toml").write_text(
        (root / "layers.toml").read_text()
        + '\n[[layer]]\nid = "divisions"\ntitle = "Divisions"\nfile = "layers/divisions.geojson"\n'
    )
    divisions = collection(
        feature("d1", name="Rudnik", kind="division", inmates=5114, number=1),
        feature("d3", name="Kengir", kind="division", inmates=5597, number=3),
        feature("d2", name="Perevalka", kind="division", certainty="unknown", uncertainty_m=9000),
    )
    (root / "layers" / "divisions.geojson").write_text(json.dumps(divisions))
    sizes = division_sizes(load_atlas(root))
    assert list(sizes["name"]) == ["Rudnik", "Kengir", "Perevalka"]
    assert list(sizes["inmates"][:2]) == [5114, 5597]
    assert sizes["inmates"].isna().iloc[2]


def test_no_divisions_layer_gives_an_empty_table(tmp_path):
    shutil.rmtree(tmp_path, ignore_errors=True)
    assert division_sizes(load_atlas(write_geodata(tmp_path))).empty
