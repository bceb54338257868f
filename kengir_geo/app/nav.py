"""The app's pages, in menu order: each a file in views/, run by st.navigation.

A page file runs only when its page is shown, so Altair (the figures) and the file readers (Add a
layer) never slow a visitor's first map.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from kengir_geo.app.common import atlas_or_none
from kengir_geo.app.language import _
from kengir_geo.data.settings import Settings

# Not "pages/": Streamlit would also treat a folder of that name as old-style pages and say
# "Page not found" for a URL like /add-layer before st.navigation resolves it.
PAGES = Path(__file__).resolve().parent / "views"
DEFAULT_PAGE = PAGES / "explore.py"  # what "/" shows


def explore_page() -> st.Page:
    return st.Page(
        DEFAULT_PAGE,
        title=_("Explore"),
        icon=":material/map:",
        url_path="map",  # a default page still reserves a path; "/" is where it lives
        default=True,
    )


def story_page() -> st.Page:
    return st.Page(
        PAGES / "story.py", title=_("Story"), icon=":material/auto_stories:", url_path="story"
    )


def figures_page() -> st.Page:
    """The charts page; its name and address are the atlas's (atlas.toml)."""
    atlas = atlas_or_none()
    settings = atlas.settings if atlas else Settings()
    return st.Page(
        PAGES / "figures.py",
        # the atlas's own name (translated with the geodata), else the default in words
        title=settings.figures_title if atlas else _("In figures"),
        icon=":material/bar_chart:",
        url_path=settings.figures_url,
    )


def all_pages() -> list[st.Page]:
    return [
        explore_page(),
        # links written as /explore?date=… open the map as well
        st.Page(PAGES / "explore.py", title=_("Explore"), url_path="explore", visibility="hidden"),
        story_page(),
        st.Page(
            PAGES / "timeline.py",
            title=_("Timeline"),
            icon=":material/event_note:",
            url_path="timeline",
        ),
        st.Page(
            PAGES / "lessons.py", title=_("Lessons"), icon=":material/school:", url_path="lessons"
        ),
        st.Page(
            PAGES / "lesson_builder.py",
            title=_("Lesson builder"),
            icon=":material/edit_note:",
            url_path="lesson-builder",
        ),
        st.Page(
            PAGES / "lesson_presenter.py",
            title=_("Lesson presenter view"),
            url_path="lesson-presenter",
            visibility="hidden",
        ),
        figures_page(),
        st.Page(
            PAGES / "sources.py",
            title=_("Sources"),
            icon=":material/menu_book:",
            url_path="sources",
        ),
        st.Page(
            PAGES / "presenter.py",
            title=_("Presenter view"),
            url_path="presenter",
            visibility="hidden",
        ),
        st.Page(
            PAGES / "add_layer.py",
            title=_("Add a layer"),
            icon=":material/add_location_alt:",
            url_path="add-layer",
        ),
    ]
