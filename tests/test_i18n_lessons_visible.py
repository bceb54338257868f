"""Issue 22's "done when" for the lessons (issue 23): in uk, ru, kk and lt, the Lessons page
(teacher mode, then pupil mode with a guess revealed), the frozen lesson made with
`kengir-geo lesson export --lang` and the handout printed with `lesson pdf --lang` show no
English words outside names, quotations and work titles (tests/english_words.py decides).

One lesson, "Forty days", walked step by step in a real Chromium: it has every kind of step the
page draws (observe, a predict step with a date answer, discuss, compare).
"""

from __future__ import annotations

import re

import pytest
from english_words import english_words
from pypdf import PdfReader
from test_i18n_visible import LANGS, _report, _settled_text, _visible_text

from command_line import run
from kengir_geo.data.folder import bundled_geodata, read_geodata
from kengir_geo.data.lessons import find_lesson, load_lessons

pytestmark = pytest.mark.browser

LESSON = "forty-days"
STEPS = len(find_lesson(load_lessons(read_geodata(bundled_geodata())), LESSON).steps)
DATE_GUESS = {"uk": "20.06.1954", "ru": "20.06.1954", "kk": "20.06.1954", "lt": "1954-06-20"}


def _without_version(text: str) -> str:
    """The frozen lesson's stamp names the atlas version, a fingerprint ("cc7245052b48"), not
    a word."""
    return re.sub(r"\b[0-9a-f]{12}\b", " ", text)


def _without_class_code(page, text: str) -> str:
    """The teacher's class code is random letters and digits ("a8s-Kq2x"): a lone "s" or "a"
    in it is not an English word."""
    code = page.locator(".st-key-lesson_code strong")
    return text.replace(code.first.inner_text(), " ") if code.count() else text


def _next(page):
    return page.locator(".st-key-lesson_next button:visible").last


def _walk(page, lang: str, mode: str, words: dict[str, set[str]]) -> None:
    """Every step of the lesson in one mode, from the first; a predict step is answered and
    revealed in pupil mode."""
    for number in range(1, STEPS + 1):
        text = _settled_text(page)
        if mode == "pupil" and page.locator(".st-key-lesson_reveal button").count():
            field = page.locator(".st-key-lesson_answer input[type=text]:visible").last
            field.fill(DATE_GUESS[lang])
            field.press("Enter")
            page.locator(".st-key-lesson_reveal button").click()
            page.locator('[role="status"].kg-said').first.wait_for(timeout=30_000)
            text = _settled_text(page)
        text = _without_class_code(page, text)
        words[f"Lessons, {mode}, step {number}"] = english_words(text, lang)
        if number < STEPS:
            heading = page.locator(".st-key-lesson_page h2").first.inner_text()
            _next(page).click()
            page.wait_for_function(
                "(before) => { const h = document.querySelector('.st-key-lesson_page h2');"
                " return h && h.innerText !== before; }",
                arg=heading,
                timeout=60_000,
            )


@pytest.fixture(scope="module", params=LANGS)
def lesson_words(request, browser, app_server, tmp_path_factory):
    lang = request.param
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-GB")
    page = context.new_page()
    words: dict[str, set[str]] = {}
    try:
        page.goto(f"{app_server.url}/lessons?lang={lang}")
        page.wait_for_function(f"document.documentElement.lang === '{lang}'", timeout=60_000)
        page.locator(".st-key-lesson_page h2").first.wait_for(timeout=60_000)
        _walk(page, lang, "teacher", words)
        page.locator(".st-key-lesson_mode label:has(input)").nth(1).click()  # pupil mode
        page.wait_for_function(
            "() => document.querySelectorAll('.st-key-lesson_mode input')[1].checked",
            timeout=30_000,
        )
        page.locator(".st-key-lesson_first button").evaluate("b => b.click()")  # step 1
        page.wait_for_function(
            "() => document.querySelector('.st-key-lesson_prev button')?.disabled", timeout=60_000
        )
        _walk(page, lang, "pupil", words)
        folder = tmp_path_factory.mktemp(f"lesson-{lang}")
        frozen = folder / "lesson.html"
        result = run("lesson", "export", LESSON, "--out", frozen, "--lang", lang)
        assert result.exit_code == 0, result.output
        page.goto(frozen.as_uri())
        page.locator(".kg-clock").wait_for(timeout=30_000)
        words["Frozen lesson"] = english_words(_without_version(_visible_text(page)), lang)
        for number in range(1, STEPS + 1):
            page.keyboard.press("PageDown")
            page.locator(".kg-chapter-title, .kg-story h2").first.wait_for(timeout=30_000)
            page.wait_for_timeout(300)
            text = _without_version(_visible_text(page))
            words[f"Frozen lesson, step {number}"] = english_words(text, lang)
        handout = folder / "handout.pdf"
        result = run("lesson", "pdf", LESSON, "--out", handout, "--lang", lang, "--teacher")
        assert result.exit_code == 0, result.output
        # one line: a work's title broken over two lines is still its title
        printed = " ".join(
            " ".join(p.extract_text() or "" for p in PdfReader(handout).pages).split()
        )
        words["Handout (teacher's copy)"] = english_words(printed, lang)
        print(lang, _report(words))  # what `pytest -s` shows of each language
    finally:
        context.close()
    return lang, words, printed


@pytest.mark.timeout(900)
def test_the_lessons_page_and_its_exports_show_no_english_words(lesson_words):
    lang, words, _ = lesson_words
    assert len(words) == 2 * STEPS + STEPS + 2, sorted(words)  # every step was read
    assert _report(words) == {}


@pytest.mark.timeout(900)
def test_the_handout_is_printed_in_the_language(lesson_words):
    lang, _, printed = lesson_words
    lesson = find_lesson(load_lessons(read_geodata(bundled_geodata()), lang), LESSON)
    flat = " ".join(printed.split())
    assert lesson.title in flat
    for step in lesson.steps:  # every question, in the language
        for prompt in step.activity.prompts:
            assert " ".join(prompt.split())[:40] in flat, prompt
