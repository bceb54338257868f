"""The Lessons page in the real app and Debian's Chromium: a pupil runs a lesson from the first
step to the last with the keyboard only, answers a predict step and hears the reveal."""

from __future__ import annotations

import pytest
from test_ui_browser import map_frame, wait_for_clock

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
