"""The real app (`kengir-geo serve`) in Debian's Chromium: the time map draws with labels, the
day changes in the browser and reaches Python once settled, clicks open details, deep links
and chapters move the map, the clicker keys work, and nothing leaves 127.0.0.1."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

MAP = 'iframe[src*="timemap"]'
# The map keeps no global of its own: the plugin announces itself with a DOM event, and the
# test keeps what it hears (window.__tm), as any host could.
CAPTURE = """window.addEventListener("timemapadd", e => { window.__tm = e.detail.timeMap; });"""
ZONES = ("Women's zone", "Service yard", "Men's zone 2", "Men's zone 3", "Prison")


def map_frame(page):
    handle = page.wait_for_selector(MAP, state="attached", timeout=60_000)
    frame = handle.content_frame()
    assert frame is not None
    frame.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
    return frame


def clock(frame) -> str:
    return frame.locator(".kg-clock").inner_text()


def wait_for_clock(frame, text: str) -> None:
    frame.locator(".kg-clock", has_text=text).wait_for(timeout=30_000)


def wait_for_url_part(page, part: str) -> None:
    """The address bar changes by history.replaceState, without a page load."""
    try:
        page.wait_for_function("(part) => location.href.includes(part)", arg=part, timeout=30_000)
    except Exception:
        raise AssertionError(f"{part!r} not in {page.url}") from None


def test_explore_opens_on_the_compound_named_above_the_fold(app_server, page):
    page.goto(f"{app_server.url}/explore?date=1954-05-26")
    frame = map_frame(page)
    wait_for_clock(frame, "Day 11 since 16 May · 26 May 1954")
    frame.wait_for_timeout(400)
    labels = frame.locator(".kg-label:visible").all_inner_texts()
    assert sum(zone in labels for zone in ZONES) >= 4, labels
    box = page.locator(MAP).bounding_box()
    assert box is not None
    visible = min(box["y"] + box["height"], 800) - max(box["y"], 0)
    assert visible >= 0.9 * box["height"], box
    legend = frame.locator(".kg-legend-panel .kg-legend-row").first
    assert not legend.is_visible()  # one click away, covering nothing
    frame.locator(".kg-legend summary").click()
    assert legend.is_visible()
    assert frame.locator(".kg-tm").get_attribute("aria-label").endswith("26 May 1954")
    # the frame and its document have human names
    assert page.locator(MAP).get_attribute("title") == "Map: Kengir 1954"
    assert frame.title() == "Map: Kengir 1954"


def test_a_day_step_changes_the_map_in_the_browser_and_reaches_python(app_server, page):
    page.goto(f"{app_server.url}/?date=1954-05-16")
    frame = map_frame(page)
    frame.evaluate("() => { window.__sameDocument = 1; }")
    slider = frame.locator("input.kg-slider")
    slider.focus()
    slider.press("ArrowRight")
    wait_for_clock(frame, "Day 2 since 16 May")  # drawn in the browser, no server round trip
    wait_for_url_part(page, "date=1954-05-17")  # Python heard the settled day
    slider.press("End")
    wait_for_url_part(page, "date=1954-07-16")
    assert map_frame(page).evaluate("() => window.__sameDocument") == 1  # never rebuilt


def test_play_advances_one_day_at_a_time_and_pause_stops(app_server, page):
    page.add_init_script(CAPTURE)
    page.goto(f"{app_server.url}/?date=1954-05-16")
    frame = map_frame(page)
    # Play until four days have passed, however long the machine takes (no timer decides)
    days = frame.evaluate(
        """() => new Promise(done => {
            const tm = window.__tm, seen = [tm.getDay()];
            tm.on("daychange", e => { if (e.playing) { seen.push(e.day); }
                if (seen.length === 5) { tm.stop(); done(seen); } });
            tm.setSpeed(10);
            tm.play(); })"""
    )
    assert days == list(range(days[0], days[0] + 5)), days  # one day at a time, none skipped
    assert frame.locator(".kg-play").inner_text().endswith("Play")


def test_a_click_opens_the_details_of_that_feature(app_server, page):
    page.goto(f"{app_server.url}/?date=1954-06-26")
    frame = map_frame(page)
    first = frame.locator(".kg-today li button").first
    name = first.inner_text()
    first.click()
    shown = re.sub(r"^\d\d:\d\d ", "", name)
    page.locator("h3", has_text=shown[:20]).first.wait_for(timeout=30_000)


def test_links_and_chapters_move_the_map(app_server, page, atlas):
    page.goto(f"{app_server.url}/explore?date=1954-06-26")
    wait_for_clock(map_frame(page), "Day 42 since 16 May")
    partial = next(c for c in atlas.chapters if len(c.date) < 10)  # "1954-05", "1948"
    page.goto(f"{app_server.url}/explore?chapter={partial.id}")
    frame = map_frame(page)
    assert partial.date[:4] in clock(frame)
    assert page.locator('[data-testid="stException"]').count() == 0


def show_the_chapter(page) -> None:
    """On a content note, the clicker's Next shows the chapter itself."""
    page.wait_for_function("() => document.documentElement.dataset.kgKeys === '1'", timeout=30_000)
    page.wait_for_timeout(300)  # the page has settled on the note or the text
    if page.locator(".st-key-story_warning").count():
        page.keyboard.press("PageDown")
        page.locator(".st-key-story_text").wait_for(timeout=30_000)


def test_story_follows_arrow_and_clicker_keys(app_server, page, atlas):
    first, second = atlas.chapters[:2]
    page.goto(f"{app_server.url}/story?chapter={first.id}")
    heading = page.locator(".st-key-story_title h2")
    heading.filter(has_text=first.title).wait_for(timeout=60_000)
    page.wait_for_function("() => document.documentElement.dataset.kgKeys === '1'", timeout=30_000)
    map_frame(page)
    text = page.locator(".st-key-story_text")
    for key, chapter in (
        ("PageDown", second),
        ("PageUp", first),
        ("End", atlas.chapters[-1]),
        ("Home", first),
        ("ArrowRight", second),
        ("ArrowLeft", first),
    ):
        if chapter.content_note and page.locator(".st-key-story_warning").count():
            page.keyboard.press("PageDown")  # the note first: the clicker shows the chapter
            text.wait_for(timeout=30_000)
        page.keyboard.press(key)
        heading.filter(has_text=chapter.title).wait_for(timeout=30_000)
        if chapter is not first:  # the first chapter is the default: no parameter needed
            wait_for_url_part(page, f"chapter={chapter.id}")
    page.keyboard.press("b")
    assert page.locator("#kg-blank").is_visible()
    page.keyboard.press("b")
    assert not page.locator("#kg-blank").is_visible()


def test_content_notes_come_first_and_notes_stay_off_the_projector(app_server, page, atlas):
    noted = next(c for c in atlas.chapters if c.content_note and c.notes)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{app_server.url}/story?chapter={noted.id}&present=true")
    warning = page.locator(".st-key-story_warning")
    warning.wait_for(timeout=60_000)
    assert noted.content_note[:30] in warning.inner_text()
    body = page.locator("body").inner_text()
    assert " ".join(noted.notes.split()[:6]) not in body
    show_the_chapter(page)
    size = page.locator(".st-key-story_text p").first.evaluate("e => getComputedStyle(e).fontSize")
    assert float(size.rstrip("px")) >= 28  # readable from the back of a room
    shown = page.locator("body").inner_text()
    assert not re.search(r"\b(w-en|s00\d|ATI)\b|\(claim |research notes", shown)


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
        frame = map_frame(page)
        assert frame.evaluate("() => typeof window.L") == "object"
        page.goto(f"{app_server.url}/story")
        map_frame(page)
        assert outside == []
    finally:
        context.close()


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_presentation_mode_fits_a_projector(app_server, browser, atlas, size):
    """The longest chapter, presented: text and buttons on screen, the map tall."""
    longest = max(atlas.chapters, key=lambda c: len(c.narrative))
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(f"{app_server.url}/story?chapter={longest.id}&present=true")
        page.locator(".st-key-story_title h2").filter(has_text=longest.title).wait_for(
            timeout=60_000
        )
        map_frame(page)
        show_the_chapter(page)
        next_button = page.get_by_role("button", name=re.compile("Next"))
        box = next_button.bounding_box()
        assert box is not None and box["y"] + box["height"] <= height, box
        text = page.locator(".st-key-story_text").bounding_box()
        assert text is not None and text["y"] + text["height"] <= height, text
        map_box = page.locator(MAP).bounding_box()
        assert map_box is not None and map_box["height"] >= height * 0.8, map_box
    finally:
        context.close()
