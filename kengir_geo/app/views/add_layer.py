"""Add a layer: drop a file, see it on the map with its problems, download or save it."""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from kengir_geo.app.common import atlas_or_none
from kengir_geo.app.env import geodata_root
from kengir_geo.app.upload import (
    ENCODINGS,
    HELP_WORDS,
    LIMITS,
    cached_ingest,
    encoding_label,
    show_result,
    slug,
)
from kengir_geo.ingest import FORMATS, LAYER_ID

log = logging.getLogger(__name__)


def page() -> None:
    st.title("Add a layer")
    st.write(
        "Bring your own map data: a GeoJSON, a GeoPackage, a zipped Shapefile, a KML from "
        "Google My Maps, or a CSV with latitude and longitude columns. It is checked against "
        "the project's data rules and shown on the map before anything is saved."
    )
    root = geodata_root()
    uploaded = st.file_uploader(
        f"Drop a file here (up to {LIMITS.max_mb:g} MB)",
        type=[s.lstrip(".") for s in FORMATS],
        key="upload-file",
    )
    left, right = st.columns(2)
    default_id = slug(uploaded.name) if uploaded is not None else "my-layer"
    layer_id = left.text_input("Layer id", value=default_id, help="Lower-case letters, digits, -")
    title = right.text_input("Title", value=Path(uploaded.name).stem if uploaded else "")
    layer_type = left.radio(
        "What it holds",
        ["features", "events"],
        format_func=lambda t: {"features": "Places and things", "events": "Dated events"}[t],
        horizontal=True,
    )
    atlas = atlas_or_none()  # the bibliography as loaded once, not sources.toml read again
    known = atlas.sources if atlas else {}
    sources = right.multiselect(
        "Cite for features without sources",
        list(known),
        format_func=lambda sid: known[sid].name,
        help="Works of the bibliography (sources.toml)",
    )
    cite = right.text_input(
        "…or a new work for the bibliography",
        placeholder="Author, Title, Year, URL",
        help="Added to sources.toml with the layer and cited where a feature cites nothing. "
        "Features that cite nothing are marked 'no source cited' on the map.",
    )
    needs_help = st.session_state.get("upload-needs-help", False)
    if guessed := st.session_state.pop("upload-encoding-guess", None):
        st.session_state["upload-encoding"] = guessed  # before the widget: preselect it
    with st.expander("If the file needs help", expanded=needs_help):
        encoding = st.selectbox(
            "Text encoding", ENCODINGS, key="upload-encoding", help="When names look garbled."
        )
        fix = st.checkbox(
            "Repair invalid shapes and cut shapes at the 180° meridian",
            help="Each repair is listed as a warning.",
        )
        skip_invalid = st.checkbox(
            "Add the valid rows and leave out the ones with errors",
            help="Each row left out is listed with its row number, its name and the reason.",
        )
        crs = st.text_input("Coordinate system, if the file does not say", placeholder="EPSG:32642")
        layer = st.text_input("Layer name inside a GeoPackage, KML or zip")
    if uploaded is None:
        return
    if not LAYER_ID.fullmatch(layer_id):
        st.error("The layer id may hold lower-case letters, digits, - and _ only.")
        return
    if uploaded.size > LIMITS.max_bytes:
        st.error(f"The file is larger than the limit of {LIMITS.max_mb:g} MB.")
        return
    try:
        data = uploaded.getvalue()
        options = (
            layer_type,
            tuple(sources),
            cite.strip(),
            None if encoding.startswith("UTF-8") else encoding.split()[0],
            fix,
            crs.strip(),
            layer.strip(),
            skip_invalid,
        )
        result = cached_ingest(data, uploaded.name, layer_id, title or layer_id, options, root)
        guess = encoding_label(result.encoding_guess)
        if guess and guess != encoding:  # the text looks like this encoding: choose it
            st.session_state["upload-encoding-guess"] = guess
            st.session_state["upload-needs-help"] = True
            st.rerun()
        said = [p.message for p in result.problems] + result.notes
        helpful = any(word in text for text in said for word in HELP_WORDS)
        if helpful != needs_help:  # open (or close) the options that can solve the problem
            st.session_state["upload-needs-help"] = helpful
            st.rerun()  # cheap: the result is kept in the session
        show_result(result, layer_id, root)
    except Exception:  # an upload must never break the page or show a traceback
        log.exception("upload failed")
        st.error(
            "Something went wrong while reading this file, and nothing was saved. "
            "Please check that it is one of the formats listed above."
        )


page()
