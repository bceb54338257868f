"""What every page needs: the atlas loaded once per process, shown errors, static assets."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from kengir_geo.atlas import Atlas, AtlasError, load_atlas
from kengir_geo.paths import bundled_geodata
from kengir_geo.schema import Problem


def _stamp(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and times of the geodata files: a new or edited layer reloads the atlas."""
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


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


# Another geodata folder for the app (a test's, or a historian's working copy).
GEODATA_ENV = "KENGIR_GEODATA"


def geodata_root() -> Path:
    custom = os.environ.get(GEODATA_ENV, "").strip()
    return Path(custom).resolve() if custom else bundled_geodata()


def atlas_or_stop() -> Atlas:
    """The atlas; when it does not validate, its problems as a table and the page stops."""
    try:
        root = geodata_root()
        return _cached_atlas(str(root), _stamp(root))
    except AtlasError as exc:
        errors = [p for p in exc.problems if p.is_error]
        st.error(
            f"The map data has {len(errors)} error(s), so the map cannot be shown. "
            "Fix them in the files named below and reload the page."
        )
        st.dataframe(problems_table(exc.problems), hide_index=True)
    except FileNotFoundError as exc:
        st.error(f"The map data is missing: {exc}")
    st.stop()
    raise RuntimeError("unreachable")  # st.stop() raises; this keeps type checkers honest


def show_link_problems(problems: tuple[str, ...]) -> None:
    for problem in problems:
        st.warning(problem, icon=":material/link:")


def prepare_static_assets(app_dir: Path) -> Path:
    """Write Leaflet and plugins to ./static/vendor once per process, for offline use."""
    return _write_assets(str(app_dir / "static" / "vendor"))


@st.cache_resource(show_spinner=False)
def _write_assets(folder: str) -> Path:
    from kengir_geo.assets import write_static_assets

    path = Path(folder)
    write_static_assets(path)
    return path
