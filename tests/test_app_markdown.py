"""Text from a link or a layer never becomes live Markdown: a crafted ?place=, ?layers=,
?chapter= or feature name cannot show a fake "Log in" link or load a remote image."""

from __future__ import annotations

import json
import re

import pytest

from apptest_support import app, details_headings, open_page, write_app_geodata

PAYLOAD = (
    "[Log in](https://evil.example/login) ![x](https://evil.example/pixel.png) "
    "<img src=https://evil.example/a.png> www.evil.example :red[alarm] $x$"
)
# Markup that would be live: a link or image target, raw HTML, a bare address (autolinked).
LIVE = re.compile(
    r"(?<!\\)\]\s*(?<!\\)\(|(?<!\\)!(?<!\\)\[|(?<!\\)<\s*(img|a|iframe)\b|"
    r"https?(?<!\\):|www(?<!\\)\.|(?<!\\):red(?<!\\)\["
)


def rendered(at) -> list[str]:
    """Every text Streamlit renders as Markdown on the page."""
    kinds = ("markdown", "caption", "warning", "error", "info", "success", "subheader")
    kinds += ("header", "title")
    return [element.value for kind in kinds for element in getattr(at, kind)]


# In HTML (the details heading) only a tag would be live; the text is escaped.
LIVE_HTML = re.compile(r"<\s*(img|a|iframe)\b")


def assert_inert(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    shown = [t for t in rendered(at) if "evil" in t]  # our own links (the bibliography) aside
    in_html = [h.proto.body for h in at.get("html") if "evil" in h.proto.body]
    assert shown or in_html, rendered(at)  # the payload was shown, as text
    live = [(t, m.group(0)) for t in shown for m in [LIVE.search(t)] if m]
    live += [(t, m.group(0)) for t in in_html for m in [LIVE_HTML.search(t)] if m]
    assert not live, live


@pytest.fixture(scope="module")
def geodata(tmp_path_factory):
    root = write_app_geodata(tmp_path_factory.mktemp("markdown"))
    places = json.loads((root / "layers" / "places.geojson").read_text())
    places["features"][0]["properties"]["name"] = PAYLOAD
    places["features"][0]["properties"]["names"] = [PAYLOAD]
    (root / "layers" / "places.geojson").write_text(json.dumps(places))
    return root


@pytest.mark.parametrize("param", ["place", "layers", "chapter"])
def test_a_crafted_link_shows_its_text_inert_on_the_map_page(monkeypatch, geodata, param):
    assert_inert(app(monkeypatch, geodata, **{param: PAYLOAD}).run())


def test_a_crafted_chapter_link_is_inert_on_the_story_page(monkeypatch, geodata):
    assert_inert(open_page(app(monkeypatch, geodata, chapter=PAYLOAD), "story"))


def test_a_feature_name_is_inert_in_the_details_heading(monkeypatch, geodata):
    places = json.loads((geodata / "layers" / "places.geojson").read_text())
    fid = places["features"][0]["properties"]["id"]
    at = app(monkeypatch, geodata, place=fid).run()
    assert_inert(at)
    (heading,) = details_headings(at)  # HTML, escaped: the payload's tags are text
    assert "Log in" in heading and "<img" not in heading and "&lt;img" in heading
