"""The app's pages, in menu order. streamlit_app.py runs them; pages link to each other here.

A page's module is imported when the page is first shown, not at start: Altair (Steplag) and
the file readers (Add a layer) would otherwise slow every visitor's first map.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

import streamlit as st


def _page_of(module: str) -> Callable[[], None]:
    def run() -> None:
        import_module(f"kengir_geo.ui.{module}").page()

    run.__name__ = f"{module}_page"
    return run


def explore_page() -> st.Page:
    return st.Page(
        _page_of("explore"),
        title="Explore",
        icon=":material/map:",
        url_path="explore",
        default=True,
    )


def story_page() -> st.Page:
    return st.Page(
        _page_of("story"), title="Story", icon=":material/auto_stories:", url_path="story"
    )


def all_pages() -> list[st.Page]:
    return [
        explore_page(),
        story_page(),
        st.Page(
            _page_of("timeline"),
            title="Timeline",
            icon=":material/event_note:",
            url_path="timeline",
        ),
        st.Page(
            _page_of("steplag"),
            title="Steplag in figures",
            icon=":material/bar_chart:",
            url_path="steplag",
        ),
        st.Page(
            _page_of("sources"), title="Sources", icon=":material/menu_book:", url_path="sources"
        ),
        st.Page(
            _page_of("add_layer"),
            title="Add a layer",
            icon=":material/add_location_alt:",
            url_path="add-layer",
        ),
    ]
