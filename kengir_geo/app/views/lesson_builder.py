"""Lesson builder: make a lesson from the story's chapters and questions, check it, preview it,
download it as TOML, or (under `kengir-geo serve --allow-save`) save it into the geodata.

The builder only gathers fields; reading and checking them is data/lessons.py's parse_lesson,
the same code `kengir-geo validate` runs, and writing is data/lesson_toml.py.
"""

from __future__ import annotations

import tomllib

import streamlit as st

from kengir_geo.app.common import atlas_or_stop, problems_table
from kengir_geo.app.env import geodata_root, saving_allowed
from kengir_geo.app.language import _
from kengir_geo.data.folder import read_geodata
from kengir_geo.data.lesson_toml import lesson_toml, save_lesson
from kengir_geo.data.lessons import (
    ACTIVITIES,
    ANSWER_KINDS,
    LESSONS,
    Known,
    Lesson,
    parse_lesson,
)
from kengir_geo.data.schema import Problem
from kengir_geo.i18n import N_
from kengir_geo.map.escape import md

ACTIVITY_NAMES = {
    "observe": N_("Observe, reflect, question"),
    "predict": N_("Predict, then reveal"),
    "compare": N_("Compare sources on a disputed figure"),
    "discuss": N_("Discuss (with a note for the teacher)"),
}
# the answer kinds a builder offers, in words
KIND_NAMES = {"number": N_("a number"), "date": N_("a date"), "choice": N_("a choice")}


def _activity_name(kind: str) -> str:
    return _(ACTIVITY_NAMES[kind])


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _step_form(atlas) -> None:
    """One new step; Add step appends it to the lesson being made."""
    chapters = {c.id: c.title for c in atlas.chapters}
    claims = {c.id: c.item for c in atlas.claims.values()}
    kind = st.selectbox(
        _("Activity"), list(ACTIVITIES), format_func=_activity_name, key="builder_kind"
    )
    with st.form("builder_step", clear_on_submit=True, border=True):
        title = st.text_input(_("Step title"))
        chapter = st.selectbox(
            _("Chapter (its day, map and layers)"), list(chapters), format_func=chapters.get
        )
        text = st.text_area(_("Words for pupils (optional)"))
        note = st.text_area(_("Note for the teacher (never projected)"))
        table: dict[str, object] = {}
        if kind == "observe":
            table["observe"] = _lines(st.text_area(_("Observe prompts, one a line")))
            table["reflect"] = _lines(st.text_area(_("Reflect prompts, one a line")))
            table["question"] = _lines(st.text_area(_("Question prompts, one a line")))
        elif kind == "predict":
            table["question"] = st.text_input(_("The question"))
            table["kind"] = st.selectbox(
                _("The answer is"), ANSWER_KINDS[:3], format_func=lambda k: _(KIND_NAMES[k])
            )
            table["answer"] = st.text_input(
                _("The answer (a number, a day YYYY-MM-DD, or a choice)")
            )
            table["choices"] = _lines(st.text_area(_("Choices, one a line (for a choice)")))
            table["reveal"] = st.text_area(_("What the reveal says"))
        elif kind == "compare":
            table["claim"] = st.selectbox(
                _("The disputed figure"), list(claims), format_func=claims.get
            )
            table["questions"] = _lines(st.text_area(_("Questions, one a line")))
        else:
            table["questions"] = _lines(st.text_area(_("Questions, one a line")))
        if st.form_submit_button(_("Add step")):
            step = {"title": title, "chapter": chapter, kind: {k: v for k, v in table.items() if v}}
            if text.strip():
                step["text"] = text.strip()
            if note.strip():
                step["teacher_note"] = note.strip()
            st.session_state.setdefault("builder_steps", []).append(step)


def _steps_list() -> None:
    steps = st.session_state.setdefault("builder_steps", [])
    for number, step in enumerate(list(steps)):
        with st.container(horizontal=True, vertical_alignment="center"):
            title = step["title"] or _("(no title)")
            st.markdown(f"{number + 1}. {md(title)}")
            if st.button(_("Remove"), key=f"builder_remove_{number}"):
                steps.pop(number)
                st.rerun()


def _preview(lesson: Lesson) -> None:
    st.subheader(md(lesson.title), anchor=False)
    for number, step in enumerate(lesson.steps, start=1):
        st.markdown(f"**{number}. {md(step.title)}** ({_activity_name(step.kind)})")
        st.markdown("\n".join(f"- {md(p)}" for p in step.activity.prompts))


def page() -> None:
    atlas = atlas_or_stop()
    st.title(_("Lesson builder"), anchor=False)
    st.caption(_("Make a lesson from the story's chapters; it is checked like every lesson."))
    lesson_id = st.text_input(_("File name (lower-case letters, digits and -)"), key="builder_id")
    title = st.text_input(_("Title"), key="builder_title")
    youngest, oldest, minutes = st.columns(3)
    ages = [
        youngest.number_input(_("Youngest pupils"), 5, 99, 14, key="builder_young"),
        oldest.number_input(_("Oldest pupils"), 5, 99, 16, key="builder_old"),
    ]
    length = minutes.number_input(_("Minutes"), 5, 240, 45, key="builder_minutes")
    goals = _lines(st.text_area(_("Learning goals, one a line"), key="builder_goals"))
    content_note = st.text_input(_("Content note (optional)"), key="builder_note")
    st.subheader(_("Steps"), anchor=False)
    _steps_list()
    _step_form(atlas)
    doc = {
        "title": title,
        "ages": ages,
        "minutes": length,
        "goals": goals,
        "step": st.session_state.get("builder_steps", []),
    }
    if content_note:
        doc["content_note"] = content_note
    raw = read_geodata(geodata_root())
    problems: list[Problem] = []
    lesson = parse_lesson(doc, lesson_id or "new-lesson", Known.of(raw), problems)
    if problems:
        st.warning(_("The lesson is not ready yet:"))
        st.dataframe(problems_table(problems), hide_index=True)
        return
    assert lesson is not None
    _preview(lesson)
    text = lesson_toml(lesson)
    assert tomllib.loads(text)  # what we offer is TOML
    st.download_button(
        _("Download TOML"),
        text,
        file_name=f"{lesson.id}.toml",
        mime="application/toml",
        key="builder_download",
    )
    if saving_allowed():
        taken = (geodata_root() / LESSONS / f"{lesson.id}.toml").exists()
        if taken:
            st.caption(_("A lesson with this file name exists: choose another name to save."))
        if st.button(
            _("Save into the geodata"), key="builder_save", type="primary", disabled=taken
        ):
            path = save_lesson(geodata_root(), lesson)  # the Lessons page sees the new file
            st.success(_("Saved as lessons/{name}.").format(name=md(path.name)))
    else:
        st.caption(
            _("Saving into the geodata is off (start with `kengir-geo serve --allow-save`).")
        )


page()
