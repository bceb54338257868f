"""The first visitor's page, prepared while their browser loads Streamlit's own page.

`kengir-geo serve` starts this thread (launch.py). It waits until the server listens (so the
start, /_stcore/health, is not slowed), then does what the first script run would otherwise
do while the visitor waits (benchmarks: cold start):
- imports the app's modules and those of the default page (geopandas, pandas, Babel with them);
- loads the atlas into load_atlas's cache, the one the pages read (a page that asks while the
  thread loads waits for that load instead of starting a second one);
- writes the time map's files and the default page's payload file, in English;
- reads the locale data of the language menu's names.
Every step fills a cache the pages use anyway; the thread keeps nothing of its own.
"""

from __future__ import annotations

import ast
import importlib
import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

log = logging.getLogger(__name__)

_thread: threading.Thread | None = None


def imported_modules(script: Path) -> Iterator[str]:
    """The modules a page file imports at its top (it cannot be imported itself: it draws)."""
    for node in ast.parse(script.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def prepare(root: Path) -> None:
    """Fill the caches the app's first script run reads (see the module's docstring)."""
    importlib.import_module("kengir_geo.app.main")  # the app's modules (Streamlit is loaded)
    from kengir_geo.app.nav import DEFAULT_PAGE

    for module in imported_modules(DEFAULT_PAGE):
        importlib.import_module(module)
    from kengir_geo.app import timemap
    from kengir_geo.data.atlas import load_atlas
    from kengir_geo.i18n import DEFAULT_LANGUAGE, available_languages, language_name

    atlas = load_atlas(root)
    timemap.prepare_files(atlas, DEFAULT_LANGUAGE)
    for lang in available_languages():
        language_name(lang)


def _run(root: Path, first: Callable[[], None]) -> None:
    try:
        first()
        prepare(root)
    except Exception:  # the page does the same work again and says what is wrong
        log.debug("preparing the first page failed", exc_info=True)


def start(root: Path, first: Callable[[], None] = lambda: None) -> threading.Thread:
    """Prepare the first page for the atlas of `root` in the background (once per process),
    after `first()` returns."""
    global _thread
    if _thread is None:
        _thread = threading.Thread(target=_run, args=(root, first), name="kengir-warm", daemon=True)
        _thread.start()
    return _thread
