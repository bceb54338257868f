"""The data's controlled words (event categories, certainty labels) as a reader sees them.

The data keeps its English keys ("daily-life", "approximate"); only what is shown is
translated. A word outside the list (a user's own category) is shown as written.
"""

from __future__ import annotations

from kengir_geo.i18n.catalogs import DEFAULT_LANGUAGE, N_, translator

# schema.CATEGORIES and schema.CERTAINTIES, in words (listed here so the catalogues hold them)
WORDS = {
    "violence": N_("violence"),
    "negotiation": N_("negotiation"),
    "self-government": N_("self-government"),
    "daily-life": N_("daily life"),
    "propaganda": N_("propaganda"),
    "defence": N_("defence"),
    "context": N_("context"),
    "aftermath": N_("aftermath"),
    "documented": N_("documented"),
    "approximate": N_("approximate"),
    "schematic": N_("schematic"),
    "disputed": N_("disputed"),
    "unknown": N_("unknown"),
    "derived": N_("derived"),
}


def word(key: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """'daily-life' -> 'daily life' / 'повсякденне життя'; an unknown key as written."""
    text = str(key or "")
    if text in WORDS:
        return translator(lang).gettext(WORDS[text])
    return text.replace("-", " ")
