"""Every word the browser's time map shows, for the catalogues: the plugin's `strings`.

L.TimeMap and its controls (client/timemap.js) and the story panel (client/story.js) carry
these in English as their defaults, so the plugin works on its own in a notebook. A host that
knows the reader's language (the app, the export, the upload preview) passes them translated,
with the locale and patterns its dates are written in (month ticks, the clock). The keys and
the English are the plugin's own; tests/test_plugin_words.py keeps the two lists the same.
"""

from __future__ import annotations

from kengir_geo.i18n import N_, translator
from kengir_geo.i18n.dates import browser_date_patterns, browser_locale

TIMEMAP_WORDS = {
    "maybe_event": N_("perhaps on this day"),
    "maybe_feature": N_("perhaps there on this day"),
    "past": N_("already over"),
    "today": N_("On this day"),
    "nothing_today": N_("No dated event on this day."),
    # a count with its noun in front ("Events: 3") reads right in every language's plural
    "events_count": N_("{n} events"),
    "changes_count": N_("{n} changes"),
    "opened": N_("Opened: {name}"),
    "play": N_("Play"),
    "pause": N_("Pause"),
    "previous": N_("Previous"),
    "next": N_("Next"),
    "previous_day": N_("Previous day"),
    "next_day": N_("Next day"),
    "speed": N_("Speed"),
    "speed_unit": N_("{n} per second"),
    "legend": N_("Legend"),
    "plan": N_("Schematic plan: not to scale, not in its real place"),
    "tiles_failed": N_("The map tiles cannot be loaded (no internet?)."),
    "events_strip": N_("Events per day"),
    "map_name": N_("Map"),
    "day_slider": N_("Day shown on the map"),
    "go_to_date": N_("Go to date"),
    "step_unit": N_("Step by"),
    "unit_day": N_("Days"),
    "unit_month": N_("Months"),
    "unit_year": N_("Years"),
    "unit_decade": N_("Decades"),
    "more": N_("+{n} more"),
    "fewer": N_("fewer"),
    "clock_since": N_("Day {n} since {since} · {date}"),
    "clock_before": N_("{date} (before {name})"),
    "clock_after": N_("{date} (after {name})"),
}

STORY_WORDS = {
    "previous": N_("‹ Previous"),
    "next": N_("Next ›"),
    "chapter_of": N_("Chapter {n} of {total}"),
    "content_note": N_("Content note."),
    "show_chapter": N_("Press Next to show the chapter."),
    "intro_help": N_(
        "Press Next › (or PageDown) to walk through the {n} chapters; each moves the map to "
        "its place and day. Move the day slider or press Play to watch the days go by. Click "
        "anything on the map, or a line of the day's list, to read what it is, when, how sure "
        "we are and who says so."
    ),
}


def _translated(words: dict[str, str], lang: str) -> dict[str, str]:
    gettext = translator(lang).gettext
    return {key: gettext(text) for key, text in words.items()}


def timemap_options(lang: str = "en") -> dict[str, object]:
    """The time map's options for a reader of `lang`: `strings` (plain text: the plugin sets
    them with textContent), `locale`, and `dates`, the CLDR patterns Python writes dates with
    (the browser's Intl may lack the language's months)."""
    return {
        "strings": _translated(TIMEMAP_WORDS, lang),
        "locale": browser_locale(lang),
        "dates": browser_date_patterns(lang),
    }


def story_strings(lang: str = "en") -> dict[str, str]:
    """The story panel's `strings` in `lang`."""
    return _translated(STORY_WORDS, lang)
