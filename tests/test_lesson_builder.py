"""The builder's TOML: every bundled lesson, and a new one, written and read back unchanged."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from kengir_geo.data.folder import bundled_geodata, read_geodata
from kengir_geo.data.lesson_toml import lesson_toml, save_lesson
from kengir_geo.data.lessons import (
    Discuss,
    Known,
    Lesson,
    Predict,
    Step,
    find_lesson,
    load_lessons,
    parse_lesson,
)
from kengir_geo.data.validate import validate_geodata

RAW = read_geodata(bundled_geodata())


@pytest.mark.parametrize("lesson", load_lessons(RAW), ids=lambda lesson: lesson.id)
def test_a_bundled_lesson_written_and_read_again_is_the_same(lesson):
    problems: list = []
    again = parse_lesson(tomllib.loads(lesson_toml(lesson)), lesson.id, Known.of(RAW), problems)
    assert problems == []
    assert again == lesson


def test_make_save_load_gives_the_same_lesson(tmp_path: Path):
    root = tmp_path / "geodata"
    shutil.copytree(bundled_geodata(), root)
    made = Lesson(
        id="my-lesson",
        title="Talks and tanks",
        ages=(15, 16),
        minutes=40,
        goals=("Say what the prisoners asked for.",),
        content_note="The last step mentions an armed assault.",
        steps=(
            Step(
                title="Guess the day",
                chapter="negotiations",
                activity=Predict(
                    question="On which day did the second commission arrive?",
                    kind="date",
                    answer="1954-05-27",
                    reveal="It arrived on 27 May {cite:w-en}.",
                    hide=("later-days",),
                ),
            ),
            Step(
                title="Talk it over",
                date="1954-06-26",
                frame=("perimeter",),
                layers=("compound", "events"),
                teacher_note="No right answer.",
                activity=Discuss(questions=("Could the talks have worked?",)),
            ),
        ),
        sources=("w-en",),
    )
    path = save_lesson(root, made)
    assert path == root / "lessons" / "my-lesson.toml"
    assert [p for p in validate_geodata(root) if p.is_error] == []
    assert find_lesson(load_lessons(read_geodata(root)), "my-lesson") == made
    assert not list((root / "lessons").glob(".*.tmp"))  # the atomic write left nothing


def test_the_builder_page_makes_previews_and_saves_a_lesson(monkeypatch, tmp_path: Path):
    from apptest_support import app, open_page

    root = tmp_path / "geodata"
    shutil.copytree(bundled_geodata(), root)
    monkeypatch.setenv("KENGIR_ALLOW_SAVE", "1")
    at = open_page(app(monkeypatch, root), "lesson-builder")
    assert not at.exception
    at.text_input(key="builder_id").input("class-7b").run()
    at.text_input(key="builder_title").input("Demands and answers").run()
    at.text_area(key="builder_goals").input("Name two demands.").run()
    assert at.warning  # no steps yet: not ready
    at.selectbox(key="builder_kind").set_value("discuss").run()
    at.text_input[3].input("What they asked for")
    at.selectbox[1].set_value("negotiations")
    at.text_area[2].input("Listen for the demands.")
    at.text_area[3].input("Which demand mattered most?\nWhich could be granted?")
    at.button[-1].click().run()  # Add step (the form's submit button)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.warning, [w.value for w in at.warning]
    assert any("Which could be granted?" in m.value.replace("\\", "") for m in at.markdown)
    at.button(key="builder_save").click().run()
    assert at.success
    saved = find_lesson(load_lessons(read_geodata(root)), "class-7b")
    assert saved.title == "Demands and answers"
    assert saved.steps[0].chapter == "negotiations"
    assert saved.steps[0].teacher_note == "Listen for the demands."
    assert saved.steps[0].activity == Discuss(
        questions=("Which demand mattered most?", "Which could be granted?")
    )
    assert tomllib.loads((root / "lessons" / "class-7b.toml").read_text())["title"]


def test_without_allow_save_the_builder_only_downloads(monkeypatch, tmp_path: Path):
    from apptest_support import app, open_page

    monkeypatch.setenv("KENGIR_ALLOW_SAVE", "0")
    at = open_page(app(monkeypatch, bundled_geodata()), "lesson-builder")
    at.text_input(key="builder_id").input("x").run()
    at.text_input(key="builder_title").input("A lesson").run()
    at.text_area(key="builder_goals").input("A goal.").run()
    at.selectbox(key="builder_kind").set_value("observe").run()
    at.text_input[3].input("Look")
    at.text_area[3].input("What do you see?")  # goals, pupils' words, teacher's note, observe
    at.button[-1].click().run()
    assert not at.warning, [w.value for w in at.warning]
    assert not [b for b in at.button if b.key == "builder_save"]
    assert any("Saving into the geodata is off" in c.value for c in at.caption)
