"""The upload page: drop a file, see it on the map with its problems, download or save it.

All the work is kengir_geo.ingest's (the same pipeline and the same atomic save as
`kengir-geo add`); this page only reads widgets and shows results. Nothing from the file is
shown as HTML or Markdown: names go to tables, the map's popups are escaped by ingest.preview.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from kengir_geo.atlas import load_atlas
from kengir_geo.geodata import SOURCES, read_toml_tables
from kengir_geo.ingest import (
    FORMATS,
    LAYER_ID,
    IngestResult,
    Limits,
    SaveError,
    existing_layer_ids,
    ingest_file,
    layer_collection_text,
    save_layer,
)
from kengir_geo.ingest.preview import PREVIEW_LIMIT, preview_map
from kengir_geo.paths import bundled_geodata
from kengir_geo.ui.common import problems_table

log = logging.getLogger(__name__)

GEODATA_ENV = "KENGIR_GEODATA"  # another geodata folder (a test's, or a working copy)
ENCODINGS = [
    "UTF-8 (usual)",
    "cp1251 (Cyrillic, Windows)",
    "koi8-r (Cyrillic, older Unix)",
    "cp866 (Cyrillic, DOS)",
    "cp1252 (Western European, Windows)",
    "cp1250 (Central European, Windows)",
    "latin-1 (ISO 8859-1)",
    "utf-16 (Excel's Unicode text)",
]
HELP_WORDS = ("--encoding", "--crs", "--fix", "--layer")  # problems the expander's options solve
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
LIMITS = Limits()
VENDOR_URL = "/app/static/vendor"


def geodata_root() -> Path:
    custom = os.environ.get(GEODATA_ENV, "").strip()
    return Path(custom).resolve() if custom else bundled_geodata()


def runs_locally() -> bool:
    """Saving is offered only when the server listens on this machine alone and the browser
    is on this machine too: a shared server must not let visitors change its data."""
    address = str(st.get_option("server.address") or "")
    return address in LOOPBACK and st.context.ip_address is None


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", Path(name).stem.lower()).strip("-")[:63] or "my-layer"


def run_ingest(
    data: bytes, name: str, layer_id: str, title: str, options: tuple, root: Path
) -> IngestResult:
    """The pipeline on an uploaded file, with a progress bar for the steps."""
    suffix = Path(name).suffix.lower()
    suffix = suffix if suffix in FORMATS else ""  # the format is then sniffed from the bytes
    layer_type, sources, encoding, fix, crs, layer = options
    bar = st.progress(0.0, text="Reading the file")
    with tempfile.TemporaryDirectory(prefix="kengir-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"  # our name, never the browser's
        path.write_bytes(data)
        result = ingest_file(
            path,
            layer_id,
            title,
            label=name,
            layer_type=layer_type,
            geodata_root=root,
            default_sources=list(sources),
            encoding=encoding,
            fix=fix,
            crs=crs or None,
            layer=layer or None,
            limits=LIMITS,
            progress=lambda step, fraction: bar.progress(fraction, text=step),
        )
    bar.empty()
    return result


def cached_ingest(data: bytes, name: str, layer_id: str, title: str, options: tuple, root: Path):
    """The last result, kept for reruns (a click on Save) with the same file and options."""
    key = (hashlib.sha256(data).hexdigest(), name, layer_id, title, options, str(root))
    if st.session_state.get("upload-key") != key:
        st.session_state["upload-result"] = run_ingest(data, name, layer_id, title, options, root)
        st.session_state["upload-key"] = key
    return st.session_state["upload-result"]


def _atlas_or_none(root: Path):
    try:
        return load_atlas(root)
    except Exception:  # an invalid atlas only costs the preview its background
        log.warning("no atlas for the upload preview", exc_info=True)
        return None


def _localized(fmap):
    from kengir_geo.assets import localize_links

    localize_links(fmap, base_url=VENDOR_URL)
    return fmap


def show_result(result: IngestResult, layer_id: str, root: Path) -> None:
    errors = [p for p in result.problems if p.is_error]
    warnings = len(result.problems) - len(errors)
    for note in result.notes:
        st.caption(note)
    if errors:
        st.error(
            f"{len(errors)} problem(s) must be fixed before this layer can be added "
            f"(and {warnings} warning(s)). Each row names the feature and field."
        )
    elif warnings:
        st.warning(f"The layer can be added. Please read the {warnings} warning(s).")
    else:
        st.success("No problems found.")
    if result.problems:
        st.dataframe(problems_table(result.problems), hide_index=True, width="stretch")
    if result.collection is None:
        return
    count = len(result.collection["features"])
    st.subheader("Preview")
    if count > PREVIEW_LIMIT:
        st.caption(f"The map shows the first {PREVIEW_LIMIT:,} of {count:,} features.")
    fmap = _localized(preview_map(result.collection, _atlas_or_none(root)))
    st_folium(fmap, key="upload-preview", height=480, returned_objects=[], width="stretch")
    st.download_button(
        "Download the cleaned GeoJSON",
        data=layer_collection_text(result.collection),
        file_name=f"{layer_id}.geojson",
        mime="application/geo+json",
        icon=":material/download:",
    )
    save_section(result, layer_id, root)


def save_section(result: IngestResult, layer_id: str, root: Path) -> None:
    if not runs_locally():
        st.info(
            "Saving into the atlas is possible when the app runs on your own computer "
            "(make run). Here, download the cleaned file instead."
        )
        return
    if not result.ok:
        return
    exists = layer_id in existing_layer_ids(root)
    replace = exists and st.checkbox(
        "A layer with this id exists: replace it", key="upload-replace"
    )
    if st.button("Save into the atlas", type="primary", disabled=exists and not replace):
        try:
            written = save_layer(root, result.collection, result.entry, replace=replace)
        except SaveError as exc:
            st.error(f"Not saved: {exc}")
            return
        st.success(f"Saved as {written.relative_to(root)} and listed in layers.toml.")


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
    source_ids = [str(s.get("id")) for s in read_toml_tables(root / SOURCES, "source", [])]
    sources = right.multiselect(
        "Cite for features without sources", source_ids, help="Ids from sources.toml"
    )
    needs_help = st.session_state.get("upload-needs-help", False)
    with st.expander("If the file needs help", expanded=needs_help):
        encoding = st.selectbox("Text encoding", ENCODINGS, help="When names look garbled.")
        fix = st.checkbox("Repair invalid shapes (make_valid)")
        crs = st.text_input("Coordinate system, if the file does not say", placeholder="EPSG:32642")
        layer = st.text_input("Layer name inside a GeoPackage, KML or zip")
    if uploaded is None:
        return
    if not LAYER_ID.match(layer_id):
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
            None if encoding.startswith("UTF-8") else encoding.split()[0],
            fix,
            crs.strip(),
            layer.strip(),
        )
        result = cached_ingest(data, uploaded.name, layer_id, title or layer_id, options, root)
        helpful = any(word in p.message for p in result.problems for word in HELP_WORDS)
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
