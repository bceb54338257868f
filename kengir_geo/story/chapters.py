"""A chapter's day, its dates in words and its layers: the one place a chapter is read.

Chapter dates are often partial ("1948", "1954-05"); they go through the dates module, never
`date.fromisoformat`, and a chapter opens on the earliest day its date can mean.
"""

from __future__ import annotations

from datetime import date

from kengir_geo.data.atlas import Atlas, Chapter
from kengir_geo.data.dates import try_parse_date
from kengir_geo.data.settings import Focus
from kengir_geo.i18n import translator
from kengir_geo.i18n.dates import format_span
from kengir_geo.story.links import default_layers
from kengir_geo.story.timeline import clock_label


def chapter_day(chapter: Chapter) -> date:
    """The day the map shows for a chapter: the earliest its date can mean. The validator
    guarantees the date can be read."""
    span = try_parse_date(chapter.date)
    if span is None:
        raise ValueError(f"chapter {chapter.id!r} has an unreadable date {chapter.date!r}")
    return span.earliest


def chapter_when(chapter: Chapter, focus: Focus | None, lang: str = "en") -> str:
    """'Day 1 since 16 May · 16 May 1954 to 18 May 1954', '1948 to 1952', 'May 1954'."""
    span = try_parse_date(chapter.date)
    if span is None:
        return chapter.date
    when = clock_label(focus, span.earliest, lang) if span.is_exact_day else format_span(span, lang)
    if chapter.until and (until := try_parse_date(chapter.until)):
        when = (
            translator(lang)
            .gettext("{start} to {end}")
            .format(start=when, end=format_span(until, lang))
        )
    return when


def day_label(chapter: Chapter, lang: str = "en") -> str:
    """For a chapter with a partial date ("1948", "1954-05"), what the map's clock says instead
    of the day it must show ("1948", "May 1954"); "" for an exact day."""
    span = try_parse_date(chapter.date)
    if span is None or span.is_exact_day:
        return ""
    return format_span(span, lang)


def chapter_layers(atlas: Atlas, chapter: Chapter) -> tuple[str, ...]:
    """The layers a chapter shows: those it names that the atlas has; a chapter that names none
    shows the atlas's default layers (the same on the Story page, in a link and in the export)."""
    named = tuple(lid for lid in chapter.layers if lid in atlas.layers)
    return named or default_layers(atlas)
