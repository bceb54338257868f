import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factories import collection, feature, write_geodata
from kengir_geo import load_atlas
from kengir_geo.data.intervals import OPEN_END
from kengir_geo.export.html import ExportError, export_html, phase_spans, timed_features
from kengir_geo.map.assets import remote_references
from kengir_geo.story.timeline import state_at

SQUARE = {"type": "Polygon", "coordinates": [[[60, 40], [75, 40], [75, 52], [60, 52], [60, 40]]]}


def write_export_geodata(root: Path) -> Path:
    """The factory's geodata plus a country outline, as the bundled data has."""
    write_geodata(root)
    countries = collection(feature("kz", SQUARE, name="Kazakhstan", kind="country"))
    (root / "layers" / "countries.geojson").write_text(json.dumps(countries))
    with (root / "layers.toml").open("a") as manifest:
        manifest.write(
            '\n[[layer]]\nid = "countries"\ntitle = "Countries"\n'
            'file = "layers/countries.geojson"\ngroup = "basemap"\ntype = "features"\n'
        )
    return root


@pytest.fixture
def atlas(tmp_path):
    return load_atlas(write_export_geodata(tmp_path / "geodata"))


def phase_on(spans, t):
    hits = [phase for phase, t0, t1 in spans if t0 <= t <= t1]
    assert len(hits) <= 1, "phase ranges must not overlap"
    return hits[0] if hits else None


@given(
    st.integers(0, 60),
    st.integers(0, 60),
    st.integers(-30, 30),
    st.integers(0, 60),
    st.booleans(),
    st.integers(-10, 200),
)
def test_phase_spans_follow_the_state_rule(a, b, gap, c, is_events, t):
    """The export's day ranges give the same answer as timeline's masks on every day."""
    first = 1000
    sure_from = first + a
    sure_until = sure_from + gap if gap >= 0 else sure_from + gap  # gap < 0: fuzzy single date
    last = max(sure_from, sure_until) + c
    spans = phase_spans(first, sure_from, sure_until, last, is_events)
    day = first + t
    sure = sure_from <= day <= sure_until
    maybe = first <= day <= last and not sure
    past = is_events and last < day
    expected = "sure" if sure else "maybe" if maybe else "past" if past else None
    assert phase_on(spans, day) == expected


def test_timed_features_match_state_at_on_each_day(atlas):
    features, popups = timed_features(atlas, "events", set())
    for day in (date(1954, 5, 10), date(1954, 5, 25), date(1954, 6, 26), date(1954, 7, 1)):
        t = day.toordinal()
        drawn = {
            (f["properties"]["id"], f["properties"]["phase"])
            for f in features
            if f["properties"]["t0"] <= t <= f["properties"]["t1"]
        }
        state = state_at(atlas, day, ["events"])["events"]
        expected = (
            {(i, "sure") for i in state.sure["id"]}
            | {(i, "maybe") for i in state.maybe["id"]}
            | {(i, "past") for i in state.past["id"]}
        )
        assert drawn == expected
    assert set(popups) == {"events/e-raid", "events/e-may", "events/e-span"}
    assert all("popup" not in f["properties"] for f in features)  # written once, by key
    assert max(f["properties"]["t1"] for f in features) == OPEN_END


def test_export_is_one_offline_file(atlas, tmp_path):
    out = export_html(atlas, tmp_path / "out" / "kengir.html", chapter="raid")
    html = out.read_text()
    assert remote_references(html) == []
    assert "<script src" not in html and "<link" not in html
    assert "L.timelineSliderControl" in html and "TimestampedGeoJson" not in html
    assert "[60.0, 40.0]" in html  # the country outlines are drawn, no tiles
    assert "L.tileLayer" not in html
    assert out.stat().st_size < 3 * 1024 * 1024
    assert not (tmp_path / "out" / "kengir.html.part").exists()


def test_export_is_reproducible(atlas, tmp_path):
    first = export_html(atlas, tmp_path / "a.html").read_text()
    second = export_html(atlas, tmp_path / "b.html").read_text()
    assert first == second


def test_unknown_chapter_is_refused(atlas, tmp_path):
    with pytest.raises(ExportError, match="no chapter 'nope'; chapters are raid"):
        export_html(atlas, tmp_path / "x.html", chapter="nope")
    assert not (tmp_path / "x.html").exists()


def test_every_bundled_feature_says_what_when_how_sure_and_who():
    """Done when: each popup of the bundled story has all four."""
    bundled = load_atlas()
    for layer_id, layer in bundled.layers.items():
        if layer.group == "basemap":
            continue
        _, popups = timed_features(bundled, layer_id, set())
        assert len(popups) == len(layer.frame)
        for key, html in popups.items():
            assert 'class="kg-title"' in html, key
            assert "<b>What and when:</b>" in html and "<b>Where:</b>" in html, key
            assert "<b>Sources</b><ol><li>" in html, key
            if layer.type == "events":
                assert "<b>When:</b>" in html and "no date given" not in html, key
