"""Sources: the bibliography, and every figure the sources disagree on, all values shown."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kengir_geo.app.common import atlas_or_stop
from kengir_geo.app.language import _, current_language
from kengir_geo.app.text import show_claim
from kengir_geo.data.atlas import Atlas, Source
from kengir_geo.map.escape import md, safe_url
from kengir_geo.map.rich_text import reporters, rich_plain


def _read(source: Source, atlas: Atlas) -> str:
    if source.read:
        return _("yes")
    works = reporters(source, atlas.sources, current_language())
    return _("no: known as reported by {works}").format(works=works) if works else _("no")


def bibliography(atlas: Atlas) -> pd.DataFrame:
    """The works as a reader sees them cited, whether we read them, and where to find them."""
    return pd.DataFrame(
        [
            {
                "cited as": s.name,
                "author": s.author,
                "title": s.title,
                "year": "" if s.year is None else str(s.year),
                "published": s.published,
                "read by us": _read(s, atlas),
                "link": safe_url(s.url),
                "note": rich_plain(s.note, atlas.sources),
            }
            for s in atlas.sources.values()
        ]
    )


def claim_users(atlas: Atlas) -> dict[str, list[str]]:
    """Claim id -> names of the features that cite it."""
    users: dict[str, list[str]] = {}
    for layer in atlas.layers.values():
        for name, claims in zip(layer.frame["name"], layer.frame["claims"], strict=True):
            for cid in claims:
                users.setdefault(cid, []).append(str(name))
    return users


def page() -> None:
    atlas = atlas_or_stop()
    st.title(_("Sources"), anchor=False)
    st.caption(_("Every feature on the map cites one or more of these works."))
    st.dataframe(
        bibliography(atlas),
        hide_index=True,
        column_config={
            "cited as": st.column_config.TextColumn(_("cited as")),
            "author": st.column_config.TextColumn(_("author")),
            "title": st.column_config.TextColumn(_("title")),
            "year": st.column_config.TextColumn(_("year")),
            "published": st.column_config.TextColumn(_("published")),
            "read by us": st.column_config.TextColumn(_("read by us")),
            "link": st.column_config.LinkColumn(_("link"), display_text=_("open")),
            "note": st.column_config.TextColumn(_("note"), width="large"),
        },
    )
    st.header(_("Figures the sources disagree on"), anchor=False)
    st.caption(_("Each figure with every value given and who gives it; none is silently chosen."))
    users = claim_users(atlas)
    for claim in atlas.claims.values():
        with st.container(border=True, key=f"claim_{claim.id}"):
            show_claim(claim, atlas.sources)
            if claim.id in users:
                st.caption(_("On the map: {names}").format(names=md(", ".join(users[claim.id]))))


page()
