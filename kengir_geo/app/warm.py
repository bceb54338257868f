"""The atlas read while the first visitor's browser loads Streamlit's page: `kengir-geo serve`
starts a thread (launch.py) that waits until the server listens (not to slow its start), then
imports what the pages need and loads the atlas, so the first script run finds it loaded
instead of spending about a second on it (benchmarks: cold start). No Streamlit here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kengir_geo.data.folder import fingerprint

if TYPE_CHECKING:  # imported in the thread: geopandas and friends must not delay the server
    from kengir_geo.data.atlas import Atlas

log = logging.getLogger(__name__)

_loaded: dict[tuple[str, tuple], Atlas] = {}
_thread: threading.Thread | None = None


def _load(root: Path, first: Callable[[], None]) -> None:
    try:
        first()
        from kengir_geo.data.atlas import load_atlas

        stamp = fingerprint(root)
        _loaded[(str(root), stamp)] = load_atlas(root)
    except Exception:  # the page that needs the atlas loads it again and says what is wrong
        log.debug("warming the atlas failed", exc_info=True)


def start(root: Path, first: Callable[[], None] = lambda: None) -> None:
    """Load the atlas of `root` in the background (once per process), after `first()`."""
    global _thread
    if _thread is None:
        _thread = threading.Thread(
            target=_load, args=(root, first), name="kengir-warm", daemon=True
        )
        _thread.start()


def take(root: str, stamp: tuple) -> Atlas | None:
    """The atlas the thread loaded for exactly these files, once; None when there is none."""
    if _thread is None:
        return None
    _thread.join()  # a visitor who comes before it is done waits for it, not for a second load
    return _loaded.pop((root, stamp), None)
