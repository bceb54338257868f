"""The lessons of the geodata folder, loaded once per version of the folder and language, for
the pages."""

from __future__ import annotations

import streamlit as st

from kengir_geo.app.common import problems_table
from kengir_geo.app.env import geodata_root
from kengir_geo.app.language import _, current_language
from kengir_geo.data.folder import fingerprint, read_geodata
from kengir_geo.data.lessons import Lesson, LessonError, load_lessons


@st.cache_resource(max_entries=8)
def _lessons(root: str, stamp: tuple, lang: str) -> list[Lesson]:
    return load_lessons(read_geodata(root), lang)


def lessons_or_stop() -> list[Lesson]:
    """The lessons in the reader's language (English where a text is not translated)."""
    root = geodata_root()
    try:
        lessons = _lessons(str(root), fingerprint(root), current_language())
    except LessonError as error:
        st.error(_("A lesson cannot be read. Fix it in the file named below and reload."))
        st.dataframe(problems_table(error.problems), hide_index=True)
        st.stop()
    if not lessons:
        st.info(_("There are no lessons yet (geodata/lessons/*.toml)."))
        st.stop()
    return lessons
