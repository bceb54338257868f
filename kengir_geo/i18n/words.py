"""The schema's certainty words ("approximate", "disputed") as a reader sees them.

The data keeps its English keys; only what is shown is translated. Kinds, categories and
states are the atlas's own words: their reader labels live in atlas.toml's [labels] (read by
Settings.label, translated with the geodata), not here. A word outside the list is shown as
written.
"""

from __future__ import annotations

from kengir_geo.i18n.catalogs import DEFAULT_LANGUAGE, N_, translator

# schema.CERTAINTIES (and a figure's "derived"), in words (listed here so the catalogues hold them)
WORDS = {
    "documented": N_("documented"),
    "approximate": N_("approximate"),
    "schematic": N_("schematic"),
    "disputed": N_("disputed"),
    "unknown": N_("unknown"),
    "derived": N_("derived"),
}


def word(key: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """'approximate' -> 'approximate' / 'приблизно'; an unknown key as written."""
    text = str(key or "")
    if text in WORDS:
        return translator(lang).gettext(WORDS[text])
    return text.replace("-", " ")
