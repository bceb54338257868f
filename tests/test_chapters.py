"""A chapter's layers: the one rule the Story page, a chapter link and the export share."""

from dataclasses import replace

from factories import write_geodata
from kengir_geo import load_atlas
from kengir_geo.story.chapters import chapter_layers
from kengir_geo.story.links import default_layers


def test_a_chapter_shows_the_layers_it_names_or_else_the_default_ones(tmp_path):
    atlas = load_atlas(write_geodata(tmp_path / "geodata"))
    chapter = atlas.chapters[0]
    assert chapter_layers(atlas, replace(chapter, layers=("events",))) == ("events",)
    assert chapter_layers(atlas, replace(chapter, layers=())) == default_layers(atlas)
    # a layer removed from the atlas since the chapter was written is left out
    assert chapter_layers(atlas, replace(chapter, layers=("gone", "places"))) == ("places",)
    assert chapter_layers(atlas, replace(chapter, layers=("gone",))) == default_layers(atlas)
    assert default_layers(atlas)  # the fallback is never an empty map
