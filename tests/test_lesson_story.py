"""A lesson's steps over the atlas: the map of a step, the reveal, how far off a guess was."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from apptest_support import app, open_page
from kengir_geo.data.folder import bundled_geodata, read_geodata
from kengir_geo.data.lessons import Predict, find_lesson, load_lessons
from kengir_geo.map.lesson_control import LessonControl
from kengir_geo.story.lessons import (
    far_off,
    far_off_words,
    how_far_off,
    lesson_sources,
    place_options,
    reveal_day,
    step_view,
    step_when,
)

LESSONS = load_lessons(read_geodata(bundled_geodata()))


CASES = json.loads((Path(__file__).parent / "far_off_cases.json").read_text())["cases"]


@pytest.mark.parametrize(("kind", "answer", "guess", "key", "n"), CASES)
def test_how_far_off_follows_the_table_lessoncore_js_follows(kind, answer, guess, key, n):
    predict = Predict(question="?", kind=kind, answer=answer, reveal="!", choices=("a", "b"))
    assert far_off(predict, guess) == (key, n)
    assert key in far_off_words()


@pytest.mark.parametrize(
    ("kind", "answer", "guess", "said"),
    [
        ("number", "46", "40", "Your guess was 6 too low."),
        ("number", "46", "1,046", "Your guess was 1,000 too high."),
        ("number", "46", "46", "Your guess was exactly right."),
        ("number", "46", "lots", "That guess is not a number."),
        ("date", "1954-06-26", "1954-06-25", "Your guess was 1 day early."),
        ("date", "1954-06-26", "1954-07-06", "Your guess was 10 days late."),
        ("date", "1954-06-26", "1954-06-26", "Your guess was the very day."),
        ("date", "1954-06-26", "26/6/54", "That guess is not a date written YYYY-MM-DD."),
        ("choice", "b", "b", "Your answer was right."),
        ("choice", "b", "a", "Your answer was not the one the sources give."),
        ("number", "46", " ", "You did not give a guess."),
    ],
)
def test_how_far_off_in_words(kind, answer, guess, said):
    predict = Predict(question="?", kind=kind, answer=answer, reveal="!", choices=("a", "b"))
    assert how_far_off(predict, guess) == said


def test_the_frozen_lessons_browser_gets_every_sentence_from_python():
    options = json.loads(LessonControl.options_json.fget(SimpleNamespace(lang="en")))
    assert {key: options["strings"][key] for key in far_off_words()} == far_off_words()


def test_a_step_shows_its_own_day_or_its_chapters(atlas):
    lesson = find_lesson(LESSONS, "how-many-died")
    chapter_step, day_step = lesson.steps[0], lesson.steps[1]
    raid = atlas.chapter("raid")
    view = step_view(atlas, chapter_step)
    assert (view.day, view.frame, view.narrative) == (date(1954, 6, 26), raid.frame, raid.narrative)
    view = step_view(atlas, day_step)
    assert view.day == date(1954, 6, 25) and view.frame == ("perimeter",)
    assert view.narrative == ""
    assert reveal_day(atlas, day_step) == date(1954, 6, 26)
    cited = lesson_sources(atlas, lesson)
    assert {"ati", "s002", "w-en", "solzhenitsyn"} <= set(cited)


def test_the_step_says_the_revealed_day_once_revealed(atlas):
    lesson = find_lesson(LESSONS, "how-many-died")
    guess_step, chapter_step = lesson.steps[1], lesson.steps[0]
    assert "25 June 1954" in step_when(atlas, guess_step)
    assert "26 June 1954" in step_when(atlas, guess_step, revealed=True)
    # a step with nothing to reveal says its own day either way
    assert step_when(atlas, chapter_step, revealed=True) == step_view(atlas, chapter_step).when


@pytest.mark.slow  # a copy of the bundled atlas, loaded afresh, and four AppTest runs
def test_a_place_answer_is_picked_from_its_layer_in_the_app(monkeypatch, tmp_path, atlas):
    root = tmp_path / "geodata"
    shutil.copytree(bundled_geodata(), root)
    (root / "lessons" / "where.toml").write_text(
        'title = "Where?"\nages = [14, 16]\nminutes = 10\ngoals = ["Find a place."]\n'
        '[[step]]\ntitle = "Find Rudnik"\nchapter = "steplag"\n[step.predict]\n'
        'question = "Where did the camp\'s headquarters move in May 1948?"\nkind = "place"\n'
        'answer = "rudnik"\nreveal = "To Rudnik {cite:memorial}."\n',
        encoding="utf-8",
    )
    lesson = find_lesson(load_lessons(read_geodata(root)), "where")
    names = dict(place_options(atlas, lesson.steps[0].activity))
    assert "rudnik" in names and len(names) > 3
    at = open_page(app(monkeypatch, root), "lessons")
    at.selectbox(key="lesson_id").set_value("where").run()
    at.radio(key="lesson_mode").set_value("Pupil").run()
    at.radio(key="lesson_revealed_where_0_guess").set_value("rudnik").run()
    at.button(key="lesson_reveal").click().run()
    assert not at.exception, [e.value for e in at.exception]
    said = [h.value for h in at.get("html") if "aria-live" in h.value]
    assert "Your answer was right." in said[0] and f"The answer: {names['rudnik']}." in said[0]
