"""Issue 22's "done when", counted in a real Chromium at 1920×1080: for uk, ru, kk and lt, the
text a reader sees on every page of the app (and in its map), on every Story chapter and in the
export made with `--lang`, holds no English words outside names, quotations and work titles; and
no chapter's text overflows its box in any language.

One browser and one server for all of it; the Story chapters are stepped through with Next (a
chapter with a content note shows the note first, then the chapter).
"""

from __future__ import annotations

import time

import pytest
from english_words import english_words

from command_line import run

LANGS = ("uk", "ru", "kk", "lt")
# each page, and whether it has the map (else its heading shows it has been drawn)
PAGES = {
    "Explore": ("/", True),
    "Timeline": ("/timeline", False),
    "Figures": ("/steplag", False),
    "Sources": ("/sources", False),
    "Add a layer": ("/add-layer", False),
}
MAP = 'iframe[src*="timemap"]'
CHAPTERS = 17

# Words a translated page may show in Latin letters although the English texts use them too,
# and why. Everything else English is a fault to fix (a msgid without msgstr, a string not
# wrapped in _(), a geodata entry not translated).
ALLOWED = {
    # the map library and the tile makers credited in the map's corner
    "leaflet", "openstreetmap", "carto",
    # names of file formats and of a product the Add a layer page accepts files from
    "csv", "geojson", "geopackage", "kml", "shapefile", "zip", "google", "my", "maps",
    "gpkg", "json", "kmz", "shp", "tsv",  # and their files' endings
    # the names of keys on the keyboard (and on a clicker), in the pages' keyboard hints
    "pagedown", "pageup", "b",
    # people's names, written in the original Lithuanian beside their transliteration
    "stasys", "balys", "leipus", "vytautas", "kazys", "rindeika", "povilas", "seikalis",
    "kazimieras",
}  # fmt: skip
# Streamlit's own file-uploader line ("200MB per file • CSV, ZIP …") and its "Upload" button:
# Streamlit gives no way to translate them (streamlit#1353); counted apart so that they are named,
# not hidden.
STREAMLIT_UPLOADER = {"mb", "per", "file", "upload"}

# Every element of the chapter text whose contents are wider than its box.
OVERFLOWING = """(selectors) => {
  const found = [];
  for (const box of document.querySelectorAll(selectors)) {
    for (const el of [box, ...box.querySelectorAll('*')]) {
      if (el.closest('.st-key-story_first, .st-key-story_last')) continue;  // kept off screen
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
        found.push(el.tagName + ': ' + (el.innerText || '').slice(0, 60));
    }
  }
  return found;
}"""
APP_TEXT = (
    ".st-key-story_title, .st-key-story_clock, .st-key-story_text, .st-key-story_warning,"
    " .st-key-story_nav"
)
EXPORT_TEXT = ".kg-story"
# how far the chapter's last line (its Next button) lies below a 1080-pixel screen
BELOW_SCREEN = """() => {
  const nav = document.querySelector('.st-key-story_nav');
  const main = document.querySelector('[data-testid="stMain"]');  // the part that scrolls
  const scrolled = window.scrollY + (main ? main.scrollTop : 0);
  return nav ? nav.getBoundingClientRect().bottom + scrolled - window.innerHeight : 0;
}"""


# The body's text as shown, without the icon font's ligature names ("bar_chart" is drawn as an
# icon, never read as a word).
VISIBLE = """() => {
  if (!document.body) return '';
  let text = document.body.innerText;
  for (const icon of document.querySelectorAll('[data-testid="stIconMaterial"]'))
    if (icon.innerText) text = text.split(icon.innerText).join(' ');
  return text;
}"""


def _visible_text(page) -> str:
    """The text of the page and of every frame in it (the map)."""
    texts = []
    for frame in page.frames:
        try:
            texts.append(frame.evaluate(VISIBLE))
        except Exception:  # a frame replaced while we read it: read again on the next pass
            texts.append("")
    return "\n".join(texts)


def _open(page, url: str, lang: str, has_map: bool) -> None:
    page.goto(url)
    page.wait_for_function(f"document.documentElement.lang === '{lang}'", timeout=60_000)
    if has_map:
        page.frame_locator(MAP).locator(".kg-clock").wait_for(timeout=60_000)
    else:
        page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=60_000)


def _settled_text(page, timeout: float = 60) -> str:
    """The visible text once the page has stopped changing (Streamlit draws in steps)."""
    end = time.monotonic() + timeout
    last, same = None, 0
    while time.monotonic() < end:
        page.wait_for_timeout(800)
        running = page.locator('[data-testid="stStatusWidget"]').count()
        text = _visible_text(page)
        same = same + 1 if text == last and not running else 0
        if same >= 2:
            return text
        last = text
    return last or ""


def _report(found: dict[str, set[str]]) -> dict[str, list[str]]:
    def left(where: str, words: set[str]) -> set[str]:
        return words - ALLOWED - (STREAMLIT_UPLOADER if where == "Add a layer" else set())

    return {where: sorted(left(where, w)) for where, w in found.items() if left(where, w)}


@pytest.fixture(scope="module", params=LANGS)
def seen(request, browser, app_server, tmp_path_factory):
    """One language's walk: the English words per page and the overflowing chapter elements."""
    lang = request.param
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-GB")
    page = context.new_page()
    try:
        words: dict[str, set[str]] = {}
        overflow: dict[str, list[str]] = {}
        for name, (path, has_map) in PAGES.items():
            _open(page, f"{app_server.url}{path}?lang={lang}", lang, has_map)
            words[name] = english_words(_settled_text(page), lang)
        _open(page, f"{app_server.url}/story?lang={lang}", lang, True)
        step = 0
        while True:
            text = _settled_text(page)
            title = page.locator(".st-key-story_title").inner_text().strip()
            where = f"Story {step + 1}: {title[:40]}"
            words[where] = english_words(text, lang)
            if bad := page.evaluate(OVERFLOWING, APP_TEXT):
                overflow[where] = bad
            if (below := page.evaluate(BELOW_SCREEN)) > 0:
                overflow[where] = [f"the chapter ends {below:.0f} px below the screen"]
            following = page.locator(".st-key-story_next button").first
            if step > 2 * CHAPTERS or following.is_disabled():
                break
            following.click()
            step += 1
        out = tmp_path_factory.mktemp("export") / f"{lang}.html"
        result = run("export", "--out", out, "--lang", lang)
        assert result.exit_code == 0, result.output
        page.goto(out.as_uri())
        page.locator(".kg-clock").wait_for(timeout=30_000)
        words["Export"] = english_words(_visible_text(page), lang)
        for number in range(1, CHAPTERS + 1):
            page.keyboard.press("PageDown")
            page.wait_for_timeout(300)
            where = f"Export chapter {number}"
            words[where] = english_words(_visible_text(page), lang)
            if bad := page.evaluate(OVERFLOWING, EXPORT_TEXT):
                overflow[where] = bad
        print(lang, _report(words), overflow)  # what `pytest -s` shows of each language
    finally:
        context.close()
    return lang, words, overflow


@pytest.mark.browser
@pytest.mark.timeout(900)  # the walk through 5 pages, 17 chapters and the export: minutes
def test_no_english_words_outside_names_and_quotations(seen):
    _, words, _ = seen
    assert len(words) >= len(PAGES) + CHAPTERS + 2, sorted(words)  # every page was read
    assert _report(words) == {}


@pytest.mark.browser
@pytest.mark.timeout(900)
def test_no_chapter_text_overflows_at_1920x1080(seen):
    _, _, overflow = seen
    assert overflow == {}
