"""Which words on a translated page are English: the word list is built from the project's own
English texts (the gettext template's msgids and the English each geodata translation was made
from), minus the names the gazetteer and the bibliography give (names are never translated).

For a language written in Latin letters (Lithuanian) a word counts only if it appears in the
English texts and nowhere in that language's own texts: "Kengir" or "km" are not English there.
For one written in Cyrillic (uk, ru, kk) every word in Latin letters counts, except names: so a
string the code forgot to mark for translation is found even if no catalogue holds its words.
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from kengir_geo.i18n.catalogs import LOCALES, po_path

ROOT = Path(__file__).resolve().parent.parent
GEODATA = ROOT / "geodata"
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# addresses are shown on the Sources page; their parts ("wiki", "uprising") are not prose
ADDRESS = re.compile(r"\S*(?:://|www\.)\S*|\S+\.(?:org|com|net|ru|ua|kz|lt|edu|gov)\S*")
# what is not prose in the English texts: citations by id, the program's own name
MARKUP = re.compile(r"\{[^}]*\}|`[^`]*`|kengir-geo")
# a quotation in Latin letters only, kept in its original language beside its translation
QUOTATION = re.compile(r'"[\x20-\x21\x23-\x7e]*"')
LATIN = re.compile(r"[a-z]+(?:['’][a-z]+)*")
CYRILLIC = ("uk", "ru", "kk")


def _raw_words(text: str) -> set[str]:
    return set(WORD.findall(ADDRESS.sub(" ", MARKUP.sub(" ", text))))


def words(text: str) -> set[str]:
    return {w.lower() for w in _raw_words(text)}


def _strings(node: object, field: str) -> list[str]:
    """Every string stored under the key `field`, at any depth of a TOML or JSON document."""
    if isinstance(node, dict):
        found = []
        for key, value in node.items():
            if key == field and isinstance(value, str):
                found.append(value)
            else:
                found += _strings(value, field)
        return found
    if isinstance(node, list):
        return [s for item in node for s in _strings(item, field)]
    return []


def _entries(node: object) -> list[dict]:
    """The entries of a translation file: tables with the translated `text` and its `english`."""
    if isinstance(node, dict):
        if isinstance(node.get("text"), str) and isinstance(node.get("english"), str):
            return [node]
        return [e for value in node.values() for e in _entries(value)]
    return []


def _translation_files(lang: str) -> list[dict]:
    folder = GEODATA / "i18n" / lang
    return [tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.rglob("*.toml"))]


def _catalogue(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def _msg_texts(messages, attr: str) -> list[str]:
    texts = []
    for message in messages:
        value = getattr(message, attr)
        texts += list(value) if isinstance(value, tuple | list) else [value]
    return [t for t in texts if t]


@cache
def works() -> tuple[str, ...]:
    """How the bibliography names its works, longest first (a title may hold a shorter name)."""
    sources = tomllib.loads((GEODATA / "sources.toml").read_text(encoding="utf-8"))
    found = {t for f in ("author", "title", "published", "short") for t in _strings(sources, f)}
    return tuple(sorted((t for t in found if t.strip()), key=len, reverse=True))


@cache
def names() -> frozenset[str]:
    """Words of the gazetteer's names that the English texts never write in lower case:
    "Kengir" and "Steplag" are names, "reservoir" in "Kengir reservoir" is English."""
    found: set[str] = set()
    for layer in sorted((GEODATA / "layers").glob("*.geojson")):
        doc = json.loads(layer.read_text(encoding="utf-8"))
        for feature in doc.get("features", []):
            for name in feature.get("properties", {}).get("names") or []:
                found |= words(str(name))
    lower = {w for text in _english_texts() for w in _raw_words(text) if w.islower()}
    return frozenset(found - lower)


@cache
def _english_texts() -> tuple[str, ...]:
    texts = _msg_texts(_catalogue(LOCALES / "messages.pot"), "id")
    for doc in _translation_files("uk"):
        texts += _strings(doc, "english")
    return tuple(texts)


@cache
def english() -> frozenset[str]:
    """English words: the template's msgids and the English of every geodata translation entry."""
    found = {w for text in _english_texts() for w in words(text) if LATIN.fullmatch(w)}
    return frozenset(found - names())


@cache
def own_words(lang: str) -> frozenset[str]:
    """The words a language's own texts use: its msgstrs and its geodata translations (not the
    entries still holding the English)."""
    texts = _msg_texts(_catalogue(po_path(lang)), "string")
    for doc in _translation_files(lang):
        texts += [e["text"] for e in _entries(doc) if e["text"] != e["english"]]
    return frozenset(w for text in texts for w in words(text))


def _plain_quotes(text: str) -> str:
    """Quotation marks as typed: the page prints a work's name with typographic ones."""
    return text.translate(str.maketrans("“”„«»‘’", '"""""\'\''))


def english_words(text: str, lang: str) -> set[str]:
    """The English words in `text`, a page in `lang`."""
    text = _plain_quotes(text)
    for work in works():  # whole words only: the work "Steplag" is not in "Steplagas"
        text = re.sub(rf"(?<!\w){re.escape(_plain_quotes(work))}(?!\w)", " ", text)
    text = QUOTATION.sub(" ", text)
    if lang in CYRILLIC:
        return {w for w in words(text) if LATIN.fullmatch(w)} - names()
    found = words(text) & english()
    if lang == "lt":
        found -= own_words(lang)
    return found
