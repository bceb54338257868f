"""`kengir-geo lesson export`: the frozen lesson in a real Chromium with the network blocked."""

from __future__ import annotations

from datetime import date

import pytest
from test_export_browser import open_export

from command_line import run

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def frozen(tmp_path_factory):
    out = tmp_path_factory.mktemp("lesson") / "lesson.html"
    result = run("lesson", "export", "how-many-died", "--out", out)
    assert result.exit_code == 0, result.stderr
    return out


def test_the_frozen_lesson_is_stamped_and_holds_only_its_steps(frozen):
    html = frozen.read_text(encoding="utf-8")
    today = date.today()
    assert f"As taught on {today.day} {today:%B} {today.year}" in html
    assert "Kengir 1954 version " in html
    assert "Guess the official count" in html
    assert "The free camp" not in html  # a chapter the lesson does not use
    assert "Write the spread of guesses" not in html  # teacher's notes stay off the screen


def test_it_runs_offline_and_a_predict_step_hides_then_reveals(page, frozen):
    offline = open_export(page, frozen)
    panel = page.locator(".kg-story")
    assert "How many died?" in panel.inner_text()
    assert "As taught on" in panel.inner_text()
    page.keyboard.press("PageDown")  # step 1 has a content note first
    assert "Content note" in panel.inner_text()
    page.keyboard.press("PageDown")
    assert "Step 1 of 5" in panel.inner_text()
    assert page.locator(".kg-bar").is_visible()
    page.keyboard.press("PageDown")  # step 2: predict
    assert "Step 2 of 5" in panel.inner_text()
    assert not page.locator(".kg-bar").is_visible()  # the later days are kept back
    assert not page.locator(".kg-reveal").is_visible()
    assert "25 June 1954" in page.locator(".kg-clock").inner_text()
    page.locator("input[name=guess]").focus()
    page.keyboard.type("100")
    page.keyboard.press("Enter")
    reveal = page.locator(".kg-reveal")
    reveal.wait_for(state="visible")
    assert "Your guess was 54 too high." in page.locator(".kg-off").inner_text()
    assert page.locator(".kg-off").get_attribute("aria-live") == "polite"
    assert "46" in reveal.inner_text()
    assert page.locator(".kg-bar").is_visible()
    assert "26 June 1954" in page.locator(".kg-clock").inner_text()
    assert "26 June 1954" in page.locator(".kg-chapter-when").inner_text()
    page.locator(".kg-story").click(position={"x": 5, "y": 5})
    for number in (3, 4, 5):
        page.keyboard.press("PageDown")
        assert f"Step {number} of 5" in panel.inner_text()
    assert "Survivors and writers count" not in panel.inner_text()
    page.keyboard.press("PageUp")
    page.keyboard.press("PageUp")
    assert "Survivors and writers count" in panel.inner_text()
    assert "500 to 700 killed" in panel.inner_text()  # the claim's values, side by side
    assert offline.tried == []
    assert offline.errors == []
