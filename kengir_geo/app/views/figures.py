"""Steplag in figures: the divisions, prisoners by year, nationalities — each chart sourced."""

from __future__ import annotations

import altair as alt
import streamlit as st

from kengir_geo.app.common import atlas_or_stop
from kengir_geo.app.text import source_names
from kengir_geo.data.atlas import Atlas
from kengir_geo.data.figures import Figure
from kengir_geo.map.escape import md
from kengir_geo.map.rich_text import rich_md, sources_md
from kengir_geo.story.figures import layer_figure_rows

STATUS_COLORS = alt.Scale(
    domain=["documented", "derived", "disputed"], range=["#4a6fa5", "#b9b9b9", "#d08c2b"]
)
CERTAINTY_COLORS = alt.Scale(
    domain=["documented", "approximate", "schematic", "disputed", "unknown"],
    range=["#4a6fa5", "#7fa3cf", "#9b9b9b", "#d08c2b", "#b9b9b9"],
)


def _cite(atlas: Atlas, ids: list[str] | tuple[str, ...]) -> None:
    if ids:
        st.caption(sources_md(ids, atlas.sources) + " (full entries on the Sources page).")


def _flags(atlas: Atlas, figure: Figure) -> None:
    for v in figure.values:
        if v.status == "documented":
            continue
        others = "; ".join(
            f"{o.value:,.0f} according to {source_names(o.sources, atlas.sources)}"
            for o in v.others
        )
        text = f"**{md(v.label)}: {v.value:,.0f}** is {v.status}. {rich_md(v.note, atlas.sources)}"
        if others:
            text += f" Other value: {md(others)}."
        st.markdown(f"- ⚠ {text}")


def _figure_chart(figure: Figure, horizontal: bool) -> alt.Chart:
    frame = figure.frame()
    frame["flag"] = frame["status"].map({"documented": "", "derived": "*", "disputed": "?"})
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
        value("value:Q", title=figure.unit),
        tooltip=["label", alt.Tooltip("value:Q", format=","), "status", "sources", "note"],
    )
    bars = base.mark_bar().encode(color=alt.Color("status:N", scale=STATUS_COLORS, title=None))
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
        f"{label}: {value:,.0f}"
        for label, value in zip(frame["label"], frame["value"], strict=True)
    )
    return (bars + flags).properties(
        height=height, description=f"Bar chart, {figure.title}, in {figure.unit}. {values}"
    )


def _layer_figure(atlas: Atlas, figure: Figure) -> None:
    """A figure drawn from a layer (the divisions' head counts): one bar per feature."""
    rows = layer_figure_rows(atlas, figure)
    known = rows.dropna(subset=["value"])
    if not known.empty:
        chart = (
            alt.Chart(known)
            .mark_bar()
            .encode(
                y=alt.Y(
                    "name:N", title=None, sort=list(known["name"]), axis=alt.Axis(labelLimit=320)
                ),
                x=alt.X("value:Q", title=figure.unit),
                color=alt.Color("certainty:N", scale=CERTAINTY_COLORS, title="how sure"),
                tooltip=["name", alt.Tooltip("value:Q", format=","), "certainty", "note"],
            )
            .properties(
                height=36 * len(known),
                description=f"Bar chart, {figure.title}: "
                + "; ".join(
                    f"{n}: {v:,.0f}" for n, v in zip(known["name"], known["value"], strict=True)
                ),
            )
        )
        st.altair_chart(chart, width="stretch")
    missing = rows[rows["value"].isna()]
    if not missing.empty:
        st.caption("No number in the data for: " + md(", ".join(missing["name"])) + ".")
    with st.expander("About these numbers and places"):
        for row in rows.itertuples():
            if row.certainty in ("disputed", "unknown") or row.note:
                st.markdown(
                    f"- **{md(row.name)}** ({md(row.certainty)}): {rich_md(row.note, atlas.sources)}"
                )
    _cite(atlas, sorted({s for ids in rows["sources"] for s in ids}))


def _value_figure(atlas: Atlas, figure: Figure) -> None:
    horizontal = len(figure.values) > 12
    st.altair_chart(_figure_chart(figure, horizontal), width="stretch")
    if figure.note:
        st.caption(rich_md(figure.note, atlas.sources))
    if figure.total is not None:
        st.caption(f"Total: {figure.total:,.0f} {md(figure.unit)}.")
    _flags(atlas, figure)
    _cite(atlas, figure.sources)
    with st.expander("The numbers as a table"):
        table = figure.frame().drop(columns="order")
        st.dataframe(table, hide_index=True)


def page() -> None:
    atlas = atlas_or_stop()
    st.title(md(atlas.settings.figures_title), anchor=False)
    st.caption(
        "Bars marked * are derived by us, ? are disputed; the notes under each chart say why. "
        "Hover a bar for its source."
    )
    for figure in atlas.figures:
        st.subheader(md(figure.title), anchor=False)
        if figure.layer:
            _layer_figure(atlas, figure)
        else:
            _value_figure(atlas, figure)
    if not atlas.figures:
        st.info("This atlas has no figures (figures.toml).")


page()
