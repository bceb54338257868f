"""The upload page's work, apart from its layout: run the pipeline, show the result, save.

All the work is kengir_geo.ingest's (the same pipeline and the same atomic save as
`kengir-geo add`); this only reads widgets and shows results. Nothing from the file is shown
as HTML or Markdown: names go to tables, the map's popups are escaped by ingest.preview.
"""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from kengir_geo.app.common import problems_table
from kengir_geo.app.env import saving_allowed
from kengir_geo.app.language import _, current_language, tr
from kengir_geo.data.atlas import load_atlas
from kengir_geo.data.schema import without_controls
from kengir_geo.ingest import (
    FORMATS,
    IngestResult,
    Limits,
    SaveError,
    existing_layer_ids,
    ingest_bounded,
    save_layer,
)
from kengir_geo.ingest.preview import PREVIEW_LIMIT, preview_map
from kengir_geo.map.escape import md
from kengir_geo.map.render import stable_html

log = logging.getLogger(__name__)

ENCODINGS = [
    "UTF-8 (usual)",
    "cp1251 (Cyrillic, Windows)",
    "koi8-r (Cyrillic, older Unix)",
    "cp866 (Cyrillic, DOS)",
    "cp1252 (Western European, Windows)",
    "cp1250 (Central European, Windows)",
    "iso8859-2 (Central European, ISO)",
    "mac-cyrillic (Cyrillic, old Macs)",
    "latin-1 (ISO 8859-1)",
    "utf-16 (Excel's Unicode text)",
]
# words of the problems and notes that the options under "If the file needs help" solve
HELP_WORDS = ("--encoding", "--crs", "--fix", "--layer", "--skip-invalid")
LIMITS = Limits()


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", Path(name).stem.lower()).strip("-")[:63] or "my-layer"


def encoding_label(encoding: str | None) -> str | None:
    """The choice of the encoding list that names `encoding`."""
    return next((e for e in ENCODINGS if encoding and e.split()[0] == encoding), None)


def run_ingest(
    data: bytes, name: str, layer_id: str, title: str, options: tuple, root: Path
) -> IngestResult:
    """The pipeline on an uploaded file, in a worker bounded in time and memory: anyone who
    can open the page can upload, so no file may hang or exhaust the server."""
    suffix = Path(name).suffix.lower()
    suffix = suffix if suffix in FORMATS else ""  # the format is then sniffed from the bytes
    layer_type, sources, cite, encoding, fix, crs, layer, skip_invalid = options
    with (
        st.spinner(
            _("Reading and checking the file (stopped after {seconds} s)…").format(
                seconds=f"{LIMITS.seconds:g}"
            )
        ),
        tempfile.TemporaryDirectory(prefix="kengir-upload-") as folder,
    ):
        path = Path(folder) / f"upload{suffix}"  # our name, never the browser's
        path.write_bytes(data)
        return ingest_bounded(
            path,
            layer_id,
            title,
            label=without_controls(name),  # the browser's name, shown in every message
            layer_type=layer_type,
            geodata_root=root,
            default_sources=list(sources),
            cite=cite or None,
            encoding=encoding,
            fix=fix,
            skip_invalid=skip_invalid,
            crs=crs or None,
            layer=layer or None,
            limits=LIMITS,
        )


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


def show_result(result: IngestResult, layer_id: str, root: Path) -> None:
    errors = [p for p in result.problems if p.is_error]
    warnings = len(result.problems) - len(errors)
    for note in result.notes:
        st.caption(md(note))
    if errors:
        st.error(
            _(
                "{errors} problem(s) must be fixed before this layer can be added "
                "(and {warnings} warning(s)). Each row names the feature and field."
            ).format(errors=len(errors), warnings=warnings)
        )
    elif warnings:
        st.warning(
            _("The layer can be added. Please read the {warnings} warning(s).").format(
                warnings=warnings
            )
        )
    else:
        st.success(_("No problems found."))
    if result.problems:
        st.dataframe(problems_table(result.problems), hide_index=True, width="stretch")
    if not result.readable:
        return
    layer = result.layer()
    count = len(layer["features"])
    st.subheader(_("Preview"))
    if count > PREVIEW_LIMIT:
        st.caption(
            _("The map shows the first {shown} of {count} features.").format(
                shown=tr().number(PREVIEW_LIMIT), count=tr().number(count)
            )
        )
    # the time map plugin, Leaflet inlined: the same map as Explore and the export; the same
    # layer gives the same HTML, so a rerun keeps the iframe
    fmap = preview_map(layer, _atlas_or_none(root), lang=current_language())
    components.html(stable_html(fmap, "kg-preview"), height=480)
    st.download_button(
        _("Download the cleaned GeoJSON"),
        data=result.layer_text(),
        file_name=f"{layer_id}.geojson",
        mime="application/geo+json",
        icon=":material/download:",
    )
    save_section(result, layer_id, root)


def save_section(result: IngestResult, layer_id: str, root: Path) -> None:
    if not saving_allowed():
        st.info(
            _(
                "Saving into the atlas is switched off on this server: download the cleaned "
                "file instead. (Whoever starts the app can allow saving with "
                "`kengir-geo serve --allow-save`.)"
            )
        )
        return
    if not result.ok:
        return
    exists = layer_id in existing_layer_ids(root)
    replace = exists and st.checkbox(
        _("A layer with this id exists: replace it"), key="upload-replace"
    )
    if st.button(_("Save into the atlas"), type="primary", disabled=exists and not replace):
        try:
            written = save_layer(root, result.layer_text(), result.entry, replace, result.source)
        except SaveError as exc:
            st.error(_("Not saved: {error}").format(error=md(exc)))
            return
        st.success(
            _("Saved as {file} and listed in layers.toml.").format(
                file=md(written.relative_to(root))
            )
        )
        if result.source is not None:
            st.success(
                _("Added “{title}” to the bibliography (sources.toml).").format(
                    title=md(result.source["title"])
                )
            )
