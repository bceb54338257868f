"""The exported file in a real Chromium with every network route blocked: the same time map
as the app, its rule for a day held against Python's, its labels, play, story and escaping."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import folium
import geopandas as gpd
import pandas as pd
import pytest
from hostile import PAYLOAD, SCRIPT, write_hostile_geodata
from shapely.geometry import Point
from test_export import write_export_geodata
from test_map import add_big_layer

from kengir_geo import load_atlas
from kengir_geo.data.intervals import MAYBE, PAST, SURE
from kengir_geo.export.html import export_html
from kengir_geo.map import TimeMap
from kengir_geo.map.payload import LARGE_LAYER
from kengir_geo.map.timemap import frame_layer
from kengir_geo.story.changes import changes_by_day
from kengir_geo.story.timeline import state_at

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


# The page keeps no global of its own: the plugin announces itself with a DOM event, and the
# test keeps what it hears (window.__tm), as any host could.
CAPTURE = """window.addEventListener("timemapadd", e => { window.__tm = e.detail.timeMap; });"""


def open_export(page, path):
    offline = Offline(page)
    page.add_init_script(CAPTURE)
    page.goto(path.as_uri())
    page.wait_for_function("() => window.__tm && window.__tm.getDay() !== null", timeout=30_000)
    page.wait_for_selector(".kg-story")
    return offline


def clock(page) -> str:
    return page.locator(".kg-clock").inner_text()


def set_day(page, day: date) -> None:
    page.eval_on_selector(
        "input.kg-slider",
        "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }",
        str(day.toordinal()),
    )


def drawn(page) -> int:
    return page.evaluate("() => window.__tm.countShown()")


@pytest.fixture
def exported(tmp_path):
    atlas = load_atlas(write_export_geodata(tmp_path / "geodata"))
    return export_html(atlas, tmp_path / "kengir.html")


def test_the_browser_rule_for_a_day_is_pythons_on_every_day_that_matters(page, atlas, tmp_path):
    """Each feature of the bundled atlas, on every day where any feature changes phase (and
    the days around): the browser's phaseOf and Python's state_at give the same answer."""
    out = export_html(atlas, tmp_path / "kengir.html")
    open_export(page, out)
    bounds = set()
    for layer in atlas.layers.values():
        for column in ("first_day", "sure_from", "sure_until", "last_day"):
            for value in layer.frame[column]:
                if 693000 < value < 716000:  # 1898..1960: the story's days
                    bounds.update((int(value) - 1, int(value), int(value) + 1))
    days = sorted(bounds)
    browser = page.evaluate(
        """(days) => {
            const P = window.__tm.payload;
            const names = ["", "sure", "maybe", "past"], out = {};
            P.layers.forEach(l => { out[l.id] = days.map(t => l.ids.map((id, i) =>
                names[KengirTimeCore.phaseOf(l.days, i, t, l.type === "events")])); });
            return out; }""",
        days,
    )
    for layer_id in atlas.layers:
        for n, day in enumerate(days):
            state = state_at(atlas, date.fromordinal(day), [layer_id])[layer_id]
            python = {i: "" for i in atlas.layers[layer_id].frame["id"]}
            for phase, frame in ((SURE, state.sure), (MAYBE, state.maybe), (PAST, state.past)):
                python.update(dict.fromkeys(frame["id"], phase))
            got = dict(zip(atlas.layers[layer_id].frame["id"], browser[layer_id][n], strict=True))
            assert got == python, (layer_id, date.fromordinal(day))
    assert len(days) > 100


def test_a_step_changes_the_map_and_play_shows_every_day(page, exported):
    offline = open_export(page, exported)
    assert clock(page) == "Day 1 since 16 May · 16 May 1954"
    set_day(page, date(1954, 6, 26))
    assert clock(page) == "Day 42 since 16 May · 26 June 1954"
    on_raid = drawn(page)
    set_day(page, date(1954, 5, 20))
    assert drawn(page) != on_raid
    page.keyboard.press("Escape")
    page.locator("input.kg-slider").focus()
    page.keyboard.press("ArrowRight")
    assert clock(page).startswith("Day 6 since 16 May")
    seen = page.evaluate(
        """() => new Promise(done => {
            const tm = window.__tm, days = [];
            tm.setSpeed(10);
            tm.setDay(tm.getRange()[1] - 12, {silent: true});
            tm.on("daychange", e => days.push(e.day));
            tm.on("playchange", e => { if (!e.playing) { setTimeout(() => done(days), 0); } });
            tm.play(); })"""
    )
    days = [d for n, d in enumerate(seen) if n == 0 or d != seen[n - 1]]  # stop says it again
    assert days == list(range(days[0], days[0] + len(days)))  # one day at a time, none skipped
    assert len(days) == 12 and days[-1] == date(1954, 7, 16).toordinal()
    assert offline.tried == [] and offline.errors == []


def test_the_bundled_export_labels_frames_and_tells_the_story(page, atlas, tmp_path):
    out = export_html(atlas, tmp_path / "kengir.html")
    assert out.stat().st_size <= 1.5 * 1024 * 1024
    page.set_viewport_size({"width": 1920, "height": 1080})
    offline = open_export(page, out)
    assert page.title() == "Kengir 1954"
    set_day(page, date(1954, 5, 26))
    page.wait_for_timeout(300)
    labels = page.locator(".kg-label:visible").all_inner_texts()
    zones = {"Women's zone", "Service yard", "Men's zone 2", "Men's zone 3"}
    assert zones <= set(labels), labels
    assert page.locator(".kg-plan-mark").is_visible()  # a plan, marked as one
    story = page.locator(".kg-story")
    assert float(story.evaluate("e => getComputedStyle(e).fontSize").rstrip("px")) >= 28
    for number, chapter in enumerate(atlas.chapters, start=1):
        page.keyboard.press("PageDown")
        if chapter.content_note:  # the note first, then the chapter
            assert "Content note" in story.inner_text()
            page.keyboard.press("PageDown")
        assert story.inner_text().startswith(f"Chapter {number} of {len(atlas.chapters)}")
        day = page.evaluate("() => window.__tm.getDay()")
        assert date.fromordinal(day).isoformat()[:4] == chapter.date[:4], chapter.id
        if len(chapter.date) < 10:  # a partial date reads as what it is, not as its first day
            assert not clock(page).startswith(f"{date.fromordinal(day).day} "), clock(page)
    page.keyboard.press("Home")
    assert "Chapter" not in story.inner_text().split("\n")[0]
    page.keyboard.press("b")
    assert page.locator(".kg-blank").is_visible()
    page.keyboard.press("b")
    assert offline.tried == [] and offline.errors == [] and offline.dialogs == []


def test_script_in_the_data_never_runs(page, tmp_path):
    atlas = load_atlas(write_hostile_geodata(tmp_path / "hostile"))
    # the validator refuses non-http URLs; a source that slipped past it must still not link
    atlas.sources["s002"] = replace(atlas.sources["s002"], url="javascript:alert(5)")
    out = export_html(atlas, tmp_path / "hostile.html", chapter="raid")
    offline = open_export(page, out)
    texts, links = [], []
    for day in (date(1954, 5, 16), date(1954, 6, 26)):
        set_day(page, day)
        found = page.evaluate(
            """() => { const texts = [], links = [], tm = window.__tm;
                tm.shownFeatures().forEach(f => {
                    tm.select(f.layer, f.id, true);  // its details, as Enter in the list opens them
                    const popup = document.querySelector(".leaflet-popup-content");
                    if (popup) { texts.push(popup.innerText);
                        popup.closest(".leaflet-popup").querySelectorAll("a").forEach(
                            a => links.push(a.getAttribute("href"))); }
                    const tip = document.createElement("div");  // what hovering shows
                    tip.innerHTML = tm.tooltipFor(f.layer, f.id);
                    texts.push(tip.innerText || tip.textContent);
                });
                return [texts, links]; }"""
        )
        texts += found[0]
        links += found[1]
    assert any(PAYLOAD in text for text in texts)  # shown as text
    assert any(SCRIPT in text for text in texts)
    # Leaflet's close button only: the hostile URLs never became links
    assert links and all(href == "#close" for href in links)
    page.locator(".kg-legend summary").click()
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("a[href^=javascript], a[href^=JavaScript]").count() == 0
    assert offline.dialogs == [] and offline.errors == []
    assert all("example.org" not in url for url in offline.tried)


def test_a_large_layer_draws_on_canvas_from_flat_numbers(page, tmp_path):
    atlas = load_atlas(write_export_geodata(tmp_path / "geodata"))
    add_big_layer(atlas, 3 * LARGE_LAYER, name=SCRIPT)
    out = export_html(atlas, tmp_path / "big.html")
    offline = open_export(page, out)
    page.wait_for_selector("canvas.leaflet-zoom-animated", state="attached")
    text = page.evaluate(
        """() => { const tm = window.__tm;
            const g = tm.groups.find(x => x.layer.id === "big");
            const first = g.made[0];
            first.fire("click", {latlng: first.getLatLng()}, true);  // to the group's popup
            return [g.group.getLayers().length, document.querySelector(".leaflet-popup-content").innerText]; }"""
    )
    assert text[0] == 3 * LARGE_LAYER
    assert SCRIPT in text[1] and PAYLOAD not in text[1] and "only roughly" in text[1]
    assert page.locator(".leaflet-marker-icon").count() == 0  # no pins
    assert offline.tried == [] and offline.errors == [] and offline.dialogs == []


def test_what_changed_on_a_day_is_pythons_list(page, atlas, tmp_path):
    """The day's list in the browser and the Timeline's changes (story/changes.py) are one
    list: movements and features that end included."""
    out = export_html(atlas, tmp_path / "kengir.html")
    open_export(page, out)
    everything = [layer.id for layer in atlas.layers.values() if layer.group != "basemap"]
    page.evaluate("(ids) => window.__tm.setLayers(ids)", everything)
    python = changes_by_day(atlas)
    days = [d for d in sorted(python) if 693000 < d < 716000]
    browser = page.evaluate(
        """(days) => days.map(t => { window.__tm.setDay(t);
            return window.__tm.todayItems().filter(x => x.kind === "change").map(x => x.text); })""",
        days,
    )
    for day, texts in zip(days, browser, strict=True):
        assert sorted(texts) == sorted(python[day]), date.fromordinal(day)
    assert any("no longer there" in " ".join(t) for t in browser)
    assert len(days) > 5


def test_a_layer_of_1923_to_1960_is_stepped_year_by_year(page, tmp_path):
    atlas = load_atlas(write_export_geodata(tmp_path / "geodata"))
    camps = camps_frame()
    atlas.layers["camps"] = frame_layer(camps, "opened", "closed", layer_id="camps", title="Camps")
    out = export_html(atlas, tmp_path / "camps.html")
    offline = open_export(page, out)
    assert page.evaluate("() => window.__tm.getSpan()")[0] == date(1923, 1, 1).toordinal()
    assert page.locator("input.kg-date").get_attribute("min") == "1923-01-01"
    page.locator("input.kg-date").fill("1923-06-01")
    page.locator("select.kg-unit").select_option("year")
    assert page.locator("input.kg-slider").get_attribute("max") == "37"  # 1923..1960 by years
    years, shown = [], []
    for _ in range(37):
        years.append(date.fromordinal(page.evaluate("() => window.__tm.getDay()")).year)
        shown.append(
            page.evaluate(
                "() => window.__tm.shownFeatures().filter(f => f.layer === 'camps').length"
            )
        )
        page.get_by_role("button", name="Next", exact=True).click()
    assert years == list(range(1923, 1960))
    assert shown[0] == 1 and max(shown) == 3 and shown[-1] == 1  # camps open and close
    page.locator("select.kg-unit").select_option("day")
    day = page.evaluate("() => window.__tm.getDay()")
    page.get_by_role("button", name="Next", exact=True).click()
    assert page.evaluate("() => window.__tm.getDay()") == day + 1  # the day is still the finest
    assert offline.tried == [] and offline.errors == []


def test_the_export_works_by_keyboard(page, exported):
    offline = open_export(page, exported)
    # no map shape takes focus, and none is described by a tooltip
    assert (
        page.locator(
            ".leaflet-overlay-pane [tabindex], .leaflet-overlay-pane [aria-describedby]"
        ).count()
        == 0
    )
    with_events = page.evaluate(
        """() => { const tm = window.__tm, r = tm.getRange();
            for (let t = r[0]; t <= r[1]; t += 1) { tm.setDay(t);
                if (tm.todayItems().some(x => x.kind === "event")) { return t; } } }"""
    )
    set_day(page, date.fromordinal(with_events - 1))
    set_day(page, date.fromordinal(with_events))
    first = page.locator(".kg-today li button").first
    name = first.inner_text()
    first.focus()
    page.keyboard.press("Enter")
    assert page.locator(".leaflet-popup-content").is_visible()  # the details opened
    assert name.split(" ", 1)[-1][:10] in page.locator(".kg-sr[aria-live]").inner_text()
    # the date typed, and Space on a focused Play plays (the story's Space is left alone)
    page.locator("input.kg-date").fill("1954-06-26")
    assert clock(page) == "Day 42 since 16 May · 26 June 1954"
    story = page.locator(".kg-story").inner_text()
    page.locator("button.kg-play").focus()
    page.keyboard.press(" ")
    assert page.locator("button.kg-play").get_attribute("aria-pressed") == "true"
    assert page.locator(".kg-story").inner_text() == story
    page.keyboard.press(" ")
    # targets of at least 24 x 24 px
    for selector in ("button.kg-play", ".kg-today li button", "input.kg-slider", "select.kg-unit"):
        box = page.locator(selector).first.bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24, selector
    live = page.locator(".kg-sr[aria-live]").inner_text()
    assert len(live) < 120, live  # the date and a count, not every event
    assert offline.tried == [] and offline.errors == []


def test_a_folium_time_map_of_anyones_layer_works_offline(page, tmp_path):
    fmap = folium.Map(tiles=None)
    TimeMap(camps_frame(), start="opened", end="closed", name="label", title="Camps").add_to(fmap)
    out = tmp_path / "camps.html"
    fmap.save(str(out))
    offline = open_export_plain(page, out)
    assert page.locator(".kg-clock").inner_text() == "1 January 1923"
    assert page.locator("select.kg-unit").input_value() == "year"  # decades: stepped by year
    counts = []
    for _ in range(40):
        counts.append(page.evaluate("() => window.__tm.countShown()"))
        page.get_by_role("button", name="Next", exact=True).click()
    assert counts[0] == 1 and max(counts) == 3
    page.locator("input.kg-slider").focus()
    page.keyboard.press("Home")
    assert page.evaluate("() => window.__tm.getDay()") == date(1923, 1, 1).toordinal()
    assert offline.tried == [] and offline.errors == []


def open_export_plain(page, path):
    offline = Offline(page)
    page.add_init_script(CAPTURE)
    page.goto(path.as_uri())
    page.wait_for_function("() => window.__tm && window.__tm.getDay() !== null", timeout=30_000)
    return offline


def camps_frame():
    """Three camps of a made-up atlas, open 1923-1960, dated as years, days and a month."""
    return gpd.GeoDataFrame(
        {
            "label": ["North camp", "River camp", "Lake camp"],
            "opened": ["1923", "1937-08-05", pd.Timestamp("1941-06-22")],
            "closed": ["1960", "1953-03-05", "1956-05"],
        },
        geometry=[Point(67.6, 47.8), Point(73.1, 49.8), Point(60.6, 56.8)],
        crs="EPSG:4326",
    )


def test_removing_the_time_map_undoes_what_adding_it_did(page, exported):
    offline = open_export(page, exported)
    before = page.evaluate(
        """() => { const tm = window.__tm, map = tm.map, box = map.getContainer();
            const seen = () => ({ours: box.querySelectorAll(".kg-labels, .kg-sr[aria-live], .kg-plan-mark, .kg-notice").length,
                paths: box.querySelectorAll(".leaflet-overlay-pane path").length,
                tm: box.classList.contains("kg-tm"), role: box.getAttribute("role")});
            const on = seen();
            map.removeLayer(tm);
            const off = seen();
            tm.addTo(map);
            const again = seen();
            return [on, off, again, tm.getDay() !== null]; }"""
    )
    on, off, again, has_day = before
    assert on["ours"] == 4 and on["paths"] > 0 and on["tm"] and on["role"] == "region"
    assert off == {"ours": 0, "paths": 0, "tm": False, "role": None}
    assert again == on and has_day
    assert offline.errors == []
