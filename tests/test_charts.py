"""The events strip: every day's counts, stacked by certainty, the shown day marked."""

from datetime import date

from kengir_geo import load_atlas
from kengir_geo.timeline import events_per_day
from kengir_geo.ui.charts import events_strip


def test_strip_holds_every_day_and_marks_the_chosen_one():
    atlas = load_atlas()
    first, last = date(1954, 5, 16), date(1954, 6, 26)
    counts = events_per_day(atlas, first, last)
    spec = events_strip(counts, date(1954, 6, 26))
    bars, marker = spec["layer"]
    values = bars["data"]["values"]
    assert len(values) == 2 * 42
    assert {v["kind"] for v in values} == {"on this day", "perhaps on this day"}
    raid = [v for v in values if v["day"] == "1954-06-26T00:00:00" and v["kind"] == "on this day"]
    assert raid[0]["value"] == int(counts.iloc[-1]["sure"]) > 0
    assert sum(v["value"] for v in values) == int(counts["sure"].sum() + counts["possible"].sum())
    # days are local midnights, so a viewer west of Greenwich does not see the day before
    assert marker["data"]["values"] == [{"day": "1954-06-26T00:00:00"}]
    assert marker["mark"]["type"] == "rule"
