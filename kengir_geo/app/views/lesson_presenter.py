"""The lesson presenter view: the teacher's notes for the step the projected Lessons page shows,
and the answer of a predict step, on the teacher's own screen. Follows it once a second."""

from __future__ import annotations

import streamlit as st

from kengir_geo.app.common import atlas_or_stop
from kengir_geo.app.language import _, current_language
from kengir_geo.app.lessons import lessons_or_stop
from kengir_geo.app.presenting import shown_in
from kengir_geo.data.lessons import Predict
from kengir_geo.map.escape import md
from kengir_geo.story.lessons import answer_words

CSS = """<style>
.st-key-lesson_notes p, .st-key-lesson_notes li { font-size: 1.25rem; line-height: 1.45; }
</style>"""


def _follow(room: str) -> None:
    shown = shown_in(room)
    lesson_id, _slash, number = (shown.chapter if shown else "").partition("/")
    lesson = next((lesson for lesson in lessons_or_stop() if lesson.id == lesson_id), None)
    if lesson is None or not number.isdigit() or int(number) >= len(lesson.steps):
        st.info(_("Waiting for the Lessons page: open it with the Presenter view button there."))
        return
    index = int(number)
    step = lesson.steps[index]
    st.caption(
        _("{title} · projected now: step {n} of {total}").format(
            title=md(lesson.title), n=index + 1, total=len(lesson.steps)
        )
    )
    st.header(md(step.title), anchor=False)
    with st.container(key="lesson_notes", border=True):
        st.markdown(md(step.teacher_note) if step.teacher_note else _("No notes for this step."))
        if isinstance(step.activity, Predict):
            answer = answer_words(atlas_or_stop(), step.activity, current_language())
            st.markdown(_("**Answer:** {answer}").format(answer=md(answer)))
    if index + 1 < len(lesson.steps):
        st.caption(_("Next: {title}").format(title=md(lesson.steps[index + 1].title)))


def page() -> None:
    st.html(CSS)
    st.title(_("Lesson presenter view"), anchor=False)
    room = st.query_params.get("room", "")
    if not room:
        st.info(_("Open this view from the Lessons page (Presenter view), so it can follow it."))
        return
    st.fragment(_follow, run_every=1.0)(room)


page()
