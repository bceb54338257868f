"""Steplag in figures: the divisions, prisoners by year, nationalities — each chart sourced."""

from __future__ import annotations

import json

import altair as alt
import streamlit as st
from babel.numbers import get_group_symbol

from kengir_geo.app.common import atlas_or_stop
from kengir_geo.app.language import _, current_language, tr
from kengir_geo.app.text import source_names
from kengir_geo.data.atlas import Atlas
from kengir_geo.data.figures import Figure
from kengir_geo.i18n.words import word
from kengir_geo.map.escape import md
from kengir_geo.map.rich_text import rich_md, sources_md
from kengir_geo.story.figures import layer_figure_rows

STATUS_COLORS = {"documented": "#4a6fa5", "derived": "#b9b9b9", "disputed": "#d08c2b"}
CERTAINTY_COLORS = {
    "documented": "#4a6fa5",
    "approximate": "#7fa3cf",
    "schematic": "#9b9b9b",
    "disputed": "#d08c2b",
    "unknown": "#b9b9b9",
}


def _word(key: str) -> str:
    """A certainty or status ("disputed") in the reader's language (i18n/words.py); the
    colours stay keyed by the data's values."""
    return word(key, current_language())


def _scale(colors: dict[str, str]) -> alt.Scale:
    """A colour scale over the legend's words in the reader's language."""
    return alt.Scale(domain=[_word(key) for key in colors], range=list(colors.values()))


def _number(value: float) -> str:
    return tr().number(round(value))


def _value_axis() -> alt.Axis:
    """Axis numbers grouped as the reader's language groups them (5 000, not 5,000)."""
    group = get_group_symbol(tr().locale)
    if group == ",":
        return alt.Axis(format=",")
    return alt.Axis(labelExpr=f"replace(format(datum.value, ','), /,/g, {json.dumps(group)})")


def _cite(atlas: Atlas, ids: list[str] | tuple[str, ...]) -> None:
    if ids:
        more = _("(full entries on the Sources page).")
        st.caption(f"{sources_md(ids, atlas.sources, current_language())} {more}")


def _flags(atlas: Atlas, figure: Figure) -> None:
    for v in figure.values:
        if v.status == "documented":
            continue
        others = "; ".join(
            _("{value} according to {works}").format(
                value=_number(o.value), works=source_names(o.sources, atlas.sources)
            )
            for o in v.others
        )
        text = _("**{label}: {value}** is {status}.").format(
            label=md(v.label), value=_number(v.value), status=_word(v.status)
        )
        text += f" {rich_md(v.note, atlas.sources)}"
        if others:
            text += " " + _("Other value: {others}.").format(others=md(others))
        st.markdown(f"- ⚠ {text}")


def _figure_chart(figure: Figure, horizontal: bool) -> alt.Chart:
    frame = figure.frame()
    frame["flag"] = frame["status"].map({"documented": "", "derived": "*", "disputed": "?"})
    frame["status"] = frame["status"].map(_word)
    label_sort = list(frame.sort_values("value", ascending=False)["label"]) if horizontal else None
    label = alt.Y if horizontal else alt.X
    value = alt.X if horizontal else alt.Y
    base = alt.Chart(frame).encode(
        label(
            "label:N",
            title=None,
            sort=label_sort or list(frame["label"]),
            axis=alt.Axis(labelOverlap=False, labelLimit=240),  # every bar named
        ),
        value("value:Q", title=figure.unit, axis=_value_axis()),
        tooltip=["label", alt.Tooltip("value:Q", format=","), "status", "sources", "note"],
    )
    bars = base.mark_bar().encode(
        color=alt.Color("status:N", scale=_scale(STATUS_COLORS), title=None)
    )
    flags = base.mark_text(
        align="left" if horizontal else "center",
        baseline="middle" if horizontal else "bottom",
        dx=4 if horizontal else 0,
        dy=0 if horizontal else -3,
        fontWeight="bold",
    ).encode(text="flag:N")
    height = max(220, 18 * len(frame)) if horizontal else 300
    # the chart's name for screen readers: what it shows, and its values in words
    values = "; ".join(
        f"{label}: {_number(value)}"
        for label, value in zip(frame["label"], frame["value"], strict=True)
    )
    return (bars + flags).properties(
        height=height,
        description=_("Bar chart, {title}, in {unit}. {values}").format(
            title=figure.title, unit=figure.unit, values=values
        ),
    )


def _layer_figure(atlas: Atlas, figure: Figure) -> None:
    """A figure drawn from a layer (the divisions' head counts): one bar per feature."""
    rows = layer_figure_rows(atlas, figure)
    known = rows.dropna(subset=["value"]).assign(
        certainty=lambda frame: frame["certainty"].map(_word)
    )
    if not known.empty:
        chart = (
            alt.Chart(known)
            .mark_bar()
            .encode(
                y=alt.Y(
                    "name:N", title=None, sort=list(known["name"]), axis=alt.Axis(labelLimit=320)
                ),
                x=alt.X("value:Q", title=figure.unit, axis=_value_axis()),
                color=alt.Color("certainty:N", scale=_scale(CERTAINTY_COLORS), title=_("how sure")),
                tooltip=["name", alt.Tooltip("value:Q", format=","), "certainty", "note"],
            )
            .properties(
                height=36 * len(known),
                description=_("Bar chart, {title}: {values}").format(
                    title=figure.title,
                    values="; ".join(
                        f"{n}: {_number(v)}"
                        for n, v in zip(known["name"], known["value"], strict=True)
                    ),
                ),
            )
        )
        st.altair_chart(chart, width="stretch")
    missing = rows[rows["value"].isna()]
    if not missing.empty:
        st.caption(
            _("No number in the data for: {names}.").format(names=md(", ".join(missing["name"])))
        )
    with st.expander(_("About these numbers and places")):
        for row in rows.itertuples():
            if row.certainty in ("disputed", "unknown") or row.note:
                st.markdown(
                    f"- **{md(row.name)}** ({md(_word(row.certainty))}): {rich_md(row.note, atlas.sources)}"
                )
    _cite(atlas, sorted({s for ids in rows["sources"] for s in ids}))


def _value_figure(atlas: Atlas, figure: Figure) -> None:
    horizontal = len(figure.values) > 12
    st.altair_chart(_figure_chart(figure, horizontal), width="stretch")
    if figure.note:
        st.caption(rich_md(figure.note, atlas.sources))
    if figure.total is not None:
        st.caption(
            _("Total: {value} {unit}.").format(value=_number(figure.total), unit=md(figure.unit))
        )
    _flags(atlas, figure)
    _cite(atlas, figure.sources)
    with st.expander(_("The numbers as a table")):
        table = figure.frame().drop(columns="order")
        st.dataframe(table, hide_index=True)


def page() -> None:
    atlas = atlas_or_stop()
    st.title(md(atlas.settings.figures_title), anchor=False)
    st.caption(
        _(
            "Bars marked * are derived by us, ? are disputed; the notes under each chart say "
            "why. Hover a bar for its source."
        )
    )
    for figure in atlas.figures:
        st.subheader(md(figure.title), anchor=False)
        if figure.layer:
            _layer_figure(atlas, figure)
        else:
            _value_figure(atlas, figure)
    if not atlas.figures:
        st.info(_("This atlas has no figures yet."))


page()
