"""Add a layer: drop a file, see it on the map with its problems, download or save it."""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from kengir_geo.app.common import atlas_or_none
from kengir_geo.app.env import geodata_root
from kengir_geo.app.language import _
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
    st.title(_("Add a layer"))
    st.write(
        _(
            "Bring your own map data: a GeoJSON, a GeoPackage, a zipped Shapefile, a KML from "
            "Google My Maps, or a CSV with latitude and longitude columns. It is checked "
            "against the project's data rules and shown on the map before anything is saved."
        )
    )
    root = geodata_root()
    uploaded = st.file_uploader(
        _("Drop a file here (up to {size} MB)").format(size=f"{LIMITS.max_mb:g}"),
        type=[s.lstrip(".") for s in FORMATS],
        key="upload-file",
    )
    left, right = st.columns(2)
    default_id = slug(uploaded.name) if uploaded is not None else "my-layer"
    layer_id = left.text_input(
        _("Layer id"), value=default_id, help=_("Lower-case letters, digits, -")
    )
    title = right.text_input(_("Title"), value=Path(uploaded.name).stem if uploaded else "")
    layer_type = left.radio(
        _("What it holds"),
        ["features", "events"],
        format_func=lambda t: {"features": _("Places and things"), "events": _("Dated events")}[t],
        horizontal=True,
    )
    atlas = atlas_or_none()  # the bibliography as loaded once, not sources.toml read again
    known = atlas.sources if atlas else {}
    sources = right.multiselect(
        _("Cite for features without sources"),
        list(known),
        format_func=lambda sid: known[sid].name,
        help=_("Works of the bibliography (sources.toml)"),
    )
    cite = right.text_input(
        _("…or a new work for the bibliography"),
        placeholder=_("Author, Title, Year, URL"),
        help=_(
            "Added to sources.toml with the layer and cited where a feature cites nothing. "
            "Features that cite nothing are marked 'no source cited' on the map."
        ),
    )
    needs_help = st.session_state.get("upload-needs-help", False)
    if guessed := st.session_state.pop("upload-encoding-guess", None):
        st.session_state["upload-encoding"] = guessed  # before the widget: preselect it
    with st.expander(_("If the file needs help"), expanded=needs_help):
        encoding = st.selectbox(
            _("Text encoding"),
            ENCODINGS,
            key="upload-encoding",
            help=_("When names look garbled."),
        )
        fix = st.checkbox(
            _("Repair invalid shapes and cut shapes at the 180° meridian"),
            help=_("Each repair is listed as a warning."),
        )
        skip_invalid = st.checkbox(
            _("Add the valid rows and leave out the ones with errors"),
            help=_("Each row left out is listed with its row number, its name and the reason."),
        )
        crs = st.text_input(
            _("Coordinate system, if the file does not say"), placeholder="EPSG:32642"
        )
        layer = st.text_input(_("Layer name inside a GeoPackage, KML or zip"))
    if uploaded is None:
        return
    if not LAYER_ID.fullmatch(layer_id):
        st.error(_("The layer id may hold lower-case letters, digits, - and _ only."))
        return
    if uploaded.size > LIMITS.max_bytes:
        st.error(
            _("The file is larger than the limit of {size} MB.").format(size=f"{LIMITS.max_mb:g}")
        )
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
            _(
                "Something went wrong while reading this file, and nothing was saved. "
                "Please check that it is one of the formats listed above."
            )
        )


page()
