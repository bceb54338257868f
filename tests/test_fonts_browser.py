"""Issue 22: every letter of the four languages (ә ғ қ ң ө ұ ү һ і; ą č ę ė į š ų ū ž; ї є ґ)
is drawn by the font the page asks for, never by a fallback font or as a box, in the app's
text, in the map's panels, in the frozen lesson (the same page as the export) and in the
printed handout.

How: in Debian's Chromium, a probe with the letters is put into each place, with that place's
CSS, and Chromium's DevTools protocol (CSS.getPlatformFontsForNode) says which font files drew
its glyphs. A probe of plain Latin letters beside it names the font the CSS chose. The letters
pass when the one font that drew them is that font (a missing glyph shows as a second font,
Chromium's fallback), and when none of them is drawn as that font's box: when no font has a
glyph, Chromium draws the first font's .notdef, so each letter is drawn on a canvas in the
probe's font and compared, pixel for pixel, with a code point no font has.
"""

from __future__ import annotations

import pytest
from test_ui_browser import map_frame

from command_line import run
from kengir_geo.data.folder import read_geodata
from kengir_geo.data.lessons import find_lesson, load_lessons
from kengir_geo.data.translated import atlas_in
from kengir_geo.export.handout import handout_html

pytestmark = pytest.mark.browser

LETTERS = "әғқңөұүһі ąčęėįšųūž їєґ ӘҒҚҢӨҰҮҺІ ĄČĘĖĮŠŲŪŽ ЇЄҐ"
PLAIN = "Kengir"
PROBE = """async ([parent, letters, plain]) => {
  await document.fonts.ready;
  const box = document.querySelector(parent);
  for (const [id, text, bold] of [['kg-probe-letters', letters, false],
      ['kg-probe-plain', plain, false], ['kg-probe-bold', letters, true]]) {
    document.getElementById(id)?.remove();
    const el = document.createElement('span');
    el.id = id;
    el.textContent = text;
    if (bold) el.style.fontWeight = '700';
    box.appendChild(el);
  }
  // laid out and painted before DevTools is asked: a node not yet laid out has no fonts (a
  // page just opened gave empty lists in one run of two)
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""


# The letters drawn exactly like a code point no font has (U+10FFFD, private use): boxes.
BOXES = """async ([id, letters]) => {
  await document.fonts.ready;
  const font = getComputedStyle(document.getElementById(id)).font;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 64;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const draw = (text) => {
    ctx.clearRect(0, 0, 64, 64);
    ctx.font = font.replace(/\\d+(\\.\\d+)?px/, '40px');
    ctx.fillText(text, 4, 48);
    return ctx.getImageData(0, 0, 64, 64).data.join(',');
  };
  const box = draw(String.fromCodePoint(0x10FFFD));
  return [...letters].filter((c) => c.trim() && draw(c) === box);
}"""


def _find(node: dict, wanted: str) -> int | None:
    """The nodeId of the element with id `wanted`, in the document and every frame in it."""
    attributes = node.get("attributes", [])
    if "id" in attributes[::2] and attributes[attributes[::2].index("id") * 2 + 1] == wanted:
        return node["nodeId"]
    for child in [*node.get("children", []), node.get("contentDocument") or {}]:
        if child and (found := _find(child, wanted)) is not None:
            return found
    return None


def _fonts(page, frame, parent: str) -> dict[str, list[str]]:
    """The font families Chromium drew each probe with, put under `parent` in `frame`."""
    frame.evaluate(PROBE, [parent, LETTERS, PLAIN])
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
        out = {}
        for probe in ("kg-probe-letters", "kg-probe-plain", "kg-probe-bold"):
            node = _find(root, probe)
            assert node is not None, f"{probe} is not in the page"
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            out[probe] = sorted({f["familyName"] for f in fonts})
        out["boxes"] = frame.evaluate(BOXES, ["kg-probe-letters", LETTERS])
        out["boxes"] += frame.evaluate(BOXES, ["kg-probe-bold", LETTERS])
        return out
    finally:
        cdp.detach()


def _drawn_by_one_font(found: dict[str, list[str]]) -> None:
    assert len(found["kg-probe-plain"]) == 1, found
    assert found["kg-probe-letters"] == found["kg-probe-plain"], found
    assert found["kg-probe-bold"] == found["kg-probe-plain"], found
    assert found["boxes"] == [], found


def test_the_apps_text_and_its_maps_panels_draw_every_letter(app_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{app_server.url}/lessons?lang=kk")
        page.locator(".st-key-lesson_page h2").first.wait_for(timeout=60_000)
        app = _fonts(
            page, page.main_frame, '[data-testid="stMain"] [data-testid="stMarkdownContainer"]'
        )
        _drawn_by_one_font(app)
        frame = map_frame(page)
        frame.locator(".kg-clock").wait_for(timeout=60_000)
        panel = _fonts(page, frame, ".kg-clock")
        _drawn_by_one_font(panel)
        print("app:", app["kg-probe-plain"], "map:", panel["kg-probe-plain"])
    finally:
        context.close()


def test_the_frozen_lesson_and_the_handout_draw_every_letter(atlas, browser, tmp_path):
    out = tmp_path / "lesson-kk.html"
    result = run("lesson", "export", "why-here", "--out", out, "--lang", "kk")
    assert result.exit_code == 0, result.output
    kk = atlas_in(atlas, "kk")
    lesson = find_lesson(load_lessons(read_geodata(atlas.root), "kk"), "why-here")
    handout = tmp_path / "handout-kk.html"
    handout.write_text(handout_html(kk, lesson, {}, teacher=True, lang="kk"), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(out.as_uri())
        page.locator(".kg-clock").wait_for(timeout=30_000)
        for parent in (".kg-story", ".kg-clock"):
            _drawn_by_one_font(_fonts(page, page.main_frame, parent))
        page.goto(handout.as_uri())
        found = _fonts(page, page.main_frame, "h1")
        _drawn_by_one_font(found)
        assert found["kg-probe-plain"] == ["DejaVu Sans"]  # the handout's own font
    finally:
        context.close()
