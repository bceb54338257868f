"""Showing text from the data safely in Streamlit: never as HTML, never as live Markdown."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from kengir_geo.app.language import _, current_language
from kengir_geo.data.atlas import Claim, Source
from kengir_geo.map.escape import md, safe_url
from kengir_geo.map.rich_text import reported_by, rich_md, rich_plain


def source_line(source: Source, sources: Mapping[str, Source] | None = None) -> str:
    """'Author, *Title* (year), where published' as safe Markdown, the title linked only to
    an http(s) URL; a work we have not read says who reports it."""
    title = f"*{md(source.title)}*"
    url = safe_url(source.url)
    if url:
        title = f"[{md(source.title)}](<{url.replace('>', '%3E')}>)"
    author = f"{md(source.author)}, " if source.author else ""
    year = f" ({md(source.year)})" if source.year not in (None, "", "n.d.") else ""
    where = f", {md(source.published)}" if source.published else ""
    heard = reported_by(source, sources or {}, current_language())
    return f"{author}{title}{year}{where}{md(heard)}"


def source_names(ids: tuple[str, ...] | list[str], sources: Mapping[str, Source]) -> str:
    """Plain text: the works' short names."""
    return "; ".join(
        sources[s].name if s in sources else _("a work not in the bibliography") for s in ids
    )


def claim_frame(claim: Claim, sources: Mapping[str, Source]) -> pd.DataFrame:
    """One column per value, so the versions read side by side; rows: value, who, note."""
    data = {
        _("Version {number}").format(number=i + 1): [
            v.value,
            source_names(v.sources, sources),
            rich_plain(v.note, sources),
        ]
        for i, v in enumerate(claim.values)
    }
    return pd.DataFrame(data, index=[_("value"), _("given by"), _("note")])


def show_claim(claim: Claim, sources: Mapping[str, Source]) -> None:
    st.markdown(_("**{item}**: the sources disagree.").format(item=md(claim.item)))
    st.table(claim_frame(claim, sources))
    if claim.note:
        st.caption(rich_md(claim.note, sources))
