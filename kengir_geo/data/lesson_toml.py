"""A lesson written back as TOML (the builder's download and save): the same format that
data/lessons.py reads, so that writing and reading again gives the same lesson."""

from __future__ import annotations

from pathlib import Path

import tomlkit

from kengir_geo.data.atomic import atomic_write
from kengir_geo.data.lessons import (
    HIDE,
    LESSONS,
    Compare,
    Discuss,
    Lesson,
    Observe,
    Predict,
    Step,
)


def _texts(values: tuple[str, ...]) -> tomlkit.items.Array:
    array = tomlkit.array()
    array.extend(values)
    if sum(len(v) for v in values) > 60:
        array.multiline(True)
    return array


def _activity(step: Step) -> dict[str, object]:
    activity = step.activity
    if isinstance(activity, Observe):
        found = {
            "observe": activity.observe,
            "reflect": activity.reflect,
            "question": activity.question,
        }
        return {k: _texts(v) for k, v in found.items() if v}
    if isinstance(activity, Predict):
        table: dict[str, object] = {"question": activity.question, "kind": activity.kind}
        number = activity.kind == "number" and activity.answer.lstrip("-").isdigit()
        table["answer"] = int(activity.answer) if number else activity.answer
        if activity.choices:
            table["choices"] = _texts(activity.choices)
        table["reveal"] = activity.reveal
        if activity.reveal_date:
            table["reveal_date"] = activity.reveal_date
        if activity.hide != HIDE:
            table["hide"] = _texts(activity.hide)
        return table
    if isinstance(activity, Compare):
        table = {"claim": activity.claim}
        if activity.sources:
            table["sources"] = _texts(activity.sources)
        table["questions"] = _texts(activity.questions)
        return table
    assert isinstance(activity, Discuss)
    return {"questions": _texts(activity.questions)}


def lesson_toml(lesson: Lesson) -> str:
    """The lesson as the text of a geodata/lessons/*.toml file."""
    doc = tomlkit.document()
    doc.add("title", lesson.title)
    if lesson.summary:
        doc.add("summary", lesson.summary)
    doc.add("ages", list(lesson.ages))
    doc.add("minutes", lesson.minutes)
    doc.add("goals", _texts(lesson.goals))
    if lesson.content_note:
        doc.add("content_note", lesson.content_note)
    steps = tomlkit.aot()
    for step in lesson.steps:
        table = tomlkit.table()
        table.add("title", step.title)
        if step.chapter:
            table.add("chapter", step.chapter)
        if step.date:
            table.add("date", step.date)
        if step.center:
            table.add("center", list(step.center))
        if step.zoom is not None:
            table.add("zoom", step.zoom)
        for key in ("frame", "layers", "highlight"):
            if values := getattr(step, key):
                table.add(key, _texts(values))
        if step.text:
            table.add("text", step.text)
        if step.teacher_note:
            table.add("teacher_note", step.teacher_note)
        activity = tomlkit.table()
        for key, value in _activity(step).items():
            activity.add(key, value)
        table.add(step.kind, activity)
        steps.append(table)
    doc.add("step", steps)
    return tomlkit.dumps(doc)


def save_lesson(root: Path, lesson: Lesson) -> Path:
    """Write the lesson into the geodata folder's lessons/, all or nothing."""
    return atomic_write(Path(root) / LESSONS / f"{lesson.id}.toml", lesson_toml(lesson))
