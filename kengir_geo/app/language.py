"""The reader's language on every page: from the link (?lang=uk), else the one chosen in this
session, else the browser's (st.context.locale), else English. The menu changes it; the page
sets <html lang> so that screen readers pronounce the words right."""

from __future__ import annotations

import json

import streamlit as st

from kengir_geo.i18n import (
    DEFAULT_LANGUAGE,
    Translator,
    available_languages,
    language_name,
    negotiate,
    translator,
)
from kengir_geo.i18n.review import translation_notice
from kengir_geo.map.escape import md
from kengir_geo.story.links import link_language

LANG = "lang"  # the session's language, and the link's query parameter
MENU = "lang_menu"


def current_language() -> str:
    """The language settled for this session; a page run on its own reads the link's."""
    if LANG in st.session_state:
        return st.session_state[LANG]
    return link_language(st.query_params.to_dict())[0] or DEFAULT_LANGUAGE


def tr() -> Translator:
    return translator(current_language())


def _(message: str) -> str:
    """The message in the reader's language (English when it has no translation)."""
    return tr().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return tr().ngettext(singular, plural, n)


def _resolve() -> str:
    asked, unknown = link_language(st.query_params.to_dict())
    if asked:
        return asked
    if LANG in st.session_state:
        lang = st.session_state[LANG]
    else:
        lang = negotiate(st.context.locale or "")
    if unknown:  # said once: the link is then rewritten with the language shown
        st.warning(
            translator(lang)
            .gettext("No language “{code}”; showing {language}.")
            .format(code=md(unknown), language=language_name(lang)),
            icon=":material/link:",
        )
        del st.query_params[LANG]
    return lang


def _on_menu() -> None:
    st.session_state[LANG] = st.session_state[MENU]
    st.query_params[LANG] = st.session_state[MENU]


def choose_language() -> str:
    """Settle the language for this run, draw the menu and the notice, set <html lang>."""
    lang = _resolve()
    st.session_state[LANG] = lang
    st.session_state[MENU] = lang
    if lang != DEFAULT_LANGUAGE and st.query_params.get(LANG) != lang:
        st.query_params[LANG] = lang  # every link of this page keeps the language
    with st.sidebar:
        st.selectbox(
            _("Language"),
            available_languages(),
            format_func=language_name,
            key=MENU,
            on_change=_on_menu,
        )
        if notice := translation_notice(lang):
            st.caption(notice)
    # Streamlit has no API for the page's language, nor for the words of its own skip link;
    # st.html runs this in the page itself
    skip = json.dumps(_("Skip to main content"))
    st.html(
        f"<script>document.documentElement.lang = {json.dumps(lang)};"
        "{ const skip = document.querySelector('[data-testid=\"stSkipToContent\"]');"
        f"if (skip) skip.textContent = {skip}; }}</script>",
        unsafe_allow_javascript=True,
    )
    return lang


def link_params() -> dict[str, str]:
    """The language part of a link written by a page ({} in English)."""
    lang = current_language()
    return {} if lang == DEFAULT_LANGUAGE else {LANG: lang}
