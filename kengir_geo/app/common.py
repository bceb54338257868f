"""What every page needs: the atlas loaded once per process, shown errors, static assets."""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from kengir_geo.app.env import geodata_root
from kengir_geo.app.language import _, current_language, ngettext
from kengir_geo.data.atlas import Atlas, AtlasError, load_atlas
from kengir_geo.data.schema import Problem
from kengir_geo.data.translated import atlas_in
from kengir_geo.map.escape import md

log = logging.getLogger(__name__)


def _cached_atlas() -> Atlas:
    """The atlas in the reader's language (English where a text is not translated), from
    load_atlas's cache: loaded once per version of the folder (app/warm.py may have loaded it
    before the first visitor came)."""
    return atlas_in(load_atlas(geodata_root()), current_language())


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a table, errors (what to fix first) above warnings."""
    columns = [_("level"), _("file"), _("feature"), _("field"), _("problem")]
    return pd.DataFrame(
        [
            dict(zip(columns, [p.level, p.file, p.feature, p.field, p.message], strict=True))
            for p in sorted(problems, key=lambda p: not p.is_error)
        ],
        columns=columns,
    )


def atlas_or_none() -> Atlas | None:
    """The atlas, or None when it cannot be loaded (the page then says why)."""
    try:
        return _cached_atlas()
    except Exception:  # a broken folder: the page that needs the atlas says why
        return None


def atlas_title() -> str:
    atlas = atlas_or_none()
    return atlas.settings.title if atlas else _("Atlas")


def atlas_or_stop() -> Atlas:
    """The atlas; when it does not validate, its problems as a table and the page stops."""
    try:
        return _cached_atlas()
    except AtlasError as exc:
        errors = [p for p in exc.problems if p.is_error]
        st.error(
            ngettext(
                "The map data has {count} error, so the map cannot be shown. "
                "Fix it in the file named below and reload the page.",
                "The map data has {count} errors, so the map cannot be shown. "
                "Fix them in the files named below and reload the page.",
                len(errors),
            ).format(count=len(errors))
        )
        st.dataframe(problems_table(exc.problems), hide_index=True)
    except FileNotFoundError as exc:
        st.error(_("The map data is missing: {error}").format(error=md(exc)))
    except Exception as exc:  # anything else a broken folder does: a message, not a traceback
        log.exception("the atlas could not be loaded")
        st.error(
            _("The map data could not be read: {error}. Run `kengir-geo validate` on it.").format(
                error=md(exc)
            )
        )
    st.stop()
    raise RuntimeError("unreachable")  # st.stop() raises; this keeps type checkers honest


def show_translation_notice() -> None:
    """In the sidebar, when the reader's language is not English: how much of the atlas's own
    text (story, places, sources) is still shown in English."""
    lang = current_language()
    atlas = atlas_or_none()
    if atlas is None or lang == "en" or not atlas.untranslated:
        return
    with st.sidebar:
        if atlas.language != lang:
            st.caption(_("The story, places and sources are not translated yet: English is shown."))
        else:
            st.caption(
                ngettext(
                    "{count} text of the story is not translated yet and is shown in English.",
                    "{count} texts of the story are not translated yet and are shown in English.",
                    len(atlas.untranslated),
                ).format(count=len(atlas.untranslated))
            )


def is_untranslated(atlas: Atlas, file: str, id_: str, field: str) -> bool:
    """True when the reader asked for another language and this text is still English."""
    return current_language() != "en" and (file, id_, field) in atlas.untranslated


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
