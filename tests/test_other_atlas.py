"""The code holds no Kengir facts: a tiny atlas about another camp and year runs everywhere,
and every chapter (partial dates included) opens as a deep link on every page that takes one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apptest_support import APP, open_page, write_app_geodata
from factories import collection, event, feature, write_geodata
from kengir_geo import load_atlas
from kengir_geo.data.validate import validate_geodata
from kengir_geo.export.data import export_data
from kengir_geo.export.html import export_html
from kengir_geo.story.timeline import clock_label

PAGES = ("map", "story", "presenter", "timeline", "figures", "sources", "add-layer")

NORILSK = {
    "atlas.toml": """
title = "Norilsk 1953"
intro = "A strike in the camps of the far north."
figures_title = "Gorlag in figures"
[focus]
name = "the strike"
first = "1953-05-26"
last = "1953-08-04"
[views.start]
center = [69.35, 88.2]
zoom = 9
""",
    "layers.toml": """
[[layer]]
id = "camps"
title = "Camps"
file = "layers/camps.geojson"
type = "features"

[[layer]]
id = "happenings"
title = "What happened"
file = "layers/happenings.geojson"
type = "events"
""",
    "sources.toml": '[[source]]\nid = "exhibit"\ntitle = "An exhibition text"\nshort = "Exhibition"\n',
    "claims.toml": "",
    "story.toml": """
[[chapter]]
id = "strike"
title = "The strike begins"
date = "1953-05"
center = [69.35, 88.2]
zoom = 9
layers = ["camps", "happenings"]
narrative = "Prisoners stop work {cite:exhibit}."
""",
}


def write_norilsk(root: Path) -> Path:
    (root / "layers").mkdir(parents=True)
    for name, text in NORILSK.items():
        (root / name).write_text(text)
    point = {"type": "Point", "coordinates": [88.2, 69.35]}
    camps = collection(feature("gorlag", name="Gorlag", geometry=point, sources=["exhibit"]))
    strike = collection(
        event(
            "strike",
            start="1953-05-26",
            end="1953-08-04",
            name="The strike",
            category="defence",
            geometry=point,
            sources=["exhibit"],
        )
    )
    (root / "layers" / "camps.geojson").write_text(json.dumps(camps))
    (root / "layers" / "happenings.geojson").write_text(json.dumps(strike))
    return root


@pytest.fixture(scope="module")
def norilsk(tmp_path_factory) -> Path:
    root = write_norilsk(tmp_path_factory.mktemp("norilsk") / "geodata")
    assert validate_geodata(root) == []
    return root


def test_another_atlas_counts_its_own_days(norilsk):
    atlas = load_atlas(norilsk)
    from datetime import date

    assert clock_label(atlas.settings.focus, date(1953, 6, 1)) == "Day 7 since 26 May · 1 June 1953"


@pytest.mark.slow  # a page sweep (make test); test-fast opens this atlas's clock and export
@pytest.mark.parametrize("url_path", PAGES)
def test_every_page_opens_on_another_atlas(monkeypatch, norilsk, url_path):
    monkeypatch.setenv("KENGIR_GEODATA", str(norilsk))
    at = open_page(AppTest.from_file(str(APP), default_timeout=60), url_path)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    shown = " ".join(str(m.value) for m in at.markdown)
    assert "1954" not in shown and "Kengir" not in shown


def test_another_atlas_exports(norilsk, tmp_path):
    atlas = load_atlas(norilsk)
    html = export_html(atlas, tmp_path / "norilsk.html").read_text()
    data = html.rsplit("L.timeMap(", 1)[1].split(").addTo(", 1)[0]  # the payload and options
    assert "Gorlag" in data and "Kengir" not in data and "1954" not in data
    assert "<title>Norilsk 1953</title>" in html
    assert export_data(atlas, tmp_path / "data")


@pytest.mark.slow  # an AppTest sweep; test_app_pages opens a chapter link (and a partial one) fast
def test_every_chapter_opens_as_a_deep_link_on_every_page_that_takes_one(monkeypatch, tmp_path):
    root = write_app_geodata(tmp_path / "geodata")
    monkeypatch.setenv("KENGIR_GEODATA", str(root))
    for chapter in load_atlas(root).chapters:
        for url_path in ("map", "story"):
            at = AppTest.from_file(str(APP), default_timeout=60)
            at.query_params["chapter"] = chapter.id
            at = open_page(at, url_path)
            assert not at.exception, (chapter.id, url_path, [e.value for e in at.exception])


@pytest.mark.slow  # every chapter of the bundled story, one AppTest run each
def test_every_bundled_chapter_opens_as_a_deep_link(monkeypatch):
    monkeypatch.delenv("KENGIR_GEODATA", raising=False)
    for chapter in load_atlas().chapters:
        for url_path in ("map", "story"):
            at = AppTest.from_file(str(APP), default_timeout=120)
            at.query_params["chapter"] = chapter.id
            at = open_page(at, url_path)
            assert not at.exception, (chapter.id, url_path, [e.value for e in at.exception])


def test_the_atlas_names_its_own_codes_and_figures_address(tmp_path):
    """What is Kengir's (its research notes' codes, the /steplag address) is atlas.toml's."""
    from kengir_geo.data.settings import parse_settings
    from kengir_geo.data.validate import validate_geodata

    problems = []
    settings = parse_settings(
        {"figures_url": "norilsk-figures", "hidden_codes": ["N-\\d+"]}, problems
    )
    assert problems == [] and settings.figures_url == "norilsk-figures"
    assert parse_settings({}, problems).figures_url == "figures" and problems == []
    parse_settings({"figures_url": "Bad Path", "hidden_codes": ["("]}, problems)
    assert sorted(p.field for p in problems) == ["figures_url", "hidden_codes"]

    root = write_geodata(tmp_path / "geodata")
    atlas_toml = root / "atlas.toml"
    kept = [line for line in atlas_toml.read_text().splitlines() if "hidden_codes" not in line]
    atlas_toml.write_text("\n".join(["hidden_codes = ['\\bN-\\d+\\b']", *kept]) + "\n")
    places = root / "layers" / "places.geojson"
    places.write_text(places.read_text().replace('"Feature ', '"See N-7 ', 1))
    shown = [p.message for p in validate_geodata(root) if "reader text shows" in p.message]
    assert shown == ["reader text shows a source code: 'N-7'"]
