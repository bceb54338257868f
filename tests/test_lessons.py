"""Lessons as data: the bundled lessons parse, and the validator names what is wrong in one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kengir_geo.data.folder import RawGeodata, bundled_geodata, read_geodata
from kengir_geo.data.lessons import (
    Compare,
    Discuss,
    Observe,
    Predict,
    check_lessons,
    find_lesson,
    load_lessons,
)
from kengir_geo.data.validate import validate_geodata

GOOD_STEP = """
[[step]]
title = "A look"
chapter = "raid"
[step.observe]
observe = ["What do you see?"]
"""


def lesson_file(body: str = GOOD_STEP, head: str = "") -> str:
    return (
        head or 'title = "A test lesson"\nages = [14, 16]\nminutes = 45\ngoals = ["Read a map."]\n'
    ) + body


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "geodata"
    shutil.copytree(bundled_geodata(), root, ignore=shutil.ignore_patterns("lessons"))
    (root / "lessons").mkdir()
    return root


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> RawGeodata:
    """The bundled folder without its lessons, read once: each test writes its own lesson
    into it and runs the validator's lesson check (the whole validator runs once, in
    test_a_good_lesson_validates)."""
    root = tmp_path_factory.mktemp("lessons") / "geodata"
    shutil.copytree(bundled_geodata(), root, ignore=shutil.ignore_patterns("lessons"))
    (root / "lessons").mkdir()
    return read_geodata(root)


def problems_of(raw: RawGeodata, text: str) -> list[str]:
    (raw.root / "lessons" / "test.toml").write_text(text, encoding="utf-8")
    return [str(p) for p in check_lessons(raw) if p.is_error]


def test_the_three_bundled_lessons_parse_into_typed_steps():
    lessons = load_lessons(read_geodata(bundled_geodata()))
    assert [lesson.id for lesson in lessons] == ["forty-days", "how-many-died", "why-here"]
    for lesson in lessons:
        assert lesson.ages == (14, 16) and lesson.minutes == 45
        assert lesson.content_note and lesson.goals
        kinds = {type(step.activity) for step in lesson.steps}
        assert Predict in kinds and Compare in kinds and Discuss in kinds
        assert all(step.teacher_note for step in lesson.steps if step.kind == "discuss")
    died = find_lesson(lessons, "how-many-died")
    predict = died.steps[1].activity
    assert isinstance(predict, Predict) and predict.kind == "number" and predict.answer == "46"
    assert died.steps[2].activity == Compare(
        claim="prisoners-estimate", questions=died.steps[2].activity.questions
    )
    assert isinstance(died.steps[0].activity, Observe)


def test_a_good_lesson_validates(folder):
    (folder / "lessons" / "test.toml").write_text(lesson_file(), encoding="utf-8")
    assert [str(p) for p in validate_geodata(folder) if p.is_error] == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            GOOD_STEP.replace('"raid"', '"no-such-chapter"'),
            "step 1:chapter: error: unknown chapter",
        ),
        (
            '[[step]]\ntitle = "x"\ndate = "1954-13-40"\nframe = ["perimeter"]\n'
            '[step.observe]\nobserve = ["?"]\n',
            "step 1:date: error:",
        ),
        (
            '[[step]]\ntitle = "x"\nchapter = "raid"\nlayers = ["nope"]\n'
            '[step.observe]\nobserve = ["?"]\n',
            "unknown layer 'nope'",
        ),
        (
            '[[step]]\ntitle = "x"\nchapter = "raid"\n[step.compare]\nclaim = "nope"\n'
            'questions = ["Who?"]\n',
            "unknown claim 'nope'",
        ),
        (
            '[[step]]\ntitle = "x"\nchapter = "raid"\n[step.predict]\nquestion = "How many?"\n'
            'kind = "number"\nanswer = "many"\nreveal = "46."\n',
            "'many' is not a number",
        ),
        (
            '[[step]]\ntitle = "x"\nchapter = "raid"\n[step.discuss]\nquestions = ["Why?"]\n',
            "needs a note for the teacher",
        ),
        ('[[step]]\ntitle = "x"\nchapter = "raid"\n', "exactly one activity"),
        (
            '[[step]]\ntitle = "x"\nchapter = "raid"\ntext = "See the raid chapter."\n'
            '[step.observe]\nobserve = ["?"]\n',
            "",
        ),
        (
            '[[step]]\ntitle = "x"\nchapter = "raid"\ntext = "As in {cite:nobody}."\n'
            '[step.observe]\nobserve = ["?"]\n',
            "{cite:nobody}: no such source",
        ),
        (
            '[[step]]\ntitle = "x"\nchapter = "raid"\n[step.observe]\n'
            'observe = ["Open the e-1954-06-26-assault event."]\n',
            "reader text shows an id: 'e-1954-06-26-assault'",
        ),
        (  # a number the step's evidence does not hold
            '[[step]]\ntitle = "x"\nchapter = "raid"\n[step.observe]\n'
            'observe = ["Why did 3,500 soldiers come?"]\n',
            "step 1:observe: error: the number 3500 is not in its evidence",
        ),
        (  # the same step with the chapter's own figure is fine
            '[[step]]\ntitle = "x"\nchapter = "raid"\n[step.observe]\n'
            'observe = ["Why did 1,700 soldiers come on 26 June?"]\n',
            "",
        ),
    ],
)
def test_the_validator_names_what_is_wrong(raw, body, expected):
    found = problems_of(raw, lesson_file(body))
    if not expected:  # a plain word that is also an id is prose, not a code
        assert found == []
        return
    assert any(expected in p and p.startswith("lessons/test.toml:") for p in found), found


def test_missing_lesson_fields_are_named(raw):
    found = problems_of(raw, lesson_file(head='title = ""\n'))
    for field in ("title", "ages", "minutes", "goals"):
        assert any(f":{field}: error:" in p for p in found), (field, found)
