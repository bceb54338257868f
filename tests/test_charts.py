"""The events strip: one bar per day, stacked by certainty, the shown day marked, readable
by a screen reader and by a pointer (titles)."""

import re
from datetime import date, timedelta

import pandas as pd

from kengir_geo import load_atlas
from kengir_geo.app.charts import SURE_COLOR, events_strip
from kengir_geo.story.timeline import events_per_day


def uprising_counts():
    return events_per_day(load_atlas(), date(1954, 5, 16), date(1954, 6, 26))


def test_one_bar_per_day_with_its_counts_in_the_title():
    counts = uprising_counts()
    html = events_strip(counts, date(1954, 6, 26))
    titles = re.findall(r"<title>([^<]*)</title>", html)
    assert len(titles) == 42
    raid = int(counts.iloc[-1]["sure"])
    assert titles[-1].startswith(f"26 June 1954: {raid} on this day") and raid > 0
    assert html.count(f'fill="{SURE_COLOR}"') == 42


def test_the_chosen_day_is_marked_where_its_bar_is():
    html = events_strip(uprising_counts(), date(1954, 5, 18))
    band = re.search(r'class="kg-strip-day" x="(\d+)"', html)
    assert band and int(band.group(1)) == 2 * 10  # the third day's slot
    assert "Marked: 18 May 1954." in html


def test_bar_heights_are_to_scale_and_stack():
    counts = pd.DataFrame(
        {
            "day": [date(1954, 5, 1) + timedelta(days=i) for i in range(3)],
            "sure": [4, 0, 2],
            "possible": [0, 2, 2],
        }
    )
    html = events_strip(counts, date(1954, 5, 2))
    heights = [float(h) for h in re.findall(r'width="8" height="([\d.]+)"', html)]
    assert heights == [100.0, 0.0, 0.0, 50.0, 50.0, 50.0]
    assert ">4 events<" in html
    assert 'aria-label="Events per day from 1 May 1954 to 3 May 1954; the most on 1 May' in html


def test_a_long_period_labels_month_starts():
    days = [date(1954, 1, 1) + timedelta(days=i) for i in range(365)]
    counts = pd.DataFrame({"day": days, "sure": [0] * 365, "possible": [0] * 365})
    labels = re.findall(r"<span [^>]*>([^<]*)</span>", events_strip(counts, days[0]))
    assert labels[:3] == ["1 Jan", "1 Feb", "1 Mar"] and len(labels) == 12
