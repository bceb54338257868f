"""Timeline: every event as text, by date, filterable; each opens the map on its day."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from kengir_geo.app.common import atlas_or_stop, show_link_problems
from kengir_geo.app.language import _, current_language, link_params, ngettext
from kengir_geo.app.nav import explore_page
from kengir_geo.data.atlas import Atlas
from kengir_geo.data.dates import try_parse_date
from kengir_geo.data.schema import CATEGORIES, CERTAINTIES
from kengir_geo.i18n.dates import format_day, format_span
from kengir_geo.i18n.words import word
from kengir_geo.map.escape import md
from kengir_geo.map.rich_text import rich_md, sources_md
from kengir_geo.story.changes import changes_by_day
from kengir_geo.story.details import describe_when
from kengir_geo.story.links import read_link
from kengir_geo.story.timeline import clock_label


def all_events(atlas: Atlas) -> pd.DataFrame:
    """The events of every events layer, in date order, with their layer id."""
    frames = [
        layer.frame.assign(layer_id=lid)
        for lid, layer in atlas.layers.items()
        if layer.type == "events" and not layer.frame.empty
    ]
    if not frames:
        return pd.DataFrame(columns=["layer_id", "id", "first_day", "sure_from"])
    events = pd.concat(frames, ignore_index=True)
    return events.sort_values(["first_day", "last_day", "name"], kind="stable").reset_index(
        drop=True
    )


def _options(values: pd.Series, order: tuple[str, ...]) -> list[str]:
    present = {str(v) for v in values.dropna() if str(v)}
    return [v for v in order if v in present] + sorted(present - set(order))


def page() -> None:
    atlas = atlas_or_stop()
    st.title(_("Timeline"), anchor=False)
    lang = current_language()
    st.caption(
        _(
            "Every event in the atlas as text, earliest first. Dates written as a month or a "
            "span mean the sources do not give the exact day."
        )
    )
    events = all_events(atlas)
    categories = _options(events.get("category", pd.Series(dtype=str)), CATEGORIES)
    certainties = _options(events.get("certainty", pd.Series(dtype=str)), CERTAINTIES)
    left, right = st.columns(2)
    chosen_categories = left.multiselect(
        _("Category"),
        categories,
        default=categories,
        key="t_cat",
        format_func=lambda c: atlas.settings.label("category", c),
    )
    chosen_certainties = right.multiselect(
        _("How sure"),
        certainties,
        default=certainties,
        key="t_cert",
        format_func=lambda key: word(key, lang),
    )
    shown = events[
        events["category"].isin(chosen_categories) & events["certainty"].isin(chosen_certainties)
    ]
    # a link's ?date= starts the list on that day; one that is no date is named, not ignored
    asked = {k: st.query_params.get(k) for k in ("date", "lang") if k in st.query_params}
    link = read_link(asked, atlas)
    show_link_problems(link.problems)
    if link.day is not None and "last_day" in shown:
        shown = shown[shown["last_day"] >= link.day.toordinal()]
        st.caption(_("From {date} on, as the link asks.").format(date=format_day(link.day, lang)))
    st.markdown(
        ngettext(
            "Showing **{shown}** of {total} event.",
            "Showing **{shown}** of {total} events.",
            len(events),
        ).format(shown=len(shown), total=len(events))
    )
    explore = explore_page()
    changes_by = changes_by_day(atlas, lang)
    for row in shown.itertuples():
        day = date.fromordinal(int(row.first_day))
        with st.container(border=True, key=f"t_{row.layer_id}_{row.id}"):
            when = describe_when(row.start, row.end, "events", lang)
            exact = row.first_day == row.last_day
            st.markdown(
                f"**{md(when)}**"
                + (f" · {md(clock_label(atlas.settings.focus, day, lang))}" if exact else "")
            )
            st.markdown(f"##### {md(row.name)}")
            category = atlas.settings.label("category", str(row.category or "")) or _("no category")
            st.caption(md(f"{category} · {word(row.certainty, lang)}"))
            if row.description:
                st.markdown(rich_md(row.description, atlas.sources))
            changes = changes_by.get(int(row.sure_from), [])
            if changes and row.sure_from <= row.sure_until:
                st.markdown(
                    _("**On the map that day:** {changes}.").format(changes=md("; ".join(changes)))
                )
            if row.sources:
                st.caption(sources_md(row.sources, atlas.sources, lang))
            span = try_parse_date(row.start)
            where = (  # a partial date reads as what it is: "in May 1954", never "1 May 1954"
                _("Open the map on {date}").format(date=format_day(day, lang))
                if exact or span is None
                else _("Open the map in {date}").format(date=format_span(span, lang))
            )
            st.page_link(
                explore,
                label=where,
                icon=":material/map:",
                query_params={"date": day.isoformat(), **link_params()},
            )


page()
