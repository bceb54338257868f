"""Lessons: a lesson's steps, run in class (teacher mode, projected) or on a pupil's own device.

Teacher mode is the Story page's way of presenting: one step a screen, the same clicker keys,
and the teacher's notes only in the lesson presenter view (views/lesson_presenter.py), a second
window that follows this one. Pupil mode lets a pupil answer a predict step (a number, a date,
a choice) before Reveal shows the answer, how far off the guess was (said aloud through a live
region) and the map of what happened. The map keeps the later days back until then.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import streamlit as st

from kengir_geo.app.classroom import record, spread
from kengir_geo.app.common import atlas_or_stop
from kengir_geo.app.follow import announce, watch
from kengir_geo.app.keys import bind_keys
from kengir_geo.app.language import _, current_language
from kengir_geo.app.lessons import lessons_or_stop
from kengir_geo.app.presenting import keys_hint, new_room, publish, shown_in
from kengir_geo.app.timemap import time_map
from kengir_geo.data.atlas import Atlas
from kengir_geo.data.lessons import (
    Compare,
    Discuss,
    Lesson,
    Observe,
    Predict,
    Step,
)
from kengir_geo.i18n import N_
from kengir_geo.i18n.review import translation_notice
from kengir_geo.map.escape import md
from kengir_geo.map.rich_text import rich_md
from kengir_geo.story.lessons import (
    answer_words,
    how_far_off,
    place_options,
    reveal_day,
    step_view,
    step_when,
)
from kengir_geo.story.periods import period_for, periods

TEACHER, PUPIL = N_("Teacher (projected)"), N_("Pupil")  # shown through _()


@dataclass(frozen=True)
class Room:
    """Who runs this page: the teacher (code: the class code it publishes) or a pupil (code:
    the teacher's code typed in, or ""); `step` is "lesson/index", `me` a pupil's session."""

    pupil: bool
    code: str
    step: str
    me: str = ""


def _teachers_step(code: str, lessons: list[Lesson]) -> tuple[str, int] | None:
    """The lesson and step index the teacher of class `code` shows, if it is one of ours."""
    shown = shown_in(code)
    lesson_id, _, number = (shown.chapter if shown else "").partition("/")
    if not number.isdigit() or lesson_id not in {lesson.id for lesson in lessons}:
        return None
    return lesson_id, int(number)


def _follow(code: str, lessons: list[Lesson]) -> None:
    """Go to the step the teacher shows (before the lesson list is drawn: it follows too)."""
    there = _teachers_step(code, lessons)
    if there is not None:
        st.session_state["lesson_id"] = st.session_state["lesson_shown"] = there[0]
        st.session_state["lesson_index"] = there[1]


CSS = """<style>
.st-key-lesson_first, .st-key-lesson_last, .st-key-lesson_watch { position: absolute !important; width: 1px;
  height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.st-key-lesson_nav button, .st-key-lesson_answer button, .st-key-lesson_answer input,
.st-key-lesson_answer label { min-height: 24px; min-width: 24px; }
.st-key-lesson_page :focus-visible { outline: 3px solid #0a58ca !important; outline-offset: 2px; }
</style>"""


def _go(lesson_id: str, index: int, total: int) -> None:
    st.session_state["lesson_index"] = index = max(0, min(total - 1, index))
    if st.session_state.get("lesson_mode") != PUPIL:  # told the class now, before the rerun
        _show_class(st.session_state["lesson_room"], f"{lesson_id}/{index}")


def _show_class(code: str, step_key: str) -> None:
    """The teacher shows this step: the presenter view and the pupils who follow go there."""
    publish(code, step_key, warning=False)
    announce(code, step_key)  # after publish: a pupil's rerun reads the room


def _nav(lesson_id: str, index: int, total: int) -> None:
    with st.container(key="lesson_nav", horizontal=True, vertical_alignment="center"):
        st.button(
            _("◀ Previous"),
            key="lesson_prev",
            on_click=_go,
            args=(lesson_id, index - 1, total),
            disabled=index == 0,
        )
        st.button(
            _("Next ▶"),
            key="lesson_next",
            on_click=_go,
            args=(lesson_id, index + 1, total),
            disabled=index == total - 1,
        )
        st.button(_("First"), key="lesson_first", on_click=_go, args=(lesson_id, 0, total))
        st.button(_("Last"), key="lesson_last", on_click=_go, args=(lesson_id, total - 1, total))
        st.markdown(_("Step {n} of {total}").format(n=index + 1, total=total))
    # the keys as a caption of their own: a tooltip on Next would cover the text above it
    st.caption(keys_hint())


def _prompts(label: str, prompts: tuple[str, ...], atlas: Atlas) -> None:
    if prompts:
        st.markdown(f"**{label}**")
        st.markdown("\n".join(f"- {rich_md(p, atlas.sources)}" for p in prompts))


def _compare(atlas: Atlas, compare: Compare) -> None:
    claim = atlas.claims.get(compare.claim)
    if claim is None:
        return
    st.markdown(_("**Compare the sources:** {claim}").format(claim=md(claim.item)))
    rows = [
        f"- {md(v.value)} ({rich_md(' '.join(f'{{cite:{s}}}' for s in v.sources), atlas.sources)})"
        for v in claim.values
        if not compare.sources or set(v.sources) & set(compare.sources)
    ]
    st.markdown("\n".join(rows))


def _announce(text: str) -> None:
    """Said by screen readers as it appears (an ARIA live region), and shown."""
    st.html(
        f'<div role="status" aria-live="polite" class="kg-said"><b>{html.escape(text)}</b></div>'
    )


def _guess(atlas: Atlas, predict: Predict, key: str) -> str:
    """The pupil's answer field for the answer's kind, as text."""
    if predict.kind == "number":
        return st.text_input(_("Your guess (a number)"), key=key)
    if predict.kind == "date":  # typed: a date picker's calendar is hard by keyboard
        return st.text_input(_("Your guess (a date, written YYYY-MM-DD)"), key=key)
    if predict.kind == "place":
        names = dict(place_options(atlas, predict))
        return (
            st.radio(
                _("Your answer: which place?"),
                list(names),
                format_func=names.get,
                index=None,
                key=key,
            )
            or ""
        )
    return st.radio(_("Your answer"), predict.choices, index=None, key=key) or ""


def _class_spread(room: str, step_key: str, predict: Predict) -> None:
    st.caption(spread(room, step_key, predict))


def _predict(atlas: Atlas, step: Step, predict: Predict, revealed_key: str, room: Room) -> bool:
    st.markdown(
        _("**Predict:** {question}").format(question=rich_md(predict.question, atlas.sources))
    )
    revealed = st.session_state.get(revealed_key, False)
    pupil = room.pupil
    with st.container(key="lesson_answer"):
        guess = _guess(atlas, predict, f"{revealed_key}_guess") if pupil else ""
        if not revealed and st.button(_("Reveal"), key="lesson_reveal", type="primary"):
            st.session_state[revealed_key] = revealed = True
            if pupil and room.code:  # pooled for the teacher, under no name
                record(room.code, room.step, room.me, guess)
    if not pupil:  # how the class guessed, live, on the teacher's screen
        st.fragment(_class_spread, run_every=1.0)(room.code, room.step, predict)
    if revealed:
        said = how_far_off(predict, guess, current_language()) if pupil else ""
        # "1954 m. birželio 26 d." ends with its own full stop: the sentence's is enough
        answer = answer_words(atlas, predict, current_language()).rstrip(".")
        _announce(" ".join((said, _("The answer: {answer}.").format(answer=answer))).strip())
        st.markdown(rich_md(predict.reveal, atlas.sources))
        if narrative := step_view(atlas, step).narrative:
            st.markdown(rich_md(narrative, atlas.sources))
    return revealed


def _activity(atlas: Atlas, step: Step, revealed_key: str, room: Room) -> bool:
    """The step's activity; True when the map may show everything (not a hidden predict)."""
    activity = step.activity
    view = step_view(atlas, step)
    if isinstance(activity, Predict):
        return _predict(atlas, step, activity, revealed_key, room)
    if view.narrative:
        st.markdown(rich_md(view.narrative, atlas.sources))
    if isinstance(activity, Observe):
        _prompts(_("Observe"), activity.observe, atlas)
        _prompts(_("Reflect"), activity.reflect, atlas)
        _prompts(_("Question"), activity.question, atlas)
    elif isinstance(activity, Compare):
        _compare(atlas, activity)
        _prompts(_("Questions"), activity.questions, atlas)
    elif isinstance(activity, Discuss):
        _prompts(_("Discuss"), activity.questions, atlas)
    return True


def _map(atlas: Atlas, step: Step, index: int, shown: bool) -> None:
    view = step_view(atlas, step)
    predict = step.activity if isinstance(step.activity, Predict) else None
    hidden = predict is not None and not shown
    day = reveal_day(atlas, step) if predict is not None and shown else view.day
    period = period_for(view.day, periods(atlas))
    last = view.day if hidden and "later-days" in predict.hide else max(period.last, day)
    keep_back = hidden and "highlight" in predict.hide
    time_map(
        atlas,
        key="lesson_map_widget",
        day=day,
        command=index * 2 + int(shown),  # each step and each reveal moves the map once
        range_=(min(period.first, day), last),
        layers=list(view.layers),
        highlight=() if keep_back else view.highlight,
        frame=view.frame,
        center=view.center,
        zoom=view.zoom,
        height=560,
        clickable=False,
        day_label=view.day_label,
    )


def page() -> None:
    atlas = atlas_or_stop()
    lessons = lessons_or_stop()
    st.html(CSS)
    titles = {lesson.id: lesson.title for lesson in lessons}
    following = _following()
    if following:
        _follow(following, lessons)
    with st.container(key="lesson_page"):
        choose, mode_col = st.columns([2, 1])
        with choose:
            lesson_id = st.selectbox(
                _("Lesson"), list(titles), format_func=titles.get, key="lesson_id"
            )
        with mode_col:
            mode = st.radio(
                _("Mode"), (TEACHER, PUPIL), format_func=_, key="lesson_mode", horizontal=True
            )
            if mode == PUPIL:
                st.text_input(
                    _("Class code (optional: follow your teacher)"),
                    key="lesson_follow",
                    help=_(
                        "Your teacher's Lessons page shows it. Your page then goes to the "
                        "step your teacher shows. No name is asked for."
                    ),
                )
        lesson = next(lesson for lesson in lessons if lesson.id == lesson_id)
        if st.session_state.get("lesson_shown") != lesson.id:  # a new lesson starts at step 1
            st.session_state["lesson_shown"] = lesson.id
            st.session_state["lesson_index"] = 0
        if following:  # the teacher's next move reruns only the step (below), not this page
            st.fragment(_followed_step)(atlas, lessons, lesson, following)
        else:
            _step(atlas, lesson, mode == PUPIL, "")
    bind_keys("lesson_prev", "lesson_next", "lesson_first", "lesson_last")


def _following() -> str:
    """The class code a pupil typed to follow a teacher, or ""."""
    if st.session_state.get("lesson_mode") != PUPIL:
        return ""
    return str(st.session_state.get("lesson_follow", "")).strip()


def _followed_step(atlas: Atlas, lessons: list[Lesson], lesson: Lesson, code: str) -> None:
    """A following pupil's step, a fragment: the watcher in it reruns only this when the
    teacher moves. The atlas and lessons are those of the page's last full run, so that a
    follow does not look at the geodata folder again."""
    there = _teachers_step(code, lessons)
    if there is not None and there[0] != lesson.id:
        st.rerun(scope="app")  # another lesson: the lesson list above must show it too
    if there is not None:
        st.session_state["lesson_index"] = there[1]
    _step(atlas, lesson, True, code)


def _own(key: str) -> str:
    """This session's own code under `key`, made once (a random token is not free)."""
    if key not in st.session_state:
        st.session_state[key] = new_room()
    return st.session_state[key]


def _step(atlas: Atlas, lesson: Lesson, pupil: bool, following: str) -> None:
    """The step shown: its text and activity, the buttons, the map."""
    index = min(st.session_state.setdefault("lesson_index", 0), len(lesson.steps) - 1)
    step = lesson.steps[index]
    code = _own("lesson_room")
    step_key = f"{lesson.id}/{index}"
    if pupil:
        me = _own("lesson_pupil")
        room = Room(True, following, step_key, me)
        if following:  # the teacher's next move reruns the fragment this sits in
            with st.container(key="lesson_watch"):
                watch(following, shown=step_key, key="lesson_watcher")
    else:
        _show_class(code, step_key)  # another lesson chosen, or a step after a page load
        room = Room(False, code, step_key)
    text_col, map_col = st.columns([1, 1.5], gap="medium")
    with text_col:
        st.caption(
            _("{title} · ages {youngest}–{oldest} · {minutes} minutes").format(
                title=md(lesson.title),
                youngest=lesson.ages[0],
                oldest=lesson.ages[1],
                minutes=lesson.minutes,
            )
        )
        if index == 0 and lesson.content_note:
            st.warning(_("**Content note.** {note}").format(note=md(lesson.content_note)))
        st.header(md(step.title), anchor=False)
        when = st.empty()  # the step's day; after a reveal, the day revealed
        if step.text:
            st.markdown(rich_md(step.text, atlas.sources))
        shown = _activity(atlas, step, f"lesson_revealed_{lesson.id}_{index}", room)
        said = step_when(atlas, step, revealed=shown, lang=current_language())
        when.markdown(f"**{md(said)}**")
        if lesson.step_in_english(index + 1):
            st.caption(_("Not translated yet: shown in English."))
        _nav(lesson.id, index, len(lesson.steps))
        if not pupil:
            with st.container(key="lesson_code"):
                st.caption(
                    _("Class code for pupils who follow on their own device: **{code}**").format(
                        code=code
                    )
                )
            st.link_button(
                _("Presenter view"),
                url=f"lesson-presenter?room={code}",
                icon=":material/co_present:",
                help=_(
                    "The teacher's notes, in a second window that follows this one. "
                    "Keep it on your own screen."
                ),
            )
        if notice := translation_notice(current_language()):
            st.caption(notice)  # the sidebar that says it is hidden on a projector
    with map_col:
        _map(atlas, step, index, shown)


page()
