"""The panel beside the map: one feature's details, sources and disputed values, laid out as
the map's popup is (story.details.details_layout), in the reader's language."""

from __future__ import annotations

import streamlit as st

from kengir_geo.app.common import is_untranslated
from kengir_geo.app.language import _, current_language
from kengir_geo.app.text import show_claim, source_line
from kengir_geo.data.atlas import Atlas
from kengir_geo.data.translations import translation_file
from kengir_geo.map.escape import esc_name, md
from kengir_geo.map.rich_text import rich_md
from kengir_geo.story.details import FeatureDetails, details_layout, feature_details


def show_details(atlas: Atlas, layer_id: str, feature_id: str) -> None:
    lang = current_language()
    try:
        d = feature_details(atlas, layer_id, feature_id, lang)
    except KeyError:
        st.info(_("The feature chosen earlier is not in the data any more."))
        return
    # a heading of plain HTML: a name in another script carries its lang for screen readers
    st.html(f'<h3 class="kg-details-name">{esc_name(d.name)}</h3>')
    for part in details_layout(d, lang):
        if part.kind == "names":
            st.caption(_("Also: {names}").format(names=md(part.text)))
        elif part.kind == "what":
            st.caption(md(part.text))
        elif part.kind == "fact":
            st.markdown(f"**{md(part.label)}:** {md(part.text)}")
        elif part.kind == "text":
            st.markdown(rich_md(part.text, atlas.sources))
            layer_file = translation_file(atlas.layers[layer_id].file)
            if is_untranslated(atlas, layer_file, feature_id, "description"):
                st.caption(_("Not translated yet: shown in English."))
        elif part.kind == "note":
            st.caption(rich_md(part.text, atlas.sources))
        elif part.kind == "claim" and part.claim is not None:
            show_claim(part.claim, atlas.sources)
        elif part.kind == "sources":
            _show_sources(atlas, d)


def _show_sources(atlas: Atlas, d: FeatureDetails) -> None:
    lines = [f"- {source_line(s, atlas.sources)}" for s in d.sources]
    lines += [
        "- " + _("{work}: source not in the bibliography").format(work=md(s))
        for s in d.unknown_sources
    ]
    if lines:
        st.markdown(_("**Sources**") + "\n\n" + "\n".join(lines))
    else:
        st.markdown(_("**Sources:** no source cited"))
