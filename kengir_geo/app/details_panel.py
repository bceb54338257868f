"""The panel beside the map: one feature's details, sources and disputed values, laid out as
the map's popup is (story.details.details_layout)."""

from __future__ import annotations

import streamlit as st

from kengir_geo.app.text import show_claim, source_line
from kengir_geo.data.atlas import Atlas
from kengir_geo.map.escape import md
from kengir_geo.map.rich_text import rich_md
from kengir_geo.story.details import FeatureDetails, details_layout, feature_details


def show_details(atlas: Atlas, layer_id: str, feature_id: str) -> None:
    try:
        d = feature_details(atlas, layer_id, feature_id)
    except KeyError:
        st.info("The feature chosen earlier is not in the data any more.")
        return
    st.subheader(md(d.name), anchor=False)
    for part in details_layout(d):
        if part.kind == "names":
            st.caption("Also: " + md(part.text))
        elif part.kind == "what":
            st.caption(md(part.text))
        elif part.kind == "fact":
            st.markdown(f"**{md(part.label)}:** {md(part.text)}")
        elif part.kind == "text":
            st.markdown(rich_md(part.text, atlas.sources))
        elif part.kind == "note":
            st.caption(rich_md(part.text, atlas.sources))
        elif part.kind == "claim" and part.claim is not None:
            show_claim(part.claim, atlas.sources)
        elif part.kind == "sources":
            _show_sources(atlas, d)


def _show_sources(atlas: Atlas, d: FeatureDetails) -> None:
    lines = [f"- {source_line(s, atlas.sources)}" for s in d.sources]
    lines += [f"- {md(s)}: source not in the bibliography" for s in d.unknown_sources]
    st.markdown("**Sources**\n\n" + "\n".join(lines) if lines else "**Sources:** no source cited")
