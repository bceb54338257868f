"""The events-per-day strip under Explore's slider, as a small inline SVG.

It is redrawn on every slider step. As a Vega-Lite chart it cost the browser about 75 ms a
step (Vega rebuilds its view whenever the spec changes, and the marked day changes it every
time) and 775 KB of script on the first visit; an SVG of a few kilobytes is swapped in place.
Everything written into it is made here from numbers and dates, and escaped all the same.
"""

from __future__ import annotations

from datetime import date
from html import escape

import pandas as pd

SURE_COLOR = "#8b1a1a"
POSSIBLE_COLOR = "#d9a5a5"
DAY_MARK_COLOR = "#1f3b73"
SLOT = 10  # viewBox units per day; a bar fills 8 of them
HEIGHT = 100  # viewBox units; the drawn height is set in CSS


def _day_text(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _ticks(days: list[date]) -> list[int]:
    """Indexes of the days to label: weeks in a short period, month starts in a long one."""
    if len(days) <= 120:
        return list(range(0, len(days), 7))
    return [i for i, d in enumerate(days) if d.day == 1] or [0]


def _bar(index: int, day: date, sure: int, possible: int, top: int) -> str:
    x = index * SLOT + 1
    sure_h = HEIGHT * sure / top
    possible_h = HEIGHT * possible / top
    tip = f"{_day_text(day)}: {sure} on this day" + (f", {possible} perhaps" if possible else "")
    return (
        f"<g><title>{escape(tip)}</title>"
        f'<rect x="{x}" y="{HEIGHT - sure_h:.2f}" width="8" height="{sure_h:.2f}" '
        f'fill="{SURE_COLOR}"/>'
        f'<rect x="{x}" y="{HEIGHT - sure_h - possible_h:.2f}" width="8" '
        f'height="{possible_h:.2f}" fill="{POSSIBLE_COLOR}"/></g>'
    )


def events_strip(counts: pd.DataFrame, day: date, height_px: int = 80) -> str:
    """Bars of events per day (sure, and perhaps-that-day stacked on top); the day marked."""
    days = list(counts["day"])
    sure = [int(v) for v in counts["sure"]]
    possible = [int(v) for v in counts["possible"]]
    top = max([s + p for s, p in zip(sure, possible, strict=True)] + [1])
    width = SLOT * len(days)
    bars = "".join(
        _bar(i, d, s, p, top) for i, (d, s, p) in enumerate(zip(days, sure, possible, strict=True))
    )
    mark = ""
    if day in days:
        x = days.index(day) * SLOT
        mark = (
            f'<rect class="kg-strip-day" x="{x}" y="0" width="{SLOT}" height="{HEIGHT}" '
            f'fill="{DAY_MARK_COLOR}" fill-opacity="0.3"/>'
            f'<line x1="{x + SLOT / 2}" x2="{x + SLOT / 2}" y1="0" y2="{HEIGHT}" '
            f'stroke="{DAY_MARK_COLOR}" stroke-width="3" vector-effect="non-scaling-stroke"/>'
        )
    busiest = days[max(range(len(days)), key=lambda i: sure[i])] if days else day
    summary = (
        f"Events per day from {_day_text(days[0])} to {_day_text(days[-1])}; "
        f"the most on {_day_text(busiest)} ({max(sure, default=0)}). "
        f"Marked: {_day_text(day)}."
        if days
        else "No days to show."
    )
    labels = "".join(
        f'<span style="left:{100 * (i + 0.5) / len(days):.3f}%">{escape(f"{days[i]:%-d %b}")}</span>'
        for i in _ticks(days)
    )
    return (
        '<div class="kg-strip">'
        f'<div class="kg-strip-top">{top} events</div>'
        f'<svg role="img" aria-label="{escape(summary)}" viewBox="0 0 {width} {HEIGHT}" '
        f'preserveAspectRatio="none" width="100%" height="{height_px}">'
        f"{bars}{mark}</svg>"  # the mark on top of the bars
        f'<div class="kg-strip-axis">{labels}</div></div>'
    )


STRIP_CSS = """<style>
.kg-strip { position: relative; margin: 0.2rem 0 0.1rem; }
.kg-strip svg { display: block; border-bottom: 1px solid #bbb; }
.kg-strip-top { position: absolute; top: -0.2rem; left: 0.2rem; font-size: 0.7rem; color: #666; }
.kg-strip-axis { position: relative; height: 1.1rem; font-size: 0.72rem; color: #555; }
.kg-strip-axis span { position: absolute; transform: translateX(-50%); white-space: nowrap; }
</style>"""
