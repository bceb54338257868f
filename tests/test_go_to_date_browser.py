"""The time map's go-to-date field in Chromium: it shows the day in the reader's digits (not
the browser's 06/26/1954), takes a day typed that way or as ISO 8601, and the clock then says
the day in the reader's words. The frozen lesson is the same page as the export."""

from __future__ import annotations

import re

import pytest

from command_line import run

pytestmark = pytest.mark.browser

CASES = {
    # lang: (how the field writes a day, typed, the clock says)
    "uk": (r"\d\d\.\d\d\.\d{4}", "24.05.1954", "24 травня 1954"),
    "lt": (r"\d{4}-\d\d-\d\d", "1954-05-24", "1954 m. gegužės 24 d."),
    "en": (r"\d\d/\d\d/\d{4}", "24/05/1954", "24 May 1954"),
}


@pytest.mark.parametrize("lang", sorted(CASES))
def test_the_date_field_speaks_the_readers_format(lang, page, tmp_path):
    shown, typed, said = CASES[lang]
    out = tmp_path / f"lesson-{lang}.html"
    result = run("lesson", "export", "forty-days", "--out", out, "--lang", lang)
    assert result.exit_code == 0, result.output
    page.goto(out.as_uri())
    field = page.locator("input.kg-date")
    page.locator(".kg-clock").wait_for(timeout=30_000)
    assert re.fullmatch(shown, field.input_value()), field.input_value()
    assert field.get_attribute("type") == "text"
    field.fill(typed)
    page.locator(".kg-clock", has_text=said).wait_for(timeout=30_000)
    field.fill("1954-06-26")  # ISO in every language
    page.keyboard.press("Tab")
    page.wait_for_function(
        "(v) => document.querySelector('input.kg-date').value === v",
        arg={"uk": "26.06.1954", "lt": "1954-06-26", "en": "26/06/1954"}[lang],
        timeout=30_000,
    )
