"""The time map plugin's words: every key and English default of client/timemap.js and
client/story.js is in map/plugin_words.py (so the catalogues translate it), and the hosts
pass them translated, with the locale of the reader's dates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kengir_geo.map.plugin_words import STORY_WORDS, TIMEMAP_WORDS, story_strings, timemap_options

CLIENT = Path(__file__).resolve().parent.parent / "kengir_geo" / "map" / "client"


def js_strings(file: str) -> dict[str, str]:
    """The `var STRINGS = {…}` table of a client file, its string pieces joined."""
    text = (CLIENT / file).read_text(encoding="utf-8")
    table = re.search(r"var STRINGS = \{(.*?)\n  \};", text, re.S).group(1)
    words = {}
    for key, value in re.findall(r"(\w+): ((?:\"[^\"]*\"\s*\+?\s*)+)", table):
        words[key] = "".join(re.findall(r"\"([^\"]*)\"", value))
    return words


@pytest.mark.parametrize(
    ("file", "words"), [("timemap.js", TIMEMAP_WORDS), ("story.js", STORY_WORDS)]
)
def test_the_catalogue_lists_every_word_of_the_plugin(file, words):
    assert js_strings(file) == words


def test_a_host_passes_the_words_and_dates_of_the_reader():
    uk = timemap_options("uk")
    assert uk["locale"] == "uk"
    assert uk["strings"]["play"] == "Відтворити"
    assert uk["strings"]["clock_since"] == "День {n} від {since} · {date}"
    assert uk["strings"].keys() == TIMEMAP_WORDS.keys()
    assert story_strings("kk")["chapter_of"] == "{total} тараудың {n}-тарауы"
    assert timemap_options()["locale"] == "en-GB"  # "16 May 1954", as Python writes it
    assert timemap_options()["strings"] == TIMEMAP_WORDS


def test_the_browser_writes_dates_with_the_patterns_python_uses():
    """Chromium's Intl has no Kazakh months ("1954 M05 16"); the host passes Babel's."""
    from datetime import date

    from kengir_geo.i18n.dates import format_day

    day_parts = timemap_options("kk")["dates"]["day"]
    day = date(1954, 6, 26)
    written = "".join(
        part
        if isinstance(part, str)
        else part["names"][day.month - 1]
        if "names" in part
        else str({"y": day.year, "M": day.month, "d": day.day}[part["f"]]).zfill(part["pad"])
        for part in day_parts
    )
    assert written == format_day(day, "kk")
    assert "маусым" in written


@pytest.mark.parametrize("lang", ["uk", "ru", "kk", "lt"])
def test_every_placeholder_survives_translation(lang):
    for words, translated in (
        (TIMEMAP_WORDS, timemap_options(lang)["strings"]),
        (STORY_WORDS, story_strings(lang)),
    ):
        for key, english in words.items():
            assert set(re.findall(r"\{\w+\}", translated[key])) == set(
                re.findall(r"\{\w+\}", english)
            ), (lang, key)
            assert translated[key] != english or not re.search("[a-z]{3}", english), (lang, key)
