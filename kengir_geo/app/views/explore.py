"""Explore: the map on one day, a clock, play/pause, events per day, layers, search, details."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from kengir_geo.app.charts import STRIP_CSS, events_strip
from kengir_geo.app.common import atlas_or_stop, show_link_problems
from kengir_geo.app.details_panel import show_details
from kengir_geo.app.mapview import Camera, show_map
from kengir_geo.data.atlas import Atlas
from kengir_geo.map.escape import md
from kengir_geo.map.render import BASEMAPS
from kengir_geo.story.chapters import chapter_day
from kengir_geo.story.links import default_layers, read_link, write_link
from kengir_geo.story.periods import Period, period_for, periods
from kengir_geo.story.search import find_place, find_places
from kengir_geo.story.timeline import clock_label, events_per_day

SPEEDS = {"slow (2 s a day)": 2.0, "normal (1 s a day)": 1.0, "fast (½ s a day)": 0.5}
STATE_KEYS = ("x_period", "x_day", "x_layers", "x_basemap", "x_speed")


def _toggle_layers(atlas: Atlas) -> list[str]:
    """Layers a reader can switch (the country outlines belong to the basemap)."""
    return [lid for lid, layer in atlas.layers.items() if layer.group != "basemap"]


def _camera(atlas: Atlas, period: Period, options: list[Period]) -> Camera:
    """The view a period opens with: the focus period's, or the wide one for a year."""
    view = atlas.settings.start_view if period is options[0] else atlas.settings.wide_view
    return Camera(view.center or (0.0, 0.0), view.zoom or 3)


def _first_day(atlas: Atlas, period: Period) -> date:
    focus = atlas.settings.focus
    return focus.first if focus and focus.first in period else period.first


def _set_defaults(atlas: Atlas, options: list[Period]) -> None:
    ss = st.session_state
    ss.setdefault("x_period", options[0].id)
    ss.setdefault("x_day", _first_day(atlas, options[0]))
    ss.setdefault(
        "x_layers", [lid for lid in default_layers(atlas) if lid in _toggle_layers(atlas)]
    )
    ss.setdefault("x_basemap", next(iter(BASEMAPS)))
    ss.setdefault("x_speed", 1.0)
    ss.setdefault("x_playing", False)
    ss.setdefault("x_camera", _camera(atlas, options[0], options))
    ss.setdefault("x_selected", None)
    ss.setdefault("x_place", None)
    ss.setdefault("x_highlight", ())
    ss.setdefault("x_written", {})


def _go_to_day(day: date, options: list[Period]) -> None:
    period = period_for(day, options)
    st.session_state.x_period = period.id
    st.session_state.x_day = period.clamp(day)


def _centre_on(atlas: Atlas, query: str) -> bool:
    match = find_place(atlas, query)
    if match is None:
        return False
    st.session_state.x_camera = Camera((match.lat, match.lon), match.zoom)
    st.session_state.x_selected = (match.layer_id, match.feature_id)
    st.session_state.x_place = match.feature_id
    return True


def _apply_link(atlas: Atlas, options: list[Period]) -> None:
    """Take over what a link asks for, once per new link (the URL we wrote ourselves is not new)."""
    params = {k: st.query_params.get(k) for k in st.query_params}
    if not params or params == st.session_state.x_written:
        return
    link = read_link(params, atlas)
    show_link_problems(link.problems)
    chapter = atlas.chapter(link.chapter) if link.chapter else None
    if chapter is not None:
        _go_to_day(chapter_day(chapter), options)
        st.session_state.x_layers = [lid for lid in chapter.layers if lid in _toggle_layers(atlas)]
        st.session_state.x_camera = Camera(chapter.center, chapter.zoom)
        st.session_state.x_highlight = chapter.highlight
    if link.day is not None:
        _go_to_day(link.day, options)
    if link.layers is not None:
        st.session_state.x_layers = [lid for lid in link.layers if lid in _toggle_layers(atlas)]
    new_place = link.place and link.place != st.session_state.x_written.get("place")
    if new_place and not _centre_on(atlas, link.place):
        st.warning(f"No place called “{md(link.place)}” was found.", icon=":material/link:")
    st.session_state.x_written = params


def _write_url(atlas: Atlas, day: date) -> None:
    params = write_link(atlas, day, st.session_state.x_layers, st.session_state.x_place)
    if params != st.session_state.x_written:
        st.query_params.from_dict(params)
        st.session_state.x_written = params


def _on_period_change() -> None:
    st.session_state.x_playing = False
    st.session_state.x_period_changed = True


def _on_search() -> None:
    query = st.session_state.get("x_query", "").strip()
    st.session_state.x_search_message = ""
    if not query:
        return
    atlas = atlas_or_stop()
    if not _centre_on(atlas, query):
        st.session_state.x_search_message = f"No place called “{query}” was found."


def _toggle_play() -> None:
    st.session_state.x_playing = not st.session_state.x_playing


def _sidebar(atlas: Atlas, options: list[Period]) -> Period:
    with st.sidebar:
        st.text_input(
            "Find a place",
            key="x_query",
            placeholder=atlas.settings.search_hint,
            help="Any name or spelling, in Latin or Cyrillic letters.",
            on_change=_on_search,
        )
        if message := st.session_state.get("x_search_message"):
            st.caption(md(message))
        elif query := st.session_state.get("x_query", "").strip():
            others = find_places(atlas, query)[1:5]
            if others:
                st.caption("Other matches: " + md(", ".join(m.name for m in others)))
        by_id = {p.id: p for p in options}
        if st.session_state.x_period not in by_id:
            st.session_state.x_period = options[0].id
        st.selectbox(
            "Period",
            list(by_id),
            format_func=lambda pid: by_id[pid].label,
            key="x_period",
            on_change=_on_period_change,
            help="Pick the uprising or a whole year; the day slider then moves within it.",
        )
        period = by_id[st.session_state.x_period]
        if st.session_state.pop("x_period_changed", False):
            # a newly chosen period starts at its beginning (the focus at its day 1)
            st.session_state.x_day = _first_day(atlas, period)
            st.session_state.x_camera = _camera(atlas, period, options)
        toggles = _toggle_layers(atlas)
        st.session_state.x_layers = [lid for lid in st.session_state.x_layers if lid in toggles]
        st.multiselect(
            "Layers",
            toggles,
            format_func=lambda lid: atlas.layers[lid].title,
            key="x_layers",
        )
        st.selectbox("Basemap", list(BASEMAPS), key="x_basemap")
        st.select_slider(
            "Playback speed",
            options=list(SPEEDS.values()),
            format_func=lambda s: next(k for k, v in SPEEDS.items() if v == s),
            key="x_speed",
        )
    return period


def _advance(period: Period) -> None:
    """One playback step; at the end of the period playback stops."""
    nxt = st.session_state.x_day + timedelta(days=1)
    if nxt > period.last:
        st.session_state.x_playing = False
        st.rerun(scope="app")
    st.session_state.x_day = nxt


def _day_view(atlas: Atlas, period: Period) -> None:
    ss = st.session_state
    if ss.x_playing:
        _advance(period)
    ss.x_day = period.clamp(ss.x_day)
    map_col, side_col = st.columns([3, 1], gap="medium")
    with map_col:
        clock, play = st.columns([4, 1], vertical_alignment="bottom")
        clock.markdown(f"### {clock_label(atlas.settings.focus, ss.x_day)}")
        if play.button(
            "⏸ Pause" if ss.x_playing else "▶ Play",
            key="x_play",
            on_click=_toggle_play,
            width="stretch",
        ):
            st.rerun(scope="app")  # play and pause change how often this part reruns
        st.slider(
            "Date",
            min_value=period.first,
            max_value=period.last,
            step=timedelta(days=1),
            format="D MMM YYYY",
            key="x_day",
            label_visibility="collapsed",
        )
        counts = events_per_day(atlas, period.first, period.last)
        st.markdown(events_strip(counts, ss.x_day), unsafe_allow_html=True)
        today = counts[counts["day"] == ss.x_day]
        sure, possible = int(today["sure"].sum()), int(today["possible"].sum())
        st.caption(
            f"{sure} event(s) on this day"
            + (f", {possible} more perhaps on this day" if possible else "")
            + ". Bars: events per day (dark: on that day, pale: perhaps); blue band: the day shown."
        )
        picked = show_map(
            atlas,
            key="explore_map",
            day=ss.x_day,
            layers=ss.x_layers,
            basemap=BASEMAPS[ss.x_basemap],
            camera=ss.x_camera,
            highlight=ss.x_highlight,
            height=600,
        )
        if picked is not None:
            ss.x_selected = (picked.layer_id, picked.feature_id)
    with side_col:
        if ss.x_selected:
            show_details(atlas, *ss.x_selected)
        else:
            st.info("Click a place, building or event on the map to see what the sources say.")
    _write_url(atlas, ss.x_day)


# Less empty space above the clock, so the map starts higher on a laptop screen.
COMPACT_CSS = "<style>[data-testid='stMainBlockContainer'] { padding-top: 2.2rem; }</style>"


def page() -> None:
    st.html(COMPACT_CSS + STRIP_CSS)
    atlas = atlas_or_stop()
    options = periods(atlas)
    _set_defaults(atlas, options)
    _apply_link(atlas, options)
    period = _sidebar(atlas, options)
    run_every = st.session_state.x_speed if st.session_state.x_playing else None
    st.fragment(_day_view, run_every=run_every)(atlas, period)


page()
