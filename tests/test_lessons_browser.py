"""The Lessons page in the real app and Debian's Chromium: a pupil runs a lesson from the first
step to the last with the keyboard only, answers a predict step and hears the reveal."""

from __future__ import annotations

import pytest
from test_ui_browser import map_frame, wait_for_clock

from kengir_geo.data.folder import bundled_geodata, read_geodata
from kengir_geo.data.lessons import Predict, load_lessons

pytestmark = pytest.mark.browser


def next_button(page):
    """The one on screen: Streamlit may keep a stale copy of a button while it reruns."""
    return page.locator(".st-key-lesson_next button:visible").last


def heading(page, text: str) -> None:
    page.locator("h2", has_text=text).first.wait_for(timeout=60_000)


def test_a_pupil_runs_a_lesson_start_to_finish_by_keyboard(app_server, page):
    page.goto(f"{app_server.url}/lessons")
    heading(page, "The camp is theirs")
    # choose the lesson: type into the lesson list and press Enter
    page.locator(".st-key-lesson_id input").focus()
    page.keyboard.type("How many died")
    page.keyboard.press("Enter")
    heading(page, "26 June: the tanks")
    # pupil mode: the arrow key moves the mode's radio choice
    page.locator(".st-key-lesson_mode input").first.focus()
    page.keyboard.press("ArrowRight")
    page.locator(".st-key-lesson_mode input").nth(1).wait_for(state="attached")
    page.wait_for_function(
        "() => document.querySelectorAll('.st-key-lesson_mode input')[1].checked", timeout=30_000
    )
    # the Next button by keyboard, then the clicker's PageDown from there
    next_button(page).focus()
    page.keyboard.press("Enter")
    heading(page, "Guess the official count")
    frame = map_frame(page)
    wait_for_clock(frame, "25 June 1954")
    assert page.locator(".st-key-lesson_answer input:visible").last.is_visible()
    answer = page.locator(".st-key-lesson_answer input:visible").last
    answer.focus()
    page.keyboard.type("50")
    page.keyboard.press("Enter")  # Streamlit takes the typed value
    page.wait_for_timeout(500)
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.innerText")
    assert "Reveal" in focused
    page.keyboard.press("Enter")
    said = page.locator('[aria-live="polite"]', has_text="The answer: 46.")
    said.wait_for(timeout=30_000)
    assert "Your guess was 4 too high." in said.inner_text()
    wait_for_clock(map_frame(page), "26 June 1954")  # the map moved to what happened
    box = next_button(page).bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24
    for title in (
        "Survivors and writers count",
        "Even official figures differ",
        "Why does the number matter?",
    ):
        next_button(page).focus()
        page.keyboard.press("PageDown")
        heading(page, title)
    assert next_button(page).is_disabled()
    assert page.get_by_text("Step 5 of 5").is_visible()
    page.keyboard.press("Home")
    heading(page, "26 June: the tanks")


LESSONS = load_lessons(read_geodata(bundled_geodata()))


def answer(page, predict: Predict) -> None:
    """A pupil's answer, typed or chosen with the keyboard."""
    if predict.kind == "choice":
        page.locator(".st-key-lesson_answer input[type=radio]:visible").first.focus()
        page.keyboard.press("Space")
        for _ in range(predict.choices.index(predict.answer)):
            page.keyboard.press("ArrowDown")
    else:
        field = page.locator(".st-key-lesson_answer input:visible").last
        field.focus()
        page.keyboard.type(predict.answer if predict.kind == "date" else "1")
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")  # a date picker's calendar closes
    page.wait_for_timeout(500)


@pytest.mark.parametrize("mode", ["Teacher (projected)", "Pupil"])
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_every_lesson_runs_start_to_finish_by_keyboard(app_server, page, lesson, mode):
    page.goto(f"{app_server.url}/lessons")
    heading(page, "The camp is theirs")
    page.locator(".st-key-lesson_id input").focus()
    page.keyboard.type(lesson.title[:20])
    page.keyboard.press("Enter")
    heading(page, lesson.steps[0].title)
    if mode == "Pupil":
        page.locator(".st-key-lesson_mode input").first.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "() => document.querySelectorAll('.st-key-lesson_mode input')[1].checked",
            timeout=30_000,
        )
    for number, step in enumerate(lesson.steps):
        heading(page, step.title)
        page.get_by_text(f"Step {number + 1} of {len(lesson.steps)}").wait_for(timeout=30_000)
        for note in filter(None, [step.teacher_note[:40]]):
            assert page.get_by_text(note).count() == 0  # never on this screen
        if isinstance(step.activity, Predict):
            if mode == "Pupil":
                answer(page, step.activity)
            page.locator(".st-key-lesson_answer button:visible").last.focus()
            page.keyboard.press("Enter")
            said = page.locator('[aria-live="polite"]:visible', has_text="The answer:")
            said.wait_for(timeout=30_000)
            if mode == "Pupil":
                assert (
                    "right" in said.inner_text()
                    or "very day" in said.inner_text()
                    or ("too" in said.inner_text())
                )
        if number + 1 < len(lesson.steps):
            next_button(page).focus()
            page.keyboard.press("PageDown")
    assert next_button(page).is_disabled()


def choose_lesson(page, title: str) -> None:
    page.locator(".st-key-lesson_id input").focus()
    page.keyboard.type(title[:20])
    page.keyboard.press("Enter")


def test_a_pupil_follows_the_teachers_steps_lessons_and_map(app_server, browser):
    """The teacher moves on, back, and to another lesson; the pupil's page (its step text,
    its answer field and its map) follows each time with no key pressed on it."""
    teacher = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    pupil = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    try:
        teacher.goto(f"{app_server.url}/lessons")
        heading(teacher, "The camp is theirs")
        code = teacher.locator(".st-key-lesson_code strong").first.inner_text()
        pupil.goto(f"{app_server.url}/lessons")
        heading(pupil, "The camp is theirs")
        pupil.locator(".st-key-lesson_mode input").first.focus()
        pupil.keyboard.press("ArrowRight")
        field = pupil.locator(".st-key-lesson_follow input")
        field.wait_for(timeout=30_000)
        field.focus()
        pupil.keyboard.type(code)
        pupil.keyboard.press("Enter")
        pupil.locator(".st-key-lesson_watch iframe").wait_for(state="attached", timeout=30_000)
        for key, title in (("PageDown", "How long could it last?"), ("PageDown", "A government")):
            next_button(teacher).focus()
            teacher.keyboard.press(key)
            heading(pupil, title)
            if title.startswith("How long"):  # a predict step: the pupil answers it here
                pupil.locator(".st-key-lesson_answer input:visible").last.wait_for()
        choose_lesson(teacher, "How many died")
        heading(teacher, "26 June: the tanks")
        heading(pupil, "26 June: the tanks")  # another lesson: the pupil's list follows too
        pupil.wait_for_function(  # and its lesson list shows the teacher's lesson
            "() => document.querySelector('.st-key-lesson_id input').value"
            ".startsWith('How many died')",
            timeout=30_000,
        )
        next_button(teacher).focus()
        teacher.keyboard.press("PageDown")
        heading(pupil, "Guess the official count")
        wait_for_clock(map_frame(pupil), "25 June 1954")  # the pupil's map moved with the step
        assert pupil.locator(".st-key-lesson_follow input").input_value() == code
        teacher.keyboard.press("Home")
        heading(pupil, "26 June: the tanks")
        assert pupil.get_by_text("Step 1 of 5").is_visible()
    finally:
        teacher.context.close()
        pupil.context.close()
