"""The one date formatter: days, partial dates, spans and fuzzy dates in the reader's language.

"16 May 1954", "16 травня 1954 р.", "16 мая 1954 г.", "1954 ж. 16 мамыр", "1954 m. gegužės 16 d."
Month-only dates use the standalone month ("травень 1954 р."), never a false first day. Patterns
come from Babel (CLDR); only the joins of a span and the fuzzy words are ours, in the catalogues.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Protocol

from babel.dates import format_interval, format_skeleton, get_month_names, match_skeleton

from kengir_geo.i18n.catalogs import DEFAULT_LANGUAGE, Translator, translator

DASH = " – "


class Span(Protocol):
    """What the formatter needs of a parsed date (kengir_geo.data.dates.DateSpan)."""

    earliest: date
    latest: date
    qualifier: str
    clock: str


def format_day(day: date, lang: str = DEFAULT_LANGUAGE) -> str:
    """'24 May 1954' in the language's long form."""
    return format_skeleton("yMMMMd", day, locale=translator(lang).locale)


def format_day_month(day: date, lang: str = DEFAULT_LANGUAGE) -> str:
    """'16 May' (no year), as the day counter says where it counts from."""
    return format_skeleton("MMMMd", day, locale=translator(lang).locale)


def format_month(day: date, lang: str = DEFAULT_LANGUAGE) -> str:
    """'May 1954', with the standalone month name ('травень 1954 р.')."""
    return format_skeleton("yMMMM", day, locale=translator(lang).locale)


def format_days_between(first: date, last: date, lang: str = DEFAULT_LANGUAGE) -> str:
    """'24 May – 26 June 1954'; the year written once when both days share it, on the side
    where the language writes it."""
    t = translator(lang)
    if first == last:
        return format_day(first, lang)
    if first.year != last.year:
        return format_day(first, lang) + DASH + format_day(last, lang)
    if _year_first(t):  # kk, lt: "1954 ж. 16 мамыр – 26 маусым"
        return format_day(first, lang) + DASH + format_day_month(last, lang)
    if first.month == last.month:  # "16–18 May 1954"
        return f"{format_skeleton('d', first, locale=t.locale)}–{format_day(last, lang)}"
    return format_day_month(first, lang) + DASH + format_day(last, lang)


def _year_first(t: Translator) -> bool:
    pattern = t.locale.date_formats["long"].pattern
    return pattern.find("y") < pattern.find("d")


def _third_of_month(first: date, last: date) -> str:
    """'early', 'mid' or 'late' when the span is exactly that third of one month; else ''."""
    if first.year != last.year or first.month != last.month:
        return ""
    next_month = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    month_end = next_month.toordinal() - 1
    return {
        (1, 10): "early",
        (11, 20): "mid",
        (21, date.fromordinal(month_end).day): "late",
    }.get((first.day, last.day), "")


def _fuzzy_month(third: str, day: date, t: Translator) -> str:
    # the month in its "of May" form (травня, мая, gegužės), which these phrases need
    month = get_month_names("wide", "format", t.locale)[day.month]
    template = {
        "early": t.gettext("early {month} {year}"),
        "mid": t.gettext("mid-{month} {year}"),
        "late": t.gettext("late {month} {year}"),
    }[third]
    return template.format(month=month, year=day.year)


def format_span(span: Span, lang: str = DEFAULT_LANGUAGE) -> str:
    """A span in words: '16 May 1954', 'May 1954', 'about mid-May 1954', '1948 – 1952'."""
    t = translator(lang)
    first, last = span.earliest, span.latest
    whole_years = (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)
    whole_months = first.day == 1 and (last.toordinal() + 1 == _next_month(last).toordinal())
    if first == last:
        text = format_day(first, lang)
        if span.clock:
            text = t.gettext("{date}, {time}").format(date=text, time=span.clock)
    elif whole_years:
        text = (
            str(first.year)
            if first.year == last.year
            else format_interval(first, last, "y", locale=t.locale)
        )
    elif whole_months:
        same = (first.year, first.month) == (last.year, last.month)
        text = (
            format_month(first, lang)
            if same
            else format_interval(first, last, "yMMMM", locale=t.locale)
        )
    elif third := _third_of_month(first, last):
        text = _fuzzy_month(third, first, t)
    else:
        text = format_days_between(first, last, lang)
    prefix = {
        "~": t.gettext("about {date}"),
        "?": t.gettext("perhaps {date}"),
        "%": t.gettext("perhaps about {date}"),
    }.get(span.qualifier)
    return prefix.format(date=text) if prefix else text


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def precision_words(span: Span, lang: str = DEFAULT_LANGUAGE) -> str:
    """How precise the date is, for display: 'day', 'month, approximate'."""
    t = translator(lang)
    first, last = span.earliest, span.latest
    days = (last - first).days + 1
    if span.clock:
        word = t.gettext("time of day")
    elif days == 1:
        word = t.gettext("day")
    elif first.day == 1 and first.month == 1 and days >= 365:
        word = t.gettext("year") if days <= 366 else t.gettext("span of years")
    elif first.day == 1 and days <= 31:
        word = t.gettext("month")
    else:
        word = t.gettext("span of days")
    qualifier = {
        "~": t.gettext("approximate"),
        "?": t.gettext("uncertain"),
        "%": t.gettext("approximate and uncertain"),
    }.get(span.qualifier)
    return f"{word}, {qualifier}" if qualifier else word


def format_span_with_precision(span: Span, lang: str = DEFAULT_LANGUAGE) -> str:
    """'about May 1954 (month, approximate)'."""
    return (
        translator(lang)
        .gettext("{date} ({precision})")
        .format(date=format_span(span, lang), precision=precision_words(span, lang))
    )


def browser_locale(lang: str = DEFAULT_LANGUAGE) -> str:
    """The same locale as a BCP 47 tag for the browser's Intl.DateTimeFormat ('en-GB', 'uk')."""
    return str(translator(lang).locale).replace("_", "-")


# the time map's date styles (client/timecore.js formatDay) and the CLDR skeleton of each;
# "typed" is the day in digits as the reader types it in the go-to-date field (26.06.1954)
BROWSER_STYLES = {"day": "yMMMMd", "short": "MMMd", "month": "yMMM", "year": "y", "typed": "yMd"}
_FIELD = re.compile(r"%\((\w+)\)s")
_MONTHS = {  # a month field -> Babel's names (width, context)
    "MMM": ("abbreviated", "format"),
    "MMMM": ("wide", "format"),
    "LLL": ("abbreviated", "stand-alone"),
    "LLLL": ("wide", "stand-alone"),
}


def browser_date_patterns(lang: str = DEFAULT_LANGUAGE) -> dict[str, list]:
    """The time map's date styles as parts the browser joins (timecore.js formatParts): the
    CLDR patterns and month names Babel uses here, so the browser writes a day as Python does,
    also where its Intl lacks the language (Chromium has no Kazakh months). A literal is a
    string, a number {"f": "y"|"d"|"M", "pad": n}, a month name {"names": [twelve]}."""
    locale = translator(lang).locale
    patterns = {}
    for style, skeleton in BROWSER_STYLES.items():
        pattern = locale.datetime_skeletons[match_skeleton(skeleton, locale.datetime_skeletons)]
        pieces = _FIELD.split(pattern.format)
        parts: list = []
        for i, piece in enumerate(pieces):
            if i % 2 == 0:  # text between the fields
                if piece:
                    parts.append(piece.replace("%%", "%"))
            elif piece in _MONTHS:
                names = get_month_names(*_MONTHS[piece], locale=locale)
                parts.append({"names": [names[m] for m in range(1, 13)]})
            elif piece[0] in "yMLd":
                field = {"L": "M"}.get(piece[0], piece[0])
                parts.append({"f": field, "pad": len(piece) if len(piece) > 1 else 0})
            else:  # a field we do not write (an era, a weekday): leave the style to Intl
                break
        else:
            patterns[style] = parts
    return patterns


_ISO_DAY = re.compile(r"\s*(\d{1,4})-(\d{1,2})-(\d{1,2})\s*")
_TYPED = re.compile(r"\s*(\d+)\D{1,3}(\d+)\D{1,3}(\d+)\.?\s*")


def parse_typed_day(text: str, lang: str = DEFAULT_LANGUAGE) -> date | None:
    """A day as a reader types it: in the language's digits ("26.06.1954" in uk, ru, kk;
    "26/06/1954" in English; "1954-06-26" in lt) or as ISO 8601 in any language; None for
    anything else, a day that does not exist, or a year not written in full ("54"). The
    time map's go-to-date field reads the same way (client/timecore.js dayOfTyped)."""
    text = str(text or "")
    if iso := _ISO_DAY.fullmatch(text):
        numbers = dict(zip("yMd", iso.groups(), strict=True))
    elif typed := _TYPED.fullmatch(text):
        order = [
            p["f"] for p in browser_date_patterns(lang).get("typed", []) if isinstance(p, dict)
        ]
        if sorted(order) != ["M", "d", "y"]:
            return None
        numbers = dict(zip(order, typed.groups(), strict=True))
        if len(numbers["y"]) < 3:
            return None
    else:
        return None
    try:
        return date(int(numbers["y"]), int(numbers["M"]), int(numbers["d"]))
    except ValueError:
        return None
