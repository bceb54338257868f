"""The panel beside the map: one feature's details, sources and disputed values."""

from __future__ import annotations

import streamlit as st

from kengir_geo.app.common import is_untranslated
from kengir_geo.app.language import _, current_language
from kengir_geo.app.text import show_claim, source_line
from kengir_geo.data.atlas import Atlas
from kengir_geo.data.translations import translation_file
from kengir_geo.i18n.words import word
from kengir_geo.map.escape import md
from kengir_geo.map.popups import doubt_text
from kengir_geo.map.rich_text import rich_md
from kengir_geo.story.details import feature_details


def show_details(atlas: Atlas, layer_id: str, feature_id: str) -> None:
    lang = current_language()
    try:
        d = feature_details(atlas, layer_id, feature_id, lang)
    except KeyError:
        st.info(_("The feature chosen earlier is not in the data any more."))
        return
    st.subheader(md(d.name), anchor=False)
    if d.names:
        st.caption(_("Also: {names}").format(names=md(" · ".join(d.names))))
    facts = [_("**Layer:** {title}").format(title=md(d.layer_title))]
    if d.when:
        facts.append(_("**When:** {when}").format(when=md(d.when)))
    if d.state:
        facts.append(_("**State:** {state}").format(state=md(d.state)))
    if d.category:
        facts.append(_("**Category:** {category}").format(category=md(word(d.category, lang))))
    st.markdown("  \n".join(facts))
    if d.description:
        st.markdown(rich_md(d.description, atlas.sources))
        layer_file = translation_file(atlas.layers[layer_id].file)
        if is_untranslated(atlas, layer_file, feature_id, "description"):
            st.caption(_("Not translated yet: shown in English."))
    st.markdown(_("**What and when:** {text}").format(text=md(d.certainty_explained)))
    where = d.location_explained
    if d.location_certainty != "schematic":
        where = " ".join(filter(None, [where, doubt_text(d.uncertainty_m, lang)]))
    st.markdown(_("**Where:** {text}").format(text=md(where)))
    if d.note:
        st.caption(rich_md(d.note, atlas.sources))
    for label, value in d.extra.items():
        st.markdown(f"**{md(label)}:** {md(value)}")
    for claim in d.claims:
        show_claim(claim, atlas.sources)
    st.markdown(_("**Sources**"))
    lines = [f"- {source_line(s, atlas.sources)}" for s in d.sources]
    lines += [
        "- " + _("{work}: source not in the bibliography").format(work=md(s))
        for s in d.unknown_sources
    ]
    st.markdown("\n".join(lines) if lines else _("No source cited."))
