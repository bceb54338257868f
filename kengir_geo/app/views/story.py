"""Story: the chapters of story.toml, one screen each, for reading alone or on a projector."""

from __future__ import annotations

import streamlit as st

from kengir_geo.app.common import atlas_or_stop
from kengir_geo.app.keys import bind_keys
from kengir_geo.app.mapview import Camera, show_map
from kengir_geo.data.atlas import Atlas
from kengir_geo.map.escape import md, md_paragraphs
from kengir_geo.story.chapters import chapter_day, chapter_when

# Presentation mode: no sidebar or Streamlit chrome, type readable from the back of a room,
# the map as tall as the screen allows.
PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebarNav"], footer { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container {
  padding: 0.6rem 1.2rem 0.4rem 1.2rem !important; max-width: 100% !important; }
.st-key-story_title h2 { font-size: clamp(1.6rem, 2.6vw, 3rem) !important; line-height: 1.15; }
.st-key-story_text p, .st-key-story_text li {
  font-size: clamp(1.15rem, 1.75vw, 2.1rem) !important; line-height: 1.4 !important; }
.st-key-story_clock p { font-size: clamp(1rem, 1.4vw, 1.6rem) !important; }
.st-key-story_notes p { font-size: clamp(0.95rem, 1.2vw, 1.4rem) !important; }
.st-key-story_notes { max-height: 34vh; overflow-y: auto; }
.st-key-story_map iframe { height: calc(100vh - 1.6rem) !important; }
.st-key-story_nav p, .st-key-story_modes p { font-size: clamp(1rem, 1.3vw, 1.5rem) !important; }
</style>
"""


def chapter_titles(atlas: Atlas) -> str:
    """The chapters as a numbered Markdown list: title and the id used in links."""
    return "\n".join(
        f"{n}. {md(c.title)} ({md(c.id)})" for n, c in enumerate(atlas.chapters, start=1)
    )


def _go(delta: int, ids: list[str]) -> None:
    index = ids.index(st.session_state.chapter) if st.session_state.chapter in ids else 0
    st.session_state.chapter = ids[max(0, min(len(ids) - 1, index + delta))]


def _nav(ids: list[str], index: int) -> None:
    """Previous / Next and the mode switches. The chapter and presentation mode are bound to
    the URL (?chapter=raid&present=true), so a shared link opens that very screen."""
    with st.container(key="story_nav", horizontal=True, vertical_alignment="center"):
        st.button(
            "◀ Previous",
            key="story_prev",
            on_click=_go,
            args=(-1, ids),
            disabled=index == 0,
            help="Keyboard: ← or PageUp",
        )
        st.button(
            "Next ▶",
            key="story_next",
            on_click=_go,
            args=(1, ids),
            disabled=index == len(ids) - 1,
            help="Keyboard: → or PageDown",
        )
        st.markdown(f"{index + 1} of {len(ids)}")
    with st.container(key="story_modes", horizontal=True, vertical_alignment="center"):
        st.toggle("Presentation mode", key="present", bind="query-params")
        st.toggle("Presenter notes", key="s_notes")


def page() -> None:
    atlas = atlas_or_stop()
    chapters = atlas.chapters
    if not chapters:
        st.info("The story has no chapters yet (geodata/story.toml).")
        return
    ids = [c.id for c in chapters]
    wanted = st.query_params.get("chapter")
    if wanted and wanted not in ids:
        st.warning(f"No chapter called “{md(wanted)}”; showing the first.", icon=":material/link:")
    # The chapter picker sits in the sidebar (hidden in presentation mode); the buttons and the
    # keys drive it through its session state. It lists ids, not titles, because a bound widget
    # writes what it displays into the URL, and links say ?chapter=raid.
    with st.sidebar:
        st.selectbox("Chapter", ids, key="chapter", bind="query-params")
        st.caption(chapter_titles(atlas))
    index = ids.index(st.session_state.chapter)
    chapter = chapters[index]
    text_col, map_col = st.columns([1, 1.5], gap="medium")
    with text_col:
        with st.container(key="story_title"):
            st.header(md(chapter.title), anchor=False)
        day = chapter_day(chapter)
        with st.container(key="story_clock"):
            st.markdown(f"**{md(chapter_when(chapter, atlas.settings.focus))}**")
        with st.container(key="story_text"):
            st.markdown(md_paragraphs(chapter.narrative))
        _nav(ids, index)
        if st.session_state.get("present"):
            st.html(PRESENTATION_CSS)
        if st.session_state.get("s_notes") and chapter.notes:
            with st.container(key="story_notes", border=True):
                st.markdown("**Presenter notes**  \n" + md_paragraphs(chapter.notes))
    with map_col, st.container(key="story_map"):
        show_map(
            atlas,
            key="story_map_widget",
            day=day,
            layers=[lid for lid in chapter.layers if lid in atlas.layers],
            basemap="offline",
            camera=Camera(chapter.center, chapter.zoom),
            highlight=chapter.highlight,
            height=620,
            clickable=False,  # popups still open on click, inside the map
            # on a projector the open legend would hide a third of the map; one click opens it
            legend_open=not st.session_state.get("present"),
        )
    bind_keys("story_prev", "story_next")


page()
