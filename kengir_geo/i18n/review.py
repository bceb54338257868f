"""How much of a catalogue a native speaker has reviewed.

An entry counts as reviewed when its translator comment says `reviewed: NAME`; every other
translated entry is a draft. Pages say so when any entry of their language is a draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

from kengir_geo.i18n.catalogs import DEFAULT_LANGUAGE, LOCALES, po_path, translator

REVIEWED = "reviewed:"


@dataclass(frozen=True)
class CatalogStatus:
    lang: str
    entries: int
    translated: int
    reviewed: int

    @property
    def drafts(self) -> int:
        return self.translated - self.reviewed


def _is_translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings) and not message.fuzzy


@lru_cache(maxsize=16)
def catalog_status(lang: str, root: Path = LOCALES) -> CatalogStatus:
    path = po_path(lang, root)
    if lang == DEFAULT_LANGUAGE or not path.is_file():
        return CatalogStatus(lang, 0, 0, 0)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    messages = [m for m in catalog if m.id]
    translated = [m for m in messages if _is_translated(m)]
    reviewed = [
        m for m in translated if any(c.strip().startswith(REVIEWED) for c in m.user_comments)
    ]
    return CatalogStatus(lang, len(messages), len(translated), len(reviewed))


def translation_notice(lang: str) -> str:
    """The short notice every page and export in `lang` shows while any of it is a draft."""
    if not unreviewed_share(lang):
        return ""
    return translator(lang).gettext(
        "This translation is a draft: it has not yet been reviewed by a native "
        "speaker. Names and quotations stay in their original language."
    )


def unreviewed_share(lang: str) -> float:
    """The share of the language's entries not reviewed by a native speaker (0 in English)."""
    status = catalog_status(lang)
    if lang == DEFAULT_LANGUAGE or not status.entries:
        return 0.0
    return 1 - status.reviewed / status.entries
