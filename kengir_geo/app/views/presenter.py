"""The presenter view: the notes of the chapter the projected Story page shows, on the
teacher's own screen. It follows the projected window once a second."""

from __future__ import annotations

import streamlit as st

from kengir_geo.app.common import atlas_or_stop
from kengir_geo.app.language import _
from kengir_geo.app.presenting import keys_hint, shown_in
from kengir_geo.map.escape import md
from kengir_geo.map.rich_text import rich_md

CSS = """<style>
.st-key-notes p, .st-key-notes li { font-size: 1.25rem; line-height: 1.45; }
</style>"""


def _follow(room: str) -> None:
    atlas = atlas_or_stop()
    shown = shown_in(room)
    if shown is None:
        st.info(_("Waiting for the Story page: open it with the Presenter view button there."))
        return
    ids = [c.id for c in atlas.chapters]
    if shown.chapter not in ids:
        st.warning(_("The projected chapter is not in this atlas any more."))
        return
    index = ids.index(shown.chapter)
    chapter = atlas.chapters[index]
    st.caption(
        _("Projected now: chapter {number} of {total}").format(number=index + 1, total=len(ids))
    )
    st.header(md(chapter.title), anchor=False)
    if shown.warning:
        st.warning(
            _("The class sees the content note; press Next (or the clicker) to show the chapter."),
            icon=":material/visibility_off:",
        )
    if chapter.content_note:
        st.markdown(_("**Content note.** {note}").format(note=md(chapter.content_note)))
    with st.container(key="notes", border=True):
        st.markdown(rich_md(chapter.notes, atlas.sources) if chapter.notes else _("No notes."))
    if index + 1 < len(ids):
        st.caption(_("Next: {title}").format(title=md(atlas.chapters[index + 1].title)))
    st.caption(keys_hint())


def page() -> None:
    st.html(CSS)
    st.title(_("Presenter view"), anchor=False)
    room = st.query_params.get("room", "")
    if not room:
        st.info(_("Open this view from the Story page (Presenter view), so it can follow it."))
        return
    st.fragment(_follow, run_every=1.0)(room)


page()
