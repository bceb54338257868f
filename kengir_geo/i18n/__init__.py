"""Languages: UI strings through gettext catalogues, dates and numbers through Babel.

Nothing here imports Streamlit or the rest of the package, so every layer (story, map, export,
the command line) can say its words in the reader's language. English is the source language
and the fallback: a string missing from a catalogue is shown in English.
"""

from kengir_geo.i18n.catalogs import (
    DEFAULT_LANGUAGE,
    N_,
    Translator,
    available_languages,
    language_name,
    negotiate,
    normalize_language,
    translator,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "N_",
    "Translator",
    "available_languages",
    "language_name",
    "negotiate",
    "normalize_language",
    "translator",
]
