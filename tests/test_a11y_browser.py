"""Accessibility in a real Chromium: axe-core (WCAG 2.0–2.2 A/AA) finds no serious or critical
problem on any page, in any frame, or in the export."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.axe import findings, node_count, report
from kengir_geo.data.translated import atlas_in
from kengir_geo.export.html import export_html
from kengir_geo.story.chapters import chapter_day

pytestmark = pytest.mark.browser

MAP = 'iframe[src*="timemap"]'

# page address → what shows the page has finished drawing
PAGES = {
    "explore": ("/explore?date=1954-06-26", MAP),
    "story": ("/story", MAP),
    "timeline": ("/timeline", '[data-testid="stMain"] h1'),
    "figures": (
        "/steplag",
        '[data-testid="stVegaLiteChart"], [data-testid="stArrowVegaLiteChart"]',
    ),
    "sources": ("/sources", '[data-testid="stMain"] h1'),
    "add a layer": ("/add-layer", '[data-testid="stFileUploader"]'),
    "presenter": ("/presenter", '[data-testid="stMain"] h1, [data-testid="stMain"] h2'),
    "lessons": ("/lessons", MAP),
    "lesson builder": ("/lesson-builder", '[data-testid="stMain"] h1'),
    "lesson presenter": (
        "/lesson-presenter?room=none",
        '[data-testid="stMain"] h1, [data-testid="stMain"] h2',
    ),
}


QUIET = """() => !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-stale="true"]')"""


def settled(page, ready: str) -> None:
    page.locator(ready).first.wait_for(state="attached", timeout=60_000)
    if ready == MAP:
        frame = page.locator(MAP).element_handle().content_frame()
        frame.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
    # Streamlit dims the elements of a page while a rerun is under way (data-stale, then an
    # opacity transition): axe must read the page once no rerun runs and none has for a while.
    for _ in range(2):
        page.wait_for_function(QUIET, timeout=60_000)
        page.wait_for_timeout(1000)
    page.wait_for_function(QUIET, timeout=60_000)


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_nothing_serious_on_the_page(app_server, page, name):
    path, ready = PAGES[name]
    page.goto(app_server.url + path)
    settled(page, ready)
    found = findings(page)
    assert not found, f"{node_count(found)} serious or critical nodes on {name}:\n{report(found)}"


def test_axe_finds_nothing_serious_on_the_lessons_page_in_pupil_mode(app_server, page):
    page.goto(app_server.url + "/lessons")
    settled(page, MAP)
    page.locator(".st-key-lesson_mode input").first.focus()
    page.keyboard.press("ArrowRight")  # Pupil
    page.locator(".st-key-lesson_follow").first.wait_for(timeout=30_000)
    settled(page, MAP)
    found = findings(page)
    assert not found, (
        f"{node_count(found)} serious or critical nodes on pupil mode:\n{report(found)}"
    )


def test_axe_finds_nothing_serious_in_the_export(page, atlas, tmp_path):
    out = export_html(atlas, tmp_path / "kengir.html")
    page.goto(out.as_uri())
    page.wait_for_selector(".kg-story")
    page.wait_for_timeout(500)
    found = findings(page)
    assert not found, (
        f"{node_count(found)} serious or critical nodes in the export:\n{report(found)}"
    )


# The focused element, followed into frames, and whether a ring shows on it or on a near
# ancestor (Streamlit rings a field's box, not the <input> inside it).
FOCUS = """() => {
  let doc = document, e = doc.activeElement;
  while (e && e.tagName === "IFRAME" && e.contentDocument) { doc = e.contentDocument; e = doc.activeElement; }
  const ring = (n) => { const s = n.ownerDocument.defaultView.getComputedStyle(n);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2
      && !/rgba\\(.*, 0\\)$/.test(s.outlineColor);
    return outline || (s.boxShadow !== "none" && !/rgba\\([^)]*, 0\\)/.test(s.boxShadow)); };
  let shown = false, n = e;
  for (let k = 0; n && n.nodeType === 1 && k < 4 && !shown; k += 1, n = n.parentElement) { shown = ring(n); }
  return {tag: e.tagName, cls: String(e.className && e.className.baseVal === undefined ? e.className : ""),
    text: (e.getAttribute("aria-label") || e.innerText || "").trim().slice(0, 60),
    inList: !!e.closest(".kg-today"), body: e === doc.body, shown: shown};
}"""


class Keyboard:
    """Presses keys and checks after each Tab that focus is on something and visible."""

    def __init__(self, page):
        self.page = page
        self.tabs = 0
        self.unseen: list[str] = []

    def tab(self, shift: bool = False) -> dict:
        self.page.keyboard.press("Shift+Tab" if shift else "Tab")
        self.tabs += 1
        focus = self.page.evaluate(FOCUS)
        if not focus["body"] and not focus["shown"]:
            self.unseen.append(f"{focus['tag']}.{focus['cls'][:30]} {focus['text']!r}")
        return focus

    def tab_to(self, wanted, most: int = 60, shift: bool = False) -> dict:
        for _ in range(most):
            focus = self.tab(shift)
            if wanted(focus):
                return focus
        raise AssertionError(f"not reached in {most} Tab presses")


def map_frame(page):
    frame = page.locator(MAP).element_handle().content_frame()
    frame.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
    return frame


def test_the_map_by_keyboard_alone(app_server, browser):
    """Fresh load → the day slider within 30 Tabs → 26 June 1954 typed → an event's details
    opened with Enter; focus always visible."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"{app_server.url}/explore")
        settled(page, MAP)
        keys = Keyboard(page)
        keys.tab_to(lambda f: "kg-slider" in f["cls"])
        slider_tabs = keys.tabs
        keys.tab_to(lambda f: "kg-date" in f["cls"], most=8)
        page.keyboard.press("Control+a")  # the field shows the day; typed over, in the
        page.keyboard.type("26/06/1954")  # reader's digits (English: day first), not en-US's
        frame = map_frame(page)
        frame.locator(".kg-clock", has_text="26 June 1954").wait_for(timeout=30_000)
        item = keys.tab_to(lambda f: f["inList"] and "kg-more" not in f["cls"], shift=True)
        page.keyboard.press("Enter")
        frame.locator(".kg-sr[aria-live]", has_text=item["text"][:12]).wait_for(timeout=10_000)
        shown = item["text"].split(" ", 1)[-1] if item["text"][:2].isdigit() else item["text"]
        page.locator("h3", has_text=shown[:15]).first.wait_for(timeout=30_000)  # the details
        print(f"Tab presses to the day slider: {slider_tabs}")
        assert slider_tabs <= 30, slider_tabs
        assert keys.unseen == [], f"focus not visible on: {keys.unseen}"
    finally:
        context.close()


def test_the_story_by_keyboard_alone(app_server, browser, atlas):
    """From the first chapter to the last with Tab and Enter; focus never drops to the page
    and is always visible."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{app_server.url}/story")
        settled(page, MAP)
        keys = Keyboard(page)
        heading = page.locator(".st-key-story_title h2")
        for number, chapter in enumerate(atlas.chapters):
            heading.filter(has_text=chapter.title).wait_for(timeout=30_000)
            page.wait_for_timeout(300)
            if page.locator(".st-key-story_warning").count():  # a content note first
                keys.tab_to(lambda f: f["tag"] == "BUTTON" and f["text"].startswith("Show the"))
                page.keyboard.press("Enter")
                page.locator(".st-key-story_text").wait_for(timeout=30_000)
                page.wait_for_timeout(300)
                assert page.evaluate(FOCUS)["tag"] != "BODY", chapter.id  # focus kept
            if number + 1 < len(atlas.chapters):
                keys.tab_to(lambda f: f["tag"] == "BUTTON" and f["text"].startswith("Next ▶"))
                page.keyboard.press("Enter")
                heading.filter(has_text=atlas.chapters[number + 1].title).wait_for(timeout=30_000)
                page.wait_for_timeout(300)
                assert page.evaluate(FOCUS)["tag"] != "BODY", chapter.id  # focus kept
        print(f"Tab presses through {len(atlas.chapters)} chapters: {keys.tabs}")
        assert keys.unseen == [], f"focus not visible on: {keys.unseen}"
    finally:
        context.close()


SIZES = [(1920, 1080), (1280, 800), (1024, 768), (390, 844)]

# Where the chapter's frame lies on screen and which panels cover it; text that runs out of
# its box sideways (a scrolling panel may hide text below, never beside).
LAYOUT = """([ids, panels]) => {
  const tm = window.__tm, map = tm.map;
  const box = map.getContainer().getBoundingClientRect();
  const b = tm.boundsOf(ids);
  const rect = (r) => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  let frame = null;
  if (b.isValid()) {
    const nw = map.latLngToContainerPoint(b.getNorthWest()), se = map.latLngToContainerPoint(b.getSouthEast());
    frame = {left: box.left + nw.x, top: box.top + nw.y, right: box.left + se.x, bottom: box.top + se.y};
  }
  const covered = [];
  for (const selector of panels) {
    for (const el of document.querySelectorAll(selector)) {
      const r = el.getBoundingClientRect();
      if (!frame || !r.width || !r.height || getComputedStyle(el).visibility === "hidden") { continue; }
      const w = Math.min(r.right, frame.right) - Math.max(r.left, frame.left);
      const h = Math.min(r.bottom, frame.bottom) - Math.max(r.top, frame.top);
      if (w > 2 && h > 2) { covered.push(selector + " " + JSON.stringify(rect(r))); }
    }
  }
  const overflow = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || !el.closest(panels.join(",")) || !el.offsetParent
        || el.closest(".kg-sr") || (el.closest("details:not([open])") && !el.closest("summary"))) {
      continue;  // for screen readers only, or folded away
    }
    const range = document.createRange(); range.selectNodeContents(n);
    const r = range.getBoundingClientRect();
    if (!r.width) { continue; }
    let clip = {left: 0, right: innerWidth};
    for (let a = el; a; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") { clip = a.getBoundingClientRect(); break; }
    }
    if (r.left < clip.left - 1 || r.right > clip.right + 1) {
      overflow.push(el.tagName + "." + el.className + " " + n.textContent.trim().slice(0, 40));
    }
  }
  return {frame: frame && rect(frame), covered, overflow};
}"""
PANELS = [".kg-story", ".kg-today", ".kg-bar", ".kg-legend", ".leaflet-control-zoom"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_chapter_of_the_export_leaves_its_frame_in_sight(browser, atlas, tmp_path, size):
    """At four screen sizes, every chapter: its frame clear of every panel, no text run out
    of its box. Screenshots go to the temporary folder."""
    width, height = size
    out = export_html(atlas, tmp_path / "kengir.html")
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.add_init_script(
        "window.addEventListener('timemapadd', e => { window.__tm = e.detail.timeMap; });"
    )
    try:
        page.goto(out.as_uri())
        page.wait_for_selector(".kg-story")
        by_title = {c.title: c for c in atlas.chapters}
        problems = []
        seen: set[str] = set()
        for _ in range(2 * len(atlas.chapters) + 2):
            page.keyboard.press("PageDown")
            page.wait_for_timeout(450)  # the map's move (animated) is over
            title = page.locator(".kg-chapter-title").inner_text().strip()
            chapter = by_title.get(title)
            if (
                chapter is None
                or chapter.id in seen
                or page.locator(".kg-story .kg-content-note").count()
            ):
                continue
            seen.add(chapter.id)
            page.wait_for_timeout(300)
            layout = page.evaluate(LAYOUT, [list(chapter.frame), PANELS])
            if layout["covered"] or layout["overflow"]:
                problems.append(f"{chapter.id}: {layout}")
            if len(seen) in (1, len(atlas.chapters)):
                page.screenshot(
                    path=str(Path("/tmp") / f"kengir-export-{width}x{height}-{chapter.id}.png")
                )
        assert len(seen) == len(atlas.chapters), seen
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_streamlit_targets_are_24_px_and_captions_dark_enough(app_server, page):
    """WCAG 2.5.8 on Streamlit's help "?" and a layer tag's "×"; 1.4.3 on captions."""
    page.goto(f"{app_server.url}/explore")
    settled(page, MAP)
    selectors = (
        '[data-testid="stTooltipIcon"] button',
        '[data-testid="stMultiSelectTagsContainer"] [data-tag] button',
    )
    for selector in selectors:
        boxes = [b.bounding_box() for b in page.locator(selector).all()]
        assert boxes, selector
        small = [b for b in boxes if b is None or b["width"] < 24 or b["height"] < 24]
        assert not small, (selector, small)
    page.goto(f"{app_server.url}/sources")
    settled(page, '[data-testid="stMain"] h1')
    colour, opacity = page.locator('[data-testid="stCaptionContainer"]').first.evaluate(
        "e => [getComputedStyle(e.querySelector('p')).color, getComputedStyle(e).opacity]"
    )
    assert (colour, opacity) == ("rgb(95, 94, 91)", "1")  # #5f5e5b: 6.5:1 on white


# Text of the Story page's chapter column that runs out of its box sideways, or that something
# else (a tooltip, a panel) lies on at its middle.
PAGE_TEXT = """() => {
  const out = [];
  const column = document.querySelector('.st-key-story_layout [data-testid="stColumn"]');
  for (let a = column; a; a = a.parentElement) { a.scrollTop = 0; }  // Streamlit's own scroller
  const hidden = ".st-key-story_first, .st-key-story_last, [data-testid='stTooltipIcon']";
  const walker = document.createTreeWalker(column, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el.offsetParent || el.closest(hidden)) {
      continue;  // Home and End's buttons are for the keys only, clipped to a pixel
    }
    const range = document.createRange(); range.selectNodeContents(n);
    const r = range.getBoundingClientRect();
    if (!r.width || r.bottom < 0 || r.top > innerHeight) { continue; }
    let clip = {left: 0, right: innerWidth};
    for (let a = el; a; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") { clip = a.getBoundingClientRect(); break; }
    }
    const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
    const top = document.elementFromPoint(x, y);
    const label = el.tagName + " " + n.textContent.trim().slice(0, 40);
    if (r.left < clip.left - 1 || r.right > clip.right + 1) { out.push("overflows: " + label); }
    else if (top && !el.contains(top) && !top.contains(el)) { out.push("covered: " + label); }
  }
  return out;
}"""
# The chapter's frame in view once the map has moved to it.
FRAMED = """([ids, day]) => {
  const tm = window.__tm;
  if (!tm || !tm.map || tm.getDay() !== day) { return false; }
  const b = tm.boundsOf(ids);
  return !b.isValid() || tm.map.getBounds().pad(0.02).contains(b);
}"""


def test_every_chapter_of_the_story_page_leaves_its_frame_in_sight(app_server, browser, atlas):
    """The app's Story page at four screen sizes, every chapter: its frame in view and clear
    of the map's panels, no text of the map's panels or of the chapter's column run out of
    its box or lain on. One page walks the chapters with the clicker's key at each size."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.add_init_script(
        "window.addEventListener('timemapadd', e => { window.__tm = e.detail.timeMap; });"
    )
    heading = page.locator(".st-key-story_title h2")
    problems = []
    try:
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{app_server.url}/story")
            settled(page, MAP)
            for number, chapter in enumerate(atlas.chapters):
                heading.filter(has_text=chapter.title).wait_for(timeout=30_000)
                if page.locator(".st-key-story_warning").count():  # the note, then the chapter
                    page.locator(".st-key-story_next button:visible").last.click()
                    page.locator(".st-key-story_text").wait_for(timeout=30_000)
                page.wait_for_function(QUIET, timeout=60_000)
                where = f"{width}x{height} {chapter.id}"
                frame = map_frame(page)
                map_box = page.locator(MAP)
                map_box.scroll_into_view_if_needed()
                frame.wait_for_function(
                    FRAMED,
                    arg=[list(chapter.frame), chapter_day(chapter).toordinal()],
                    timeout=30_000,
                )
                layout = frame.evaluate(LAYOUT, [list(chapter.frame), PANELS])
                if layout["covered"] or layout["overflow"]:
                    problems.append(f"{where} map: {layout}")
                if text := page.evaluate(PAGE_TEXT):
                    problems.append(f"{where} page: {text}")
                if number in (0, len(atlas.chapters) - 1):
                    page.screenshot(path=f"/tmp/kengir-story-{width}x{height}-{chapter.id}.png")
                if number + 1 < len(atlas.chapters):
                    page.keyboard.press("PageDown")
                    next_title = atlas.chapters[number + 1].title
                    heading.filter(has_text=next_title).wait_for(timeout=30_000)
        assert not problems, "\n".join(problems)
    finally:
        context.close()


FOLDS = (".kg-today", ".kg-story")


def test_on_a_phone_the_panels_fold_behind_named_buttons(browser, atlas, tmp_path):
    """At 390 px the day's list and the story's text are each a button (named, 24 px or more,
    aria-expanded) that opens and closes them by keyboard; at 1280 px there is no such button
    and the panels are open."""
    out = export_html(atlas, tmp_path / "kengir.html", chapter="may-16-18")  # 15 events
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(out.as_uri())
        page.wait_for_selector(".kg-story")
        page.keyboard.press("PageDown")  # past the chapter's content note (which opens it)
        page.locator(".kg-today .kg-fold").wait_for()
        story = page.locator(".kg-story .kg-fold")
        assert story.get_attribute("aria-expanded") == "false"  # folded again after the note
        for panel in FOLDS:
            fold = page.locator(f"{panel} .kg-fold")
            body = page.locator(f"{panel} .kg-fold-body")
            box = fold.bounding_box()
            assert box["height"] >= 24 and box["width"] >= 24, (panel, box)
            assert fold.inner_text().strip(), panel  # named by what it holds
            start = fold.get_attribute("aria-expanded")
            fold.focus()
            page.keyboard.press("Enter")
            flipped = "false" if start == "true" else "true"
            page.locator(f"{panel} .kg-fold[aria-expanded='{flipped}']").wait_for()
            assert body.is_visible() == (flipped == "true"), panel
            page.keyboard.press("Space")  # the same button, focus kept through a redraw
            page.locator(f"{panel} .kg-fold[aria-expanded='{start}']").wait_for()
            assert body.is_visible() == (start == "true"), panel
        assert page.locator(".kg-today .kg-fold").get_attribute("aria-expanded") == "false"
        assert not page.locator(".kg-today ul").is_visible()  # folded at first
        page.set_viewport_size({"width": 1280, "height": 800})
        for panel in FOLDS:
            assert not page.locator(f"{panel} .kg-fold").is_visible(), panel
            assert page.locator(f"{panel} .kg-fold-body").is_visible(), panel
    finally:
        context.close()


# The boxes of the map's labels as drawn, and the languages their names are marked with.
LABELS = """() => {
  const boxes = [...document.querySelectorAll(".kg-label")]
    .filter(l => getComputedStyle(l).display !== "none")
    .map(l => { const r = l.getBoundingClientRect();
      return {text: l.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom}; });
  const overlaps = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
      overlaps.push(a.text + " / " + b.text);
    }
  }));
  const langs = [...document.querySelectorAll(".kg-label [lang], .kg-today [lang]")]
    .map(e => e.getAttribute("lang"));
  return {shown: boxes.length, overlaps, langs};
}"""


def test_map_labels_never_overlap_on_a_phone_in_russian(browser, atlas, tmp_path):
    """Every chapter of the Russian export at 390 px: no two labels on the map touch (the
    lower-ranked one gives way), and Cyrillic names in labels and the day's list carry
    lang="ru" or "kk"."""
    out = export_html(atlas_in(atlas, "ru"), tmp_path / "kengir-ru.html", lang="ru")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(out.as_uri())
        page.wait_for_selector(".kg-story")
        problems, langs, shown = [], set(), 0
        for _ in range(2 * len(atlas.chapters)):
            page.keyboard.press("PageDown")
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 450)))")
            seen = page.evaluate(LABELS)
            shown += seen["shown"]
            langs |= set(seen["langs"])
            if seen["overlaps"]:
                problems.append(seen["overlaps"])
        assert shown, "no label drawn"
        assert not problems, problems
        assert langs and langs <= {"ru", "kk"}, langs
    finally:
        context.close()
