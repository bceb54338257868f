"""The real app in Debian's Chromium: the map draws, updates in place, plays, obeys the clicker
keys, opens deep links, and needs nothing from outside 127.0.0.1."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

MAP = 'iframe[title="streamlit_folium.st_folium"]'
DRAWN = ".leaflet-overlay-pane path, .leaflet-marker-pane > *"
CLOCK = re.compile(r"Day \d+ of 42")
DATE_SLIDER = 'input[type="range"][aria-label="Date"]'


def map_frame(page):
    """The map iframe as it is now (a rebuilt iframe is a new frame)."""
    handle = page.wait_for_selector(MAP, state="attached", timeout=60_000)
    frame = handle.content_frame()
    assert frame is not None
    return frame


def wait_for_drawn_map(page):
    frame = map_frame(page)
    frame.wait_for_selector(".leaflet-map-pane", state="attached", timeout=60_000)
    frame.wait_for_function(
        f"() => document.querySelectorAll('{DRAWN}').length > 0", timeout=60_000
    )
    return frame


def clock_text(page) -> str:
    return page.locator("h3").filter(has_text=CLOCK).first.inner_text()


def wait_for_clock(page, text: str) -> None:
    page.locator("h3", has_text=text).first.wait_for(timeout=60_000)


def wait_for_url_part(page, part: str) -> None:
    """The address bar changes by history.replaceState, without a page load."""
    try:
        page.wait_for_function("(part) => location.href.includes(part)", arg=part, timeout=30_000)
    except Exception:
        raise AssertionError(f"{part!r} not in {page.url}") from None


def drawn_layers_code(frame) -> str:
    return frame.evaluate("() => window.__GLOBAL_DATA__.last_feature_group || ''")


def test_the_map_shows_panes_and_features(app_server, page):
    page.goto(f"{app_server.url}/?date=1954-05-16")
    frame = wait_for_drawn_map(page)
    panes = frame.evaluate("() => document.querySelectorAll('.leaflet-pane').length")
    assert panes >= 4
    wait_for_clock(page, "Day 1 since 16 May")


def test_a_slider_step_redraws_without_reloading_the_map(app_server, page):
    page.goto(f"{app_server.url}/?date=1954-05-16")
    frame = wait_for_drawn_map(page)
    before = drawn_layers_code(frame)
    frame.evaluate("() => { window.__marker = 1; }")
    thumb = page.locator(DATE_SLIDER)
    thumb.focus()
    thumb.press("ArrowRight")
    wait_for_clock(page, "Day 2 since 16 May")
    frame = map_frame(page)
    frame.wait_for_function(
        "(old) => (window.__GLOBAL_DATA__.last_feature_group || '') !== old",
        arg=before,
        timeout=60_000,
    )
    assert frame.evaluate("() => window.__marker") == 1  # the same iframe document
    assert frame.evaluate(f"() => document.querySelectorAll('{DRAWN}').length") > 0
    wait_for_url_part(page, "date=1954-05-17")  # the URL follows the slider


def test_play_advances_the_date_and_pause_stops_it(app_server, page):
    page.goto(f"{app_server.url}/?date=1954-05-16")
    wait_for_drawn_map(page)
    frame = map_frame(page)
    frame.evaluate("() => { window.__marker = 1; }")
    page.get_by_role("button", name="▶ Play").click()
    wait_for_clock(page, "Day 3 since 16 May")
    page.get_by_role("button", name="⏸ Pause").click()
    page.get_by_role("button", name="▶ Play").wait_for(timeout=30_000)
    assert map_frame(page).evaluate("() => window.__marker") == 1


def test_story_follows_arrow_and_clicker_keys(app_server, page, atlas):
    first, second = atlas.chapters[:2]
    page.goto(f"{app_server.url}/story?chapter={first.id}")
    heading = page.locator(".st-key-story_title h2")
    heading.filter(has_text=first.title).wait_for(timeout=60_000)
    page.wait_for_function("() => typeof window.__kgKeyHandler === 'function'", timeout=30_000)
    wait_for_drawn_map(page)  # the first run has finished
    for key, chapter in (
        ("ArrowRight", second),
        ("ArrowLeft", first),
        ("PageDown", second),
        ("PageUp", first),
    ):
        page.keyboard.press(key)
        heading.filter(has_text=chapter.title).wait_for(timeout=30_000)
        if chapter is not first:  # the first chapter is the default: no parameter needed
            wait_for_url_part(page, f"chapter={chapter.id}")
        else:
            page.wait_for_function("() => !location.href.includes('chapter=')")


def test_a_deep_link_opens_at_its_date(app_server, page):
    page.goto(f"{app_server.url}/?date=1954-06-26")
    wait_for_clock(page, "Day 42 since 16 May")
    assert page.locator(DATE_SLIDER).get_attribute("aria-valuetext") == "26 Jun 1954"
    wait_for_drawn_map(page)


def test_offline_the_map_renders_and_nothing_leaves_the_machine(app_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    outside: list[str] = []

    def only_local(route):
        host = urlsplit(route.request.url).hostname
        if host == "127.0.0.1" or route.request.url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    try:
        page.goto(f"{app_server.url}/?date=1954-06-26")
        frame = wait_for_drawn_map(page)
        assert frame.evaluate("() => typeof window.L") == "object"
        page.goto(f"{app_server.url}/story")
        wait_for_drawn_map(page)
        assert outside == []
    finally:
        context.close()


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_presentation_mode_fits_a_projector(app_server, browser, atlas, size):
    """The longest chapter, presented: text and buttons on screen, legend folded away."""
    longest = max(atlas.chapters, key=lambda c: len(c.narrative))
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(f"{app_server.url}/story?chapter={longest.id}&present=true")
        page.locator(".st-key-story_title h2").filter(has_text=longest.title).wait_for(
            timeout=60_000
        )
        frame = wait_for_drawn_map(page)
        assert frame.evaluate("() => document.querySelector('details.kg-legend').open") is False
        next_button = page.get_by_role("button", name=re.compile("Next"))
        box = next_button.bounding_box()
        assert box is not None and box["y"] + box["height"] <= height, box
        text = page.locator(".st-key-story_text").bounding_box()
        assert text is not None and text["y"] + text["height"] <= height, text
        map_box = page.locator(MAP).bounding_box()
        assert map_box is not None and map_box["height"] >= height * 0.8, map_box
    finally:
        context.close()
