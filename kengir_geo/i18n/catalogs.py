"""The gettext catalogues: `.po` files in locales/<lang>/LC_MESSAGES/, read and compiled in
memory when first asked for (nothing compiled is kept in the repository).

A language exists when its folder does: adding one is `kengir-geo translate init LANG`
(which creates the folder and its stubs), then translating the `.po` file.
"""

from __future__ import annotations

import gettext
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

DEFAULT_LANGUAGE = "en"
LOCALES = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
# Babel's "en" is American ("May 16, 1954"); the project writes "16 May 1954".
_BABEL_LOCALE = {"en": "en_GB"}


def N_(message: str) -> str:
    """Marks a string for the catalogues where it is defined; it is translated where shown."""
    return message


def po_path(lang: str, root: Path = LOCALES) -> Path:
    return root / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=1)
def available_languages() -> tuple[str, ...]:
    """English first, then every language with a catalogue, in alphabetical order."""
    found = sorted(p.parent.parent.name for p in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (DEFAULT_LANGUAGE, *[lang for lang in found if lang != DEFAULT_LANGUAGE])


def normalize_language(value: object) -> str | None:
    """'uk', 'UK', 'uk-UA', 'uk_UA' -> 'uk' when we have it; None otherwise."""
    if not isinstance(value, str):
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if code in available_languages() else None


def negotiate(preferred: object) -> str:
    """The language for a browser's locale ('ru-RU') or Accept-Language list, else English."""
    if isinstance(preferred, str):
        preferred = [part.split(";")[0] for part in preferred.split(",")]
    for value in preferred or ():
        if code := normalize_language(value):
            return code
    return DEFAULT_LANGUAGE


@lru_cache(maxsize=32)
def babel_locale(lang: str) -> Locale:
    try:
        return Locale.parse(_BABEL_LOCALE.get(lang, lang))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(_BABEL_LOCALE[DEFAULT_LANGUAGE])


def language_name(lang: str) -> str:
    """The language's name in itself: 'Українська', 'Қазақ тілі', 'Lietuvių'."""
    name = Locale.parse(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=16)
def _compiled(lang: str) -> gettext.NullTranslations:
    path = po_path(lang)
    if lang == DEFAULT_LANGUAGE or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # fuzzy entries are left out, as msgfmt does
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@dataclass(frozen=True)
class Translator:
    """One language's words: gettext, ngettext, numbers and the Babel locale for dates."""

    lang: str

    @property
    def locale(self) -> Locale:
        return babel_locale(self.lang)

    def gettext(self, message: str) -> str:
        return _compiled(self.lang).gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _compiled(self.lang).ngettext(singular, plural, n)

    def number(self, value: float | int) -> str:
        """5,200 in English, 5 200 in Ukrainian (with the locale's own spaces)."""
        return format_decimal(value, locale=self.locale)

    def days(self, n: int) -> str:
        """'1 day', '5 днів', '21 день': the count with the language's plural form."""
        return self.ngettext("{count} day", "{count} days", n).format(count=self.number(n))


def translator(lang: object = DEFAULT_LANGUAGE) -> Translator:
    """The translator for a language code; English for an unknown or missing one."""
    return Translator(normalize_language(lang) or DEFAULT_LANGUAGE)
