"""Links that are mistyped or hostile: a bogus layer keeps the usual layers and is named, a
date that is no date is named on every page that reads it, and a parameter longer than any
link of ours is ignored before any work is done on it (the place search stays linear)."""

from __future__ import annotations

import pytest

from apptest_support import app, open_page, write_app_geodata
from factories import write_geodata
from kengir_geo import load_atlas
from kengir_geo.story.links import MAX_PARAM_CHARS, default_layers, read_link
from kengir_geo.story.search import find_places


@pytest.fixture(scope="module")
def atlas(tmp_path_factory):
    return load_atlas(write_geodata(tmp_path_factory.mktemp("geodata")))


def test_a_bogus_layer_keeps_the_usual_layers_and_is_named(atlas):
    link = read_link({"layers": "<script>alert(1)</script>"}, atlas)
    assert link.layers is None  # the page keeps its default layers
    [problem] = link.problems
    assert "<script>alert(1)</script>" in problem and "usual layers" in problem


def test_a_bogus_layer_beside_a_real_one_is_left_out(atlas):
    link = read_link({"layers": "places,nowhere"}, atlas)
    assert link.layers == ("places",)
    assert any("nowhere" in p for p in link.problems)


def test_an_empty_layers_list_still_means_no_layers(atlas):
    assert read_link({"layers": ""}, atlas).layers == ()
    assert default_layers(atlas)  # while the default has some


@pytest.mark.parametrize("key", ["place", "date", "layers", "chapter"])
def test_an_overlong_parameter_is_ignored_and_said(atlas, key):
    link = read_link({key: "k" * 110_000}, atlas)
    assert getattr(link, "day" if key == "date" else key) in (None, ())
    [problem] = link.problems
    assert "110,000 characters" in problem and f"{MAX_PARAM_CHARS:,}" in problem


def test_the_place_search_does_no_work_for_a_query_longer_than_a_name(atlas, monkeypatch):
    import kengir_geo.story.search as search

    folded = []
    real = search.fold
    monkeypatch.setattr(search, "fold", lambda text: folded.append(len(text)) or real(text))
    assert find_places(atlas, "Kengir " * 5_000) == []
    assert folded == []  # not even the query was folded
    assert find_places(atlas, "kengir")  # while a real name is found
    assert max(folded) <= 6 * 4 + 16  # names only, each short; the query once


def test_the_map_page_keeps_its_layers_for_a_bogus_one(monkeypatch, tmp_path):
    geodata = write_app_geodata(tmp_path / "geodata")
    usual = app(monkeypatch, geodata).run().session_state["explore"].layers
    at = app(monkeypatch, geodata, layers="bogus").run()
    assert not at.exception
    assert at.session_state["explore"].layers == usual
    assert any("bogus" in w.value and "usual layers" in w.value for w in at.warning)


def test_the_timeline_names_a_date_that_is_no_date(monkeypatch, tmp_path):
    geodata = write_app_geodata(tmp_path / "geodata")
    at = open_page(app(monkeypatch, geodata, date="junk"), "timeline")
    assert not at.exception
    assert any("junk" in w.value and "ignored" in w.value for w in at.warning)
    later = open_page(app(monkeypatch, geodata, date="1954-06-01"), "timeline")
    assert any("From 1 June 1954 on" in c.value for c in later.caption)
