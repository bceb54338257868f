"""Creating and updating a language's catalogue from the template (`messages.pot`), as
`make messages` and `kengir-geo translate init LANG` do. Babel reads and writes the files."""

from __future__ import annotations

from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from kengir_geo.i18n.catalogs import DEFAULT_LANGUAGE, LOCALES, available_languages, po_path

TEMPLATE = LOCALES / "messages.pot"
DRAFT_NOTE = (
    "{name} translations of the kengir-geo interface.\n"
    "Every entry is a draft until a native speaker has checked it: a reviewed entry carries\n"
    "the translator comment `reviewed: NAME`."
)


def check_language(lang: str) -> str:
    """A language code Babel knows ('uk', 'lv'); ValueError with a clear message otherwise."""
    code = lang.strip().lower()
    if code == DEFAULT_LANGUAGE:
        raise ValueError("English is the source language: it needs no catalogue")
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(f"{lang!r} is not a language code Babel knows (e.g. uk, lv, be)") from exc
    return code


def init_catalog(lang: str, root: Path = LOCALES, template: Path = TEMPLATE) -> Path:
    """Create the language's .po from the template, or bring an existing one up to date
    (new strings empty, gone ones dropped, translations kept). Returns its path."""
    code = check_language(lang)
    with template.open("rb") as handle:
        pot = read_po(handle)
    path = po_path(code, root)
    if path.is_file():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=code)
        catalog.update(pot, no_fuzzy_matching=True)
        catalog.obsolete.clear()
    else:
        catalog = Catalog(locale=code, project="kengir-geo", fuzzy=False)
        catalog.header_comment = "# " + DRAFT_NOTE.format(
            name=Locale.parse(code).english_name
        ).replace("\n", "\n# ")
        catalog.update(pot, no_fuzzy_matching=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".po.partial")
    with partial.open("wb") as handle:
        write_po(handle, catalog, omit_header=False, width=100, sort_output=True)
    partial.replace(path)
    available_languages.cache_clear()
    return path
