"""The atlas in a reader's language: the English atlas with its translation files laid over
(data/translations.py), built once per folder version and language."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from kengir_geo.data.atlas import Atlas, build_atlas, load_atlas
from kengir_geo.data.folder import fingerprint, read_geodata
from kengir_geo.data.translations import SOURCE_LANGUAGE, overlay


def atlas_in(atlas: Atlas, lang: str) -> Atlas:
    """`atlas` with its texts in `lang` where a current translation exists; the others stay
    English and are listed in `untranslated`. English returns the atlas itself."""
    if not lang or lang == SOURCE_LANGUAGE:
        return atlas
    root = Path(atlas.root)
    stamp = fingerprint(root)
    if load_atlas(root) is not atlas:  # not the cached one (built in a test): not cached
        return _translate(atlas, root, lang)
    return _translated(root, stamp, lang)


@lru_cache(maxsize=16)
def _translated(root: Path, stamp: tuple, lang: str) -> Atlas:
    return _translate(load_atlas(root), root, lang)


def _translate(atlas: Atlas, root: Path, lang: str) -> Atlas:
    shown = overlay(read_geodata(root), lang)
    if not shown.translated:  # nothing to lay over: the same atlas, said to be English
        return replace(atlas, untranslated=shown.fallbacks)
    built = build_atlas(shown.raw, list(atlas.warnings))
    return replace(
        built,
        language=lang,
        untranslated=shown.fallbacks,
    )
