"""The exported file in a real Chromium with every network route blocked."""

from dataclasses import replace
from datetime import date

import pytest
from hostile import PAYLOAD, write_hostile_geodata
from test_export import write_export_geodata

from kengir_geo import load_atlas
from kengir_geo.export.html import export_html

pytestmark = pytest.mark.browser


class Offline:
    """Blocks every request that is not file:// and remembers what was tried."""

    def __init__(self, page):
        self.tried: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.route("**/*", self.route)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self.dialog)

    def route(self, route):
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.tried.append(url)
            route.abort()

    def dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def drawn(page) -> int:
    return page.locator("path.leaflet-interactive").count()


def label(page) -> str:
    return page.locator(".leaflet-timeline-control output").inner_text()


def set_slider(page, day: date) -> None:
    page.eval_on_selector(
        "input.time-slider",
        "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }",
        str(day.toordinal()),
    )


@pytest.fixture
def exported(tmp_path):
    atlas = load_atlas(write_export_geodata(tmp_path / "geodata"))
    return export_html(atlas, tmp_path / "kengir.html")


def test_export_draws_plays_and_stays_offline(page, exported):
    offline = Offline(page)
    page.goto(exported.as_uri())
    page.wait_for_selector("path.leaflet-interactive", state="attached")
    assert label(page) == "Day 1 since 16 May · 16 May 1954"
    first_day = drawn(page)  # 2 places + the May event (perhaps today)
    assert first_day == 3
    set_slider(page, date(1954, 6, 26))
    assert label(page) == "Day 42 since 16 May · 26 June 1954"
    last_day = drawn(page)
    assert last_day == first_day + 2  # the raid and the self-government span appear
    page.locator(".leaflet-timeline-control button.prev").click()
    assert label(page) == "Day 41 since 16 May · 25 June 1954"
    assert drawn(page) == last_day - 1  # the raid is not yet
    set_slider(page, date(1954, 5, 16))
    page.locator(".leaflet-timeline-control button.play").click()
    page.wait_for_function(
        "document.querySelector('.leaflet-timeline-control output').innerText.startsWith('Day 3 ')"
    )
    page.locator(".leaflet-timeline-control button.pause").click()
    story = page.locator(".kg-story")
    assert story.inner_text().startswith("The story, chapter by chapter")
    story.locator(".kg-next").click()  # chapter 1: the raid, on the last day
    assert story.inner_text().startswith("Chapter 1 of 1\nThe raid")
    assert label(page) == "Day 42 since 16 May · 26 June 1954"
    assert drawn(page) == last_day
    story.locator(".kg-prev").click()
    assert story.inner_text().startswith("The story")
    assert offline.tried == [] and offline.errors == []


def test_chapter_and_date_options_open_there(page, tmp_path):
    atlas = load_atlas(write_export_geodata(tmp_path / "geodata"))
    out = export_html(atlas, tmp_path / "raid.html", chapter="raid")
    offline = Offline(page)
    page.goto(out.as_uri())
    page.wait_for_selector("path.leaflet-interactive", state="attached")
    assert label(page) == "Day 42 since 16 May · 26 June 1954"
    dated = export_html(atlas, tmp_path / "day9.html", day=date(1954, 5, 24))
    page.goto(dated.as_uri())
    page.wait_for_selector("path.leaflet-interactive", state="attached")
    assert label(page) == "Day 9 since 16 May · 24 May 1954"
    before = export_html(atlas, tmp_path / "before.html", day=date(1953, 3, 5))
    page.goto(before.as_uri())
    page.wait_for_selector("path.leaflet-interactive", state="attached")
    assert label(page) == "5 March 1953 (before the uprising)"
    assert drawn(page) == 2  # the two places; no event yet
    page.locator(".leaflet-timeline-control button.next").click()
    assert label(page) == "Day 2 since 16 May · 17 May 1954"  # back into the slider's range
    assert offline.tried == [] and offline.errors == []


def test_script_in_the_data_never_runs(page, tmp_path):
    atlas = load_atlas(write_hostile_geodata(tmp_path / "hostile"))
    # the validator refuses non-http URLs; a source that slipped past it must still not link
    atlas.sources["s002"] = replace(atlas.sources["s002"], url="javascript:alert(5)")
    out = export_html(atlas, tmp_path / "hostile.html", chapter="raid")
    offline = Offline(page)
    page.goto(out.as_uri())
    page.wait_for_selector("path.leaflet-interactive", state="attached")
    for day in (date(1954, 5, 16), date(1954, 6, 26)):
        set_slider(page, day)
        opened, links = page.evaluate(
            """() => { let texts = [], links = [];
                window.kgTimelines.forEach(t => t.eachLayer(l => {
                    l.openTooltip(); l.openPopup();
                    const popup = l.getPopup(); if (popup) texts.push(popup.getElement().innerText);
                    const tip = l.getTooltip(); if (tip) texts.push(tip.getElement().innerText);
                    if (popup) popup.getElement().querySelectorAll("a").forEach(
                        a => links.push(a.getAttribute("href")));
                }));
                return [texts, links]; }"""
        )
        assert any(PAYLOAD in text for text in opened)  # shown as text
        # "#close" is Leaflet's close button; the hostile URLs (one with spaces and quotes,
        # one javascript:) must not have become links at all
        assert links and all(href == "#close" for href in links)
    layers = page.locator(".leaflet-control-layers:not(.leaflet-timeline-control)")
    layers.hover()
    page.locator(".kg-legend summary").click()
    page.wait_for_timeout(300)
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("a[href^=javascript], a[href^=JavaScript]").count() == 0
    assert PAYLOAD in layers.text_content()
    assert offline.dialogs == [] and offline.errors == []
    assert all("example.org" not in url for url in offline.tried)


def test_bundled_story_exports_small_and_changes_by_day(page, atlas, tmp_path):
    out = export_html(atlas, tmp_path / "kengir.html")
    assert out.stat().st_size <= 3 * 1024 * 1024
    offline = Offline(page)
    page.goto(out.as_uri())
    page.wait_for_selector("path.leaflet-interactive", state="attached")
    counts = {}
    for day in (date(1954, 5, 10), date(1954, 5, 25), date(1954, 6, 26)):
        set_slider(page, day)
        counts[day] = drawn(page)
    assert len(set(counts.values())) == 3, counts
    story = page.locator(".kg-story")
    shown_layers = """() => {
        const map = Object.values(window).find(v => v instanceof L.Map);
        return window.kgTimelines.filter(t => map.hasLayer(t)).length; }"""
    assert page.evaluate(shown_layers) == 5  # every layer but the outlines
    for number, chapter in enumerate(atlas.chapters, start=1):
        story.locator(".kg-next").click()
        assert story.inner_text().startswith(f"Chapter {number} of {len(atlas.chapters)}")
        named = [lid for lid in chapter.layers if lid != "countries"] or list(atlas.layers)[1:]
        assert page.evaluate(shown_layers) == len(named), chapter.id
    assert offline.tried == [] and offline.errors == [] and offline.dialogs == []


def test_play_runs_through_the_42_days(page, exported):
    offline = Offline(page)
    page.goto(exported.as_uri())
    page.wait_for_selector("path.leaflet-interactive", state="attached")
    page.evaluate("window.kgSlider._stepDuration = 30")  # a quick classroom, same steps
    page.locator(".leaflet-timeline-control button.play").click()
    page.wait_for_function(
        "document.querySelector('.leaflet-timeline-control output').innerText.startsWith('Day 42')"
    )
    page.wait_for_function("!document.querySelector('.leaflet-timeline-control.playing')")
    assert label(page) == "Day 42 since 16 May · 26 June 1954"
    assert drawn(page) == 5
    assert offline.tried == [] and offline.errors == []
