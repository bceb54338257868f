"""The translation check is remembered on disk per content of the geodata: the same answer as
checking afresh, and checked again as soon as any file changes."""

from __future__ import annotations

import shutil

import pytest

from kengir_geo.data.folder import bundled_geodata, read_geodata
from kengir_geo.data.translations import _check_all_languages, check_translations


@pytest.fixture
def copy(tmp_path, monkeypatch):
    """The bundled geodata with one of its languages (Ukrainian): checking all four would only
    repeat the same work."""
    monkeypatch.setenv("KENGIR_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "geodata"
    shutil.copytree(bundled_geodata(), root)
    for lang in (root / "i18n").iterdir():
        if lang.name != "uk":
            shutil.rmtree(lang)
    return root


def test_remembered_problems_are_the_problems_found_afresh(copy, tmp_path):
    story = copy / "i18n" / "uk" / "story.toml"
    story.write_text(story.read_text(encoding="utf-8") + '\n[broken]\nx = "y"\n', encoding="utf-8")
    raw = read_geodata(copy)
    fresh = _check_all_languages(raw)
    assert fresh, "the broken entry is reported"
    assert check_translations(raw) == fresh  # computed, then written down
    assert list((tmp_path / "cache" / "checks").glob("*.json"))
    assert check_translations(read_geodata(copy)) == fresh  # read back


def test_a_changed_file_is_checked_again(copy):
    assert check_translations(read_geodata(copy)) == []
    story = copy / "i18n" / "uk" / "story.toml"
    story.write_text(story.read_text(encoding="utf-8") + '\n[broken]\nx = "y"\n', encoding="utf-8")
    assert check_translations(read_geodata(copy)) != []


def test_an_unwritable_cache_only_costs_time(copy, tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("KENGIR_CACHE", str(blocked))  # a file where the folder should be
    raw = read_geodata(copy)
    assert check_translations(raw) == _check_all_languages(raw)
