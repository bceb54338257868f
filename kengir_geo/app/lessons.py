"""The lessons of the geodata folder, loaded once per version of the folder, for the pages."""

from __future__ import annotations

import streamlit as st

from kengir_geo.app.common import problems_table
from kengir_geo.app.env import geodata_root
from kengir_geo.data.folder import fingerprint, read_geodata
from kengir_geo.data.lessons import Lesson, LessonError, load_lessons


@st.cache_resource(max_entries=2)
def _lessons(root: str, stamp: tuple) -> list[Lesson]:
    return load_lessons(read_geodata(root))


def lessons_or_stop() -> list[Lesson]:
    root = geodata_root()
    try:
        lessons = _lessons(str(root), fingerprint(root))
    except LessonError as error:
        st.error("A lesson cannot be read. Fix it in the file named below and reload.")
        st.dataframe(problems_table(error.problems), hide_index=True)
        st.stop()
    if not lessons:
        st.info("There are no lessons yet (geodata/lessons/*.toml).")
        st.stop()
    return lessons
