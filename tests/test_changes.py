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


def test_the_bundled_uprising_days_read_as_plain_sentences():
    atlas = load_atlas()
    may24 = changes_on(atlas, date(1954, 5, 24))
    assert "Women's zone (camp section No. 1): held by prisoners" in may24  # not said twice
    assert "The walls broken again, 24 May appears" in may24  # no state: it appears, not "nan"
    assert not any("nan" in s.split() for day in changes_by_day(atlas).values() for s in day)
    raid = changes_on(atlas, date(1954, 6, 26))
    assert "A guard tower brought down" in raid
    assert "Service yard (khozdvor): retaken" in raid


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
