"""The Lessons page in AppTest: teacher and pupil modes, predict then reveal, the notes kept to
the presenter view."""

from __future__ import annotations

import pytest

from apptest_support import app, open_page
from kengir_geo.app.follow import _folder, announce
from kengir_geo.app.presenting import new_room
from kengir_geo.data.folder import bundled_geodata


@pytest.fixture(scope="module")
def geodata():
    return bundled_geodata()


def texts(at) -> list[str]:
    found = [m.value.replace("\\", "") for m in at.markdown]
    found += [c.value.replace("\\", "") for c in at.caption]
    return found + [h.value for h in at.get("html")]


def ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def start(monkeypatch, geodata, lesson: str, mode: str):
    at = open_page(app(monkeypatch, geodata), "lessons")
    ok(at)
    at.selectbox(key="lesson_id").set_value(lesson).run()
    at.radio(key="lesson_mode").set_value(mode).run()
    ok(at)
    return at


def test_teacher_mode_steps_through_and_keeps_the_notes_off_the_screen(monkeypatch, geodata):
    at = start(monkeypatch, geodata, "forty-days", "Teacher (projected)")
    assert at.header[0].value == "The camp is theirs"
    assert at.button(key="lesson_prev").disabled
    seen = []
    for number in range(5):
        seen.append(at.header[0].value.replace("\\", ""))
        assert not any("Give pupils three minutes" in t for t in texts(at))
        assert not any("Collect a few guesses" in t for t in texts(at))
        if number < 4:
            at.button(key="lesson_next").click().run()
            ok(at)
    assert seen == [
        "The camp is theirs",
        "How long could it last?",
        "A government behind the wire",
        "What did they ask for?",
        "Who really led?",
    ]
    assert at.button(key="lesson_next").disabled
    room = at.session_state["lesson_room"]
    presenter = open_page(app(monkeypatch, geodata, room=room), "lesson-presenter")
    ok(presenter)
    assert any("The answers need not exclude one another" in t for t in texts(presenter))


def test_pupil_mode_answers_a_number_then_reveal_says_how_far_off(monkeypatch, geodata):
    at = start(monkeypatch, geodata, "how-many-died", "Pupil")
    at.button(key="lesson_next").click().run()
    assert at.header[0].value == "Guess the official count"
    assert not any("37 prisoners killed on the day" in t for t in texts(at))
    at.text_input(key="lesson_revealed_how-many-died_1_guess").input("40").run()
    at.button(key="lesson_reveal").click().run()
    ok(at)
    said = [h.value for h in at.get("html") if 'aria-live="polite"' in h.value]
    assert said and "Your guess was 6 too low." in said[0] and "The answer: 46." in said[0]
    assert any("37 prisoners killed on the day" in t for t in texts(at))


def test_after_the_reveal_the_step_says_the_day_revealed(monkeypatch, geodata):
    at = start(monkeypatch, geodata, "how-many-died", "Teacher (projected)")
    at.button(key="lesson_next").click().run()
    day_line = [m.value for m in at.markdown if m.value.startswith("**Day")]
    assert len(day_line) == 1 and "25 June 1954" in day_line[0]
    at.button(key="lesson_reveal").click().run()
    ok(at)
    day_line = [m.value for m in at.markdown if m.value.startswith("**Day")]
    assert len(day_line) == 1 and "26 June 1954" in day_line[0]


def test_pupil_mode_answers_a_date_and_a_choice(monkeypatch, geodata):
    at = start(monkeypatch, geodata, "forty-days", "Pupil")
    at.button(key="lesson_next").click().run()
    at.text_input(key="lesson_revealed_forty-days_1_guess").input("1954-06-20").run()
    at.button(key="lesson_reveal").click().run()
    ok(at)
    assert any("Your guess was 6 days early." in t for t in texts(at))
    at = start(monkeypatch, geodata, "why-here", "Pupil")
    at.button(key="lesson_next").click().run()
    at.radio(key="lesson_revealed_why-here_1_guess").set_value(
        "Mining ore and building for the copper district"
    ).run()
    at.button(key="lesson_reveal").click().run()
    ok(at)
    assert any("Your answer was right." in t for t in texts(at))


def test_pupils_follow_the_teacher_and_the_teacher_sees_the_spread(monkeypatch, geodata):
    teacher = start(monkeypatch, geodata, "how-many-died", "Teacher (projected)")
    code = teacher.session_state["lesson_room"]
    assert any(code in t for t in texts(teacher))  # the class code is on the screen
    pupils = []
    for guess in ("40", "100", "46"):
        pupil = start(monkeypatch, geodata, "forty-days", "Pupil")
        pupil.text_input(key="lesson_follow").input(code).run()
        ok(pupil)
        assert pupil.header[0].value.replace("\\", "") == "26 June: the tanks"  # the teacher's
        pupils.append((pupil, guess))
    teacher.button(key="lesson_next").click().run()
    assert any("No pupil has answered yet." in t for t in texts(teacher))
    for pupil, guess in pupils:
        pupil.run()  # what the page's once-a-second check does
        assert pupil.header[0].value == "Guess the official count"
        pupil.text_input(key="lesson_revealed_how-many-died_1_guess").input(guess).run()
        pupil.button(key="lesson_reveal").click().run()
        ok(pupil)
    teacher.run()
    said = [t for t in texts(teacher) if "pupils answered" in t]
    assert said == ["3 pupils answered. Guesses from 40 to 100, middle 46."]
    assert not any("Your guess" in t for t in texts(teacher))  # no pupil's words, no names


def test_the_teachers_step_is_written_for_watchers_under_a_real_class_code_only():
    rooms = _folder() / "rooms"
    code = new_room()
    announce(code, "how-many-died/1")
    assert (rooms / f"{code}.txt").read_text() == "how-many-died/1"
    announce(code, "how-many-died/2")  # the teacher moved on
    assert (rooms / f"{code}.txt").read_text() == "how-many-died/2"
    before = sorted(p.name for p in rooms.parent.rglob("*"))
    for typed in ("../index", "a/b", "", "x" * 65, "code.txt"):
        announce(typed, "how-many-died/3")
    assert sorted(p.name for p in rooms.parent.rglob("*")) == before
    (rooms / f"{code}.txt").unlink()
