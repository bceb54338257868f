"""Explore: the map on any day. The day, Play and the day's events live in the map itself
(the browser's time map); this page keeps one ExploreState and draws it: the sidebar's
search, period, layers and basemap, the map, and the details of what was clicked."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

from kengir_geo.app.common import atlas_or_stop, show_link_problems
from kengir_geo.app.details_panel import show_details
from kengir_geo.app.language import _, current_language, link_params
from kengir_geo.app.nav import story_page
from kengir_geo.app.state import (
    ExploreState,
    initial_state,
    link_of,
    period_of,
    state_from_link,
    toggle_layers,
    with_day,
    with_period,
    with_place,
)
from kengir_geo.app.text import show_claim
from kengir_geo.app.timemap import time_map
from kengir_geo.data.atlas import Atlas
from kengir_geo.i18n.dates import format_day
from kengir_geo.map.basemaps import BASEMAPS
from kengir_geo.map.escape import md
from kengir_geo.map.rich_text import rich_md
from kengir_geo.story.periods import Period, periods
from kengir_geo.story.search import find_places

STATE = "explore"  # the one session key of this page's state (widgets mirror it)
WRITTEN = "explore_link"  # the query parameters this page wrote last
MAP_HEIGHT = 610  # map and its day bar; above the fold at 1280×800

# Less empty space above the map, so the whole of it fits a laptop screen.
COMPACT_CSS = """<style>
[data-testid='stMainBlockContainer'] { padding-top: 1.6rem; padding-bottom: 1rem; }
.st-key-x_intro p { margin-bottom: 0.2rem; }
.st-key-x_map iframe { height: max(480px, calc(100vh - 190px)) !important; }
</style>"""


def state() -> ExploreState:
    return st.session_state[STATE]


def set_state(new: ExploreState) -> None:
    st.session_state[STATE] = new


def _sync_widgets(s: ExploreState) -> None:
    """The sidebar's widgets show the state (set before they are drawn)."""
    st.session_state["x_period"] = s.period
    st.session_state["x_layers"] = list(s.layers)
    st.session_state["x_basemap"] = next(k for k, v in BASEMAPS.items() if v == s.basemap)


def _apply_link(atlas: Atlas, options: list[Period]) -> None:
    """Take over what a link asks for, once per new link (the one we wrote is not new)."""
    params = {k: st.query_params.get(k) for k in st.query_params}
    if not params or params == st.session_state.get(WRITTEN):
        return
    new, problems = state_from_link(state(), params, atlas, options)
    show_link_problems(tuple(problems))
    set_state(new)
    _sync_widgets(new)
    st.session_state[WRITTEN] = params


def _write_link(atlas: Atlas) -> None:
    params = {**link_of(state(), atlas), **link_params()}
    if params != st.session_state.get(WRITTEN):
        st.query_params.from_dict(params)
        st.session_state[WRITTEN] = params


def _on_period(atlas: Atlas, options: list[Period]) -> None:
    set_state(with_period(state(), st.session_state["x_period"], atlas, options))


def _on_layers() -> None:
    set_state(replace(state(), layers=tuple(st.session_state["x_layers"])))


def _on_basemap() -> None:
    set_state(replace(state(), basemap=BASEMAPS[st.session_state["x_basemap"]]))


def _on_search(atlas: Atlas) -> None:
    query = st.session_state.get("x_query", "").strip()
    st.session_state["x_search_message"] = ""
    if not query:
        return
    found = with_place(state(), atlas, query)
    if found is None:
        st.session_state["x_search_message"] = _("No place called “{place}” was found.").format(
            place=query
        )
        return
    set_state(found)
    _sync_widgets(found)


def _sidebar(atlas: Atlas, options: list[Period]) -> None:
    by_id = {p.id: p for p in options}
    with st.sidebar:
        st.text_input(
            _("Find a place"),
            key="x_query",
            placeholder=atlas.settings.search_hint,
            help=_("Any name or spelling, in Latin or Cyrillic letters."),
            on_change=_on_search,
            args=(atlas,),
        )
        if message := st.session_state.get("x_search_message"):
            st.caption(md(message))
        elif query := st.session_state.get("x_query", "").strip():
            others = find_places(atlas, query)[1:5]
            if others:
                st.caption(
                    _("Other matches: {names}").format(names=md(", ".join(m.name for m in others)))
                )
        st.selectbox(
            _("Period"),
            list(by_id),
            format_func=lambda pid: by_id[pid].label,
            key="x_period",
            on_change=_on_period,
            args=(atlas, options),
            help=_("The day slider under the map moves within the period chosen here."),
        )
        st.multiselect(
            _("Layers"),
            toggle_layers(atlas),
            format_func=lambda lid: atlas.layers[lid].title,
            key="x_layers",
            on_change=_on_layers,
        )
        st.selectbox(
            _("Basemap"),
            list(BASEMAPS),
            format_func=_,
            key="x_basemap",
            on_change=_on_basemap,
            help=_("The country outlines work without internet; the others need it."),
        )


def _about_the_count(atlas: Atlas) -> None:
    """The day counter counts from a stated day; its start and length are disputed."""
    focus = atlas.settings.focus
    if focus is None or not focus.claims:
        return
    with st.popover(_("About the day count"), icon=":material/help:"):
        st.markdown(
            _(
                "The map counts the days of {period} from {date}. "
                "The works we read do not agree on when it began or how long it lasted:"
            ).format(period=md(focus.name), date=format_day(focus.counter_from, current_language()))
        )
        for claim_id in focus.claims:
            if claim_id in atlas.claims:
                show_claim(atlas.claims[claim_id], atlas.sources)


def _map_and_details(atlas: Atlas, options: list[Period]) -> None:
    s = state()
    period = period_of(s, options)
    map_col, side_col = st.columns([3, 1], gap="medium")
    with map_col, st.container(key="x_map"):
        reply = time_map(
            atlas,
            key="explore_map",
            day=s.day,
            command=s.command,
            range_=(period.first, period.last),
            layers=list(s.layers),
            highlight=s.highlight,
            frame=s.frame,
            center=s.center,
            zoom=s.zoom,
            basemap=s.basemap,
            height=MAP_HEIGHT,
            day_label=s.day_label,
        )
    if reply and reply.get("command") == s.command:
        day = date.fromordinal(int(reply["day"]))
        if day != s.day:
            s = with_day(s, day, options, move=False)
        picked = reply.get("selected")
        if picked and reply.get("clicks") != st.session_state.get("explore_clicks"):
            st.session_state["explore_clicks"] = reply.get("clicks")
            s = replace(s, selected=(str(picked["layer"]), str(picked["id"])))
        set_state(s)
    with side_col:
        if s.selected:
            show_details(atlas, *s.selected)
        else:
            st.info(
                _(
                    "Click a place, a building or an event on the map, or one in the day's "
                    "list, to read what the sources say about it."
                )
            )
    _write_link(atlas)


def _intro(atlas: Atlas) -> None:
    """What this is, in a line or two, the way into the story, and what the day count counts
    (drawn once per page run, not on every day the map settles on)."""
    with st.container(key="x_intro", horizontal=True, vertical_alignment="center"):
        if atlas.settings.intro:
            st.markdown(rich_md(atlas.settings.intro, atlas.sources))
        if atlas.chapters:
            st.page_link(
                story_page(),
                label=_("Start the story"),
                icon=":material/auto_stories:",
                query_params=link_params(),
            )
        _about_the_count(atlas)


def page() -> None:
    st.html(COMPACT_CSS)
    atlas = atlas_or_stop()
    options = periods(atlas, current_language())
    if STATE not in st.session_state:
        set_state(initial_state(atlas, options))
        _sync_widgets(state())
    _apply_link(atlas, options)
    _sidebar(atlas, options)
    _intro(atlas)
    st.fragment(_map_and_details)(atlas, options)


page()
