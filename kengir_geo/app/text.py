"""Showing text from the data safely in Streamlit: never as HTML, never as live Markdown."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kengir_geo.data.atlas import Claim, Source
from kengir_geo.map.escape import md, safe_url


def source_line(source: Source) -> str:
    """'Author, *Title* (year)' as safe Markdown, the title linked only to an http(s) URL."""
    title = f"*{md(source.title)}*"
    url = safe_url(source.url)
    if url:
        title = f"[{md(source.title)}](<{url.replace('>', '%3E')}>)"
    author = f"{md(source.author)}, " if source.author else ""
    year = f" ({md(source.year)})" if source.year not in (None, "") else ""
    return f"{author}{title}{year}"


def source_names(ids: tuple[str, ...] | list[str], sources: dict[str, Source]) -> str:
    return ", ".join(
        (sources[s].author or sources[s].title) if s in sources else f"{s} (not in the list)"
        for s in ids
    )


def claim_frame(claim: Claim, sources: dict[str, Source]) -> pd.DataFrame:
    """One column per value, so the versions read side by side; rows: value, who, note."""
    data = {
        f"Version {i + 1}": [v.value, source_names(v.sources, sources), v.note]
        for i, v in enumerate(claim.values)
    }
    return pd.DataFrame(data, index=["value", "given by", "note"])


def show_claim(claim: Claim, sources: dict[str, Source]) -> None:
    st.markdown(f"**{md(claim.item)}** — the sources disagree:")
    st.table(claim_frame(claim, sources))
    if claim.note:
        st.caption(md(claim.note))
