"""What changed on a day, in words, as the Timeline shows it."""

import json
from datetime import date

from factories import collection, feature, write_geodata
from kengir_geo import load_atlas
from kengir_geo.story.changes import changes_by_day

WALL = {"type": "LineString", "coordinates": [[67.61, 47.84], [67.62, 47.84]]}


def changes_on(atlas, day: date) -> list[str]:
    return changes_by_day(atlas).get(day.toordinal(), [])


def wall(fid: str, start: str, end: str, state: str) -> dict:
    """One state of the same wall: consecutive features share name and kind."""
    return feature(fid, name="Wall", geometry=WALL, start=start, end=end, state=state, kind="w")


def test_the_bundled_days_read_as_plain_sentences(atlas):
    days = changes_by_day(atlas)
    assert days, "the bundled compound changes over time"
    for sentences in days.values():
        for sentence in sentences:
            assert "nan" not in sentence.split() and "None" not in sentence
            assert sentence == sentence.strip() and sentence
        assert len(sentences) == len(set(sentences)), sentences  # nothing said twice


def test_a_state_that_follows_another_replaces_it_and_an_end_is_said(tmp_path):
    layer = collection(
        wall("w1", "1954-05-01", "1954-05-16", "intact"),
        wall("w2", "1954-05-17", "1954-05-20", "breached"),
        feature("g", name="Gate", start="1954-05-01", end="1954-05-18", kind="gate"),
    )
    root = write_geodata(tmp_path)
    (root / "layers" / "places.geojson").write_text(json.dumps(layer))
    atlas = load_atlas(root)
    assert changes_on(atlas, date(1954, 5, 17)) == ["Wall: breached"]
    assert changes_on(atlas, date(1954, 5, 19)) == ["Gate: no longer there"]
    assert changes_on(atlas, date(1954, 5, 18)) == []
