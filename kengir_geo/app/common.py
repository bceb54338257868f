"""What every page needs: the atlas loaded once per process, shown errors, static assets."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
import streamlit as st

from kengir_geo.app.env import geodata_root
from kengir_geo.data.atlas import Atlas, AtlasError, load_atlas
from kengir_geo.data.folder import fingerprint
from kengir_geo.data.schema import Problem
from kengir_geo.map.escape import md

log = logging.getLogger(__name__)


@st.cache_resource(show_spinner="Loading the map data…", max_entries=2)
def _cached_atlas(root: str, stamp: tuple) -> Atlas:
    return load_atlas(root)


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a table, errors (what to fix first) above warnings."""
    return pd.DataFrame(
        [
            {
                "level": p.level,
                "file": p.file,
                "feature": p.feature,
                "field": p.field,
                "problem": p.message,
            }
            for p in sorted(problems, key=lambda p: not p.is_error)
        ],
        columns=["level", "file", "feature", "field", "problem"],
    )


def atlas_or_none() -> Atlas | None:
    """The atlas, or None when it cannot be loaded (the page then says why)."""
    try:
        root = geodata_root()
        return _cached_atlas(str(root), fingerprint(root))
    except Exception:  # a broken folder: the page that needs the atlas says why
        return None


def atlas_title() -> str:
    atlas = atlas_or_none()
    return atlas.settings.title if atlas else "Atlas"


def atlas_or_stop() -> Atlas:
    """The atlas; when it does not validate, its problems as a table and the page stops."""
    try:
        root = geodata_root()
        return _cached_atlas(str(root), fingerprint(root))
    except AtlasError as exc:
        errors = [p for p in exc.problems if p.is_error]
        st.error(
            f"The map data has {len(errors)} error(s), so the map cannot be shown. "
            "Fix them in the files named below and reload the page."
        )
        st.dataframe(problems_table(exc.problems), hide_index=True)
    except FileNotFoundError as exc:
        st.error(f"The map data is missing: {md(exc)}")
    except Exception as exc:  # anything else a broken folder does: a message, not a traceback
        log.exception("the atlas could not be loaded")
        st.error(f"The map data could not be read: {md(exc)}. Run `kengir-geo validate` on it.")
    st.stop()
    raise RuntimeError("unreachable")  # st.stop() raises; this keeps type checkers honest


def show_link_problems(problems: tuple[str, ...]) -> None:
    for problem in problems:
        st.warning(md(problem), icon=":material/link:")


# WCAG 2.2 AA over Streamlit's own widgets: captions dark enough for 4.5:1 on white (Streamlit's
# grey is 3.88:1), a visible focus ring on links, buttons and fields, and the help "?" and a
# tag's "×" at least 24 px. Nothing in it comes from the data.
EVERYONE_CSS = """<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stCaptionContainer"] a { color: #5f5e5b !important; opacity: 1 !important; }
a:focus-visible, button:focus-visible, [role="button"]:focus-visible, summary:focus-visible,
[tabindex]:focus-visible, [data-baseweb="input"]:focus-within,
[data-baseweb="select"] > div:focus-within, [data-baseweb="textarea"]:focus-within {
  outline: 3px solid #0b5cad !important; outline-offset: 2px; }
[data-testid="stTooltipIcon"] button { min-width: 24px; min-height: 24px;
  display: inline-flex; align-items: center; justify-content: center; }
[data-testid="stMultiSelectTagsContainer"] [data-tag] button { min-width: 24px; min-height: 24px; }
</style>"""


def style_for_everyone() -> None:
    st.html(EVERYONE_CSS)


def prepare_static_assets(app_dir: Path) -> Path:
    """Write Leaflet and plugins to ./static/vendor once per process, for offline use."""
    return _write_assets(str(app_dir / "static" / "vendor"))


@st.cache_resource(show_spinner=False)
def _write_assets(folder: str) -> Path:
    from kengir_geo.map.assets import write_static_assets

    path = Path(folder)
    write_static_assets(path)
    return path
