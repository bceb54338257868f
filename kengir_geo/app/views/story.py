"""Story: the chapters of story.toml, one screen each, for reading alone or on a projector.

Nothing meant for the teacher is projected: presenter notes open in the presenter view, a
second window that follows this one (views/presenter.py). A chapter with a content note
shows the note first, so the teacher can decide before the class sees it.
"""

from __future__ import annotations

import streamlit as st

from kengir_geo.app.common import atlas_or_stop, is_untranslated
from kengir_geo.app.keys import bind_keys
from kengir_geo.app.language import _, current_language
from kengir_geo.app.presenting import keys_hint, new_room, publish
from kengir_geo.app.timemap import time_map
from kengir_geo.data.atlas import Atlas, Chapter
from kengir_geo.i18n.review import translation_notice
from kengir_geo.map.escape import md
from kengir_geo.map.rich_text import rich_md
from kengir_geo.story.chapters import chapter_day, chapter_layers, chapter_when, day_label
from kengir_geo.story.periods import period_for, periods

# Presentation mode: no sidebar or Streamlit chrome, type readable from the back of a room
# (about 32 px at 1920 px wide: the longest language, Kazakh, must fit the longest chapter with
# its buttons on a 1080-pixel screen), the map as tall as the screen allows.
PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebarNav"], footer { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container {
  padding: 0.6rem 1.2rem 0.4rem 1.2rem !important; max-width: 100% !important; }
.st-key-story_title h2 { font-size: clamp(1.6rem, 2.6vw, 3.2rem) !important; line-height: 1.15; }
.st-key-story_text p, .st-key-story_text li, .st-key-story_warning p {
  font-size: clamp(1.15rem, 1.65vw, 2.1rem) !important; line-height: 1.4 !important; }
.st-key-story_clock p { font-size: clamp(1rem, 1.4vw, 1.7rem) !important; }
.st-key-story_map iframe { height: calc(100vh - 1.6rem) !important; }
.st-key-story_nav p, .st-key-story_nav button p { font-size: clamp(1rem, 1.3vw, 1.6rem) !important; }
.st-key-story_modes, .st-key-story_keys { display: none !important; }
</style>
"""
# Home and End press these; they stay in the page (the key script clicks only buttons on
# screen) but take no room.
NAV_CSS = """<style>
/* a chapter title of two lines in the sidebar reads from the left, as the one-line ones do */
[class*="st-key-story_goto_"] button { justify-content: flex-start; text-align: left; }
[class*="st-key-story_goto_"] button p { text-align: left; }
.st-key-story_first, .st-key-story_last { position: absolute !important; width: 1px;
  height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
/* the map uses the screen's height (a 1920 x 1080 projector left half of it empty) */
.st-key-story_map iframe { height: max(620px, calc(100vh - 7rem)) !important; }
/* text above the map when the page is too narrow for both side by side (1024 px with the
   sidebar left the map 322 px and the day's list on the plan) */
.st-key-story_layout { container-type: inline-size; }
@container (max-width: 720px) {
  .st-key-story_layout > div > [data-testid="stHorizontalBlock"] { flex-direction: column; }
  .st-key-story_layout > div > div > [data-testid="stColumn"] { width: 100% !important;
    flex: 1 1 auto !important; min-width: 100% !important; }
}
</style>"""


def _index(ids: list[str]) -> int:
    """The chapter shown: from the link on arrival, then from the buttons and keys."""
    wanted = st.query_params.get("chapter")
    if wanted != st.session_state.get("story_link"):
        st.session_state["story_link"] = wanted
        if wanted in ids:
            st.session_state["story_index"] = ids.index(wanted)
        elif wanted:
            st.warning(
                _("No chapter called “{chapter}”; showing the first.").format(chapter=md(wanted)),
                icon=":material/link:",
            )
    return min(st.session_state.setdefault("story_index", 0), len(ids) - 1)


def _go(index: int, ids: list[str]) -> None:
    index = max(0, min(len(ids) - 1, index))
    st.session_state["story_index"] = index
    link = ids[index] if index else None
    st.session_state["story_link"] = link
    if link:
        st.query_params["chapter"] = link
    else:
        st.query_params.pop("chapter", None)


def _show(chapter_id: str) -> None:
    st.session_state["story_warned"].add(chapter_id)


def _nav(ids: list[str], index: int, warning: bool) -> None:
    """Previous / Next (and hidden first / last for Home and End), and the modes. On a
    content note, Next shows the chapter itself (the clicker's keys stay the same)."""
    with st.container(key="story_nav", horizontal=True, vertical_alignment="center"):
        st.button(
            _("◀ Previous"),
            key="story_prev",
            on_click=_go,
            args=(index - 1, ids),
            disabled=index == 0,
        )
        if warning:
            st.button(
                _("Show the chapter ▶"),
                key="story_next",
                on_click=_show,
                args=(ids[index],),
                type="primary",
            )
        else:
            st.button(
                _("Next ▶"),
                key="story_next",
                on_click=_go,
                args=(index + 1, ids),
                disabled=index == len(ids) - 1,
            )
        st.button(_("First"), key="story_first", on_click=_go, args=(0, ids))
        st.button(_("Last"), key="story_last", on_click=_go, args=(len(ids) - 1, ids))
        st.markdown(_("{number} of {total}").format(number=index + 1, total=len(ids)))
    # the keys in a line of their own: a help tooltip on Next covered the narrative's last
    # line on a projector (and Previous at 1024 px)
    with st.container(key="story_keys"):
        st.caption(keys_hint())
    with st.container(key="story_modes", horizontal=True, vertical_alignment="center"):
        st.toggle(
            _("Presentation mode"),
            key="present",
            bind="query-params",
            help=_("Full screen for a projector. B blanks the screen."),
        )
        room = st.session_state.setdefault("story_room", new_room())
        st.link_button(
            _("Presenter view"),
            url=f"presenter?room={room}&lang={current_language()}",
            icon=":material/co_present:",
            help=_(
                "Opens the notes in a second window that follows this one. "
                "Keep it on your own screen."
            ),
        )


def _sidebar(atlas: Atlas, ids: list[str], index: int) -> None:
    """The chapters by title; a click opens one."""
    with st.sidebar:
        st.markdown(_("**Chapters**"))
        for number, chapter in enumerate(atlas.chapters):
            st.button(
                f"{number + 1}. {chapter.title}",
                key=f"story_goto_{number}",
                on_click=_go,
                args=(number, ids),
                type="primary" if number == index else "tertiary",
            )


def page() -> None:
    atlas = atlas_or_stop()
    chapters = atlas.chapters
    if not chapters:
        st.info(_("The story has no chapters yet."))
        return
    ids = [c.id for c in chapters]
    index = _index(ids)
    chapter = chapters[index]
    _sidebar(atlas, ids, index)
    # the toggle is drawn further down; on arrival, the link says whether to present
    presenting = st.session_state.get("present", st.query_params.get("present") == "true")
    st.html(NAV_CSS + (PRESENTATION_CSS if presenting else ""))
    warned = st.session_state.setdefault("story_warned", set())
    warning = chapter.content_note and chapter.id not in warned
    room = st.session_state.setdefault("story_room", new_room())
    publish(room, chapter.id, warning=bool(warning))
    with st.container(key="story_layout"):
        _chapter(atlas, chapter, ids, index, bool(warning), bool(presenting))
    bind_keys("story_prev", "story_next", "story_first", "story_last")


def _chapter(
    atlas: Atlas, chapter: Chapter, ids: list[str], index: int, warning: bool, presenting: bool
) -> None:
    """The chapter's text and buttons beside its map (above it on a narrow page)."""
    text_col, map_col = st.columns([1, 1.5], gap="medium")
    day = chapter_day(chapter)
    with text_col:
        with st.container(key="story_title"):
            st.header(md(chapter.title), anchor=False)
        with st.container(key="story_clock"):
            st.markdown(
                f"**{md(chapter_when(chapter, atlas.settings.focus, current_language()))}**"
            )
        if warning:
            with st.container(key="story_warning", border=True):
                st.markdown(_("**Content note.** {note}").format(note=md(chapter.content_note)))
                st.caption(_("Press Next to show the chapter."))
        else:
            with st.container(key="story_text"):
                st.markdown(rich_md(chapter.narrative, atlas.sources))
            if is_untranslated(atlas, "story.toml", chapter.id, "narrative"):
                st.caption(_("Not translated yet: shown in English."))
        _nav(ids, index, warning)
        if presenting and (notice := translation_notice(current_language())):
            st.caption(notice)  # the sidebar that says it is hidden on a projector
    with map_col, st.container(key="story_map"):
        period = period_for(day, periods(atlas, current_language()))
        time_map(
            atlas,
            key="story_map_widget",
            day=day,
            command=index,  # each chapter moves the map once; the reader may move on from there
            range_=(period.first, period.last),
            layers=list(chapter_layers(atlas, chapter)),
            highlight=chapter.highlight,
            frame=chapter.frame,
            center=chapter.center,
            zoom=chapter.zoom,
            height=620,
            clickable=False,  # popups open inside the map; nothing comes back to Python
            present=presenting,
            day_label=day_label(chapter, current_language()),
        )


page()
