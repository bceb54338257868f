"""What the Explore page shows, as one typed value, and the pure functions that move it.

A link gives a state (`state_from_link`), a state gives a link (`link_of`), and every change
a reader makes is one function from state to state. No Streamlit here: the page keeps one
ExploreState in its session and draws it.

`command` counts the times Python moves the map (a link, a chapter, a period, a place found):
the browser applies the day and the view only when it changes, so the day a reader chose in
the browser is never pulled back by a rerun.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from kengir_geo.data.atlas import Atlas
from kengir_geo.i18n import translator
from kengir_geo.map.basemaps import OFFLINE
from kengir_geo.story.chapters import chapter_day, chapter_layers, day_label
from kengir_geo.story.links import read_link, shown, write_link
from kengir_geo.story.periods import Period, period_for
from kengir_geo.story.search import find_place


@dataclass(frozen=True)
class ExploreState:
    period: str
    day: date
    layers: tuple[str, ...]
    basemap: str = OFFLINE
    place: str | None = None  # the place a link or a search asked for
    selected: tuple[str, str] | None = None  # (layer id, feature id) shown beside the map
    highlight: tuple[str, ...] = ()
    frame: tuple[str, ...] = ()  # ids the view fits to
    center: tuple[float, float] | None = None
    zoom: int | None = None
    command: int = 0
    day_label: str = ""  # a chapter's partial date in words ("1948"), until the day moves


def toggle_layers(atlas: Atlas) -> list[str]:
    """Layers a reader can switch (the country outlines belong to the basemap)."""
    return [lid for lid, layer in atlas.layers.items() if layer.group != "basemap"]


def _first_day(atlas: Atlas, period: Period) -> date:
    focus = atlas.settings.focus
    return focus.first if focus and focus.first in period else period.first


def _view_of(atlas: Atlas, period: Period, options: list[Period]) -> dict:
    view = atlas.settings.start_view if period is options[0] else atlas.settings.wide_view
    return {"frame": view.frame, "center": view.center, "zoom": view.zoom}


def initial_state(atlas: Atlas, options: list[Period]) -> ExploreState:
    period = options[0]
    layers = tuple(lid for lid in toggle_layers(atlas) if atlas.layers[lid].visible)
    return ExploreState(
        period.id, _first_day(atlas, period), layers, **_view_of(atlas, period, options)
    )


def period_of(state: ExploreState, options: list[Period]) -> Period:
    return next((p for p in options if p.id == state.period), options[0])


def with_period(
    state: ExploreState, period_id: str, atlas: Atlas, options: list[Period]
) -> ExploreState:
    """A newly chosen period opens at its beginning (the focus at its day 1), in its view."""
    period = next((p for p in options if p.id == period_id), options[0])
    return replace(
        state,
        period=period.id,
        day=_first_day(atlas, period),
        command=state.command + 1,
        day_label="",
        **_view_of(atlas, period, options),
    )


def with_day(state: ExploreState, day: date, options: list[Period], move: bool) -> ExploreState:
    """The map on `day`, in the period that holds it. `move`: Python asks the browser to go
    there (a link); False: the browser went there itself and tells us."""
    period = period_for(day, options)
    return replace(
        state,
        period=period.id,
        day=period.clamp(day),
        command=state.command + 1 if move else state.command,
        day_label="",
    )


def with_place(state: ExploreState, atlas: Atlas, query: str) -> ExploreState | None:
    """Centred on the place a reader searched for, its details beside the map; None when no
    place has that name."""
    match = find_place(atlas, query)
    if match is None:
        return None
    return replace(
        state,
        place=match.feature_id,
        selected=(match.layer_id, match.feature_id),
        frame=(match.feature_id,),
        center=(match.lat, match.lon),
        zoom=match.zoom,
        command=state.command + 1,
    )


def state_from_link(
    state: ExploreState, params: Mapping[str, object], atlas: Atlas, options: list[Period]
) -> tuple[ExploreState, list[str]]:
    """The state a link asks for, and what in it could not be used, in words."""
    link = read_link(params, atlas)
    problems = list(link.problems)
    switchable = set(toggle_layers(atlas))
    chapter = atlas.chapter(link.chapter) if link.chapter else None
    if chapter is not None:
        state = with_day(state, chapter_day(chapter), options, move=True)
        state = replace(
            state,
            layers=tuple(lid for lid in chapter_layers(atlas, chapter) if lid in switchable),
            highlight=chapter.highlight,
            frame=chapter.frame,
            center=chapter.center,
            zoom=chapter.zoom,
            day_label=day_label(chapter, link.lang),
        )
    if link.day is not None:
        state = with_day(state, link.day, options, move=True)
    if link.layers is not None:
        state = replace(state, layers=tuple(lid for lid in link.layers if lid in switchable))
    if link.place:
        found = with_place(state, atlas, link.place)
        if found is None:
            words = translator(link.lang).gettext("No place called “{place}” was found.")
            problems.append(words.format(place=shown(link.place)))
        else:
            state = found
    return state, problems


def link_of(state: ExploreState, atlas: Atlas) -> dict[str, str]:
    return write_link(atlas, state.day, state.layers, state.place)
