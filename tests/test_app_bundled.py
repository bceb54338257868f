"""Every page of the app on the real bundled story data: it opens with no error."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from apptest_support import APP, open_page

PAGES = ["explore", "story", "timeline", "figures", "sources", "add-layer"]


@pytest.fixture(scope="module")
def bundled_page():
    """A page of the app on the bundled data, opened once: tests that look at the same page
    share its run."""
    opened = {}

    def page(url_path: str) -> AppTest:
        if url_path not in opened:
            at = AppTest.from_file(str(APP), default_timeout=120)
            opened[url_path] = open_page(at, url_path)
        return opened[url_path]

    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("KENGIR_GEODATA", raising=False)
        yield page


@pytest.mark.slow  # a page sweep (make test); test_app_pages opens each page fast
@pytest.mark.parametrize("url_path", PAGES)
def test_each_page_opens_on_the_bundled_data(bundled_page, url_path):
    at = bundled_page(url_path)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert not at.warning, [w.value for w in at.warning]


@pytest.mark.slow  # every chapter in turn; test_app_pages steps Next and Previous fast
def test_the_bundled_story_runs_from_first_to_last_chapter(monkeypatch, atlas):
    monkeypatch.delenv("KENGIR_GEODATA", raising=False)
    at = open_page(AppTest.from_file(str(APP), default_timeout=120), "story")
    seen = [at.header[0].value]
    notes = 0
    while not at.button(key="story_next").disabled:
        if at.button(key="story_next").label.startswith("Show the chapter"):
            notes += 1  # its content note came first
        at.button(key="story_next").click().run()
        assert not at.exception
        seen.append(at.header[0].value)
    assert len(set(seen)) == len(atlas.chapters) >= 10
    assert notes == sum(bool(c.content_note) for c in atlas.chapters)


def test_the_bundled_figures_chart_three_ways(bundled_page):
    at = bundled_page("figures")
    assert len(at.get("vega_lite_chart")) == 3  # divisions, prisoners by year, nationalities


def test_search_finds_zhezkazgan_in_every_script(atlas):
    from kengir_geo.story.search import find_place

    found = {q: find_place(atlas, q) for q in ("Жезказган", "Dzhezkazgan", "Zhezkazgan", "Кенгир")}
    assert all(found.values()), found
    assert len({found[q].feature_id for q in ("Жезказган", "Dzhezkazgan", "Zhezkazgan")}) == 1
