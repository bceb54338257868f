"""The app's pages, in menu order. streamlit_app.py runs them; pages link to each other here."""

from __future__ import annotations

import streamlit as st


def explore_page() -> st.Page:
    from kengir_geo.ui import explore

    return st.Page(
        explore.page, title="Explore", icon=":material/map:", url_path="explore", default=True
    )


def story_page() -> st.Page:
    from kengir_geo.ui import story

    return st.Page(story.page, title="Story", icon=":material/auto_stories:", url_path="story")


def all_pages() -> list[st.Page]:
    from kengir_geo.ui import add_layer, sources, steplag, timeline

    return [
        explore_page(),
        story_page(),
        st.Page(timeline.page, title="Timeline", icon=":material/event_note:", url_path="timeline"),
        st.Page(
            steplag.page,
            title="Steplag in figures",
            icon=":material/bar_chart:",
            url_path="steplag",
        ),
        st.Page(sources.page, title="Sources", icon=":material/menu_book:", url_path="sources"),
        st.Page(
            add_layer.page,
            title="Add a layer",
            icon=":material/add_location_alt:",
            url_path="add-layer",
        ),
    ]
