"""The panel beside the map: one feature's details, sources and disputed values."""

from __future__ import annotations

import streamlit as st

from kengir_geo.app.text import show_claim, source_line
from kengir_geo.data.atlas import Atlas
from kengir_geo.map.escape import md, md_paragraphs
from kengir_geo.story.details import feature_details


def show_details(atlas: Atlas, layer_id: str, feature_id: str) -> None:
    try:
        d = feature_details(atlas, layer_id, feature_id)
    except KeyError:
        st.info("The feature chosen earlier is not in the data any more.")
        return
    st.subheader(md(d.name), anchor=False)
    if d.names:
        st.caption("Also: " + md(" · ".join(d.names)))
    facts = [f"**Layer:** {md(d.layer_title)}"]
    if d.when:
        facts.append(f"**When:** {md(d.when)}")
    if d.state:
        facts.append(f"**State:** {md(d.state)}")
    if d.category:
        facts.append(f"**Category:** {md(d.category)}")
    st.markdown("  \n".join(facts))
    if d.description:
        st.markdown(md_paragraphs(d.description))
    st.markdown(f"**How sure:** {md(d.certainty_explained)}")
    if d.uncertainty_m:
        st.caption(f"Location known only to within about {d.uncertainty_m:,.0f} m.")
    if d.note:
        st.caption(md(d.note))
    for key, value in d.extra.items():
        st.markdown(f"**{md(key)}:** {md(value)}")
    for claim in d.claims:
        show_claim(claim, atlas.sources)
    st.markdown("**Sources**")
    lines = [f"- {source_line(s)}" for s in d.sources]
    lines += [f"- {md(s)} (source not in the bibliography)" for s in d.unknown_sources]
    st.markdown("\n".join(lines) if lines else "No source cited.")
