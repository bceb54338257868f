"""What an atlas is about, read from its atlas.toml: the facts the code must not hold.

The span the day counter counts (for Kengir: the uprising), the views the map opens on and the
words of the first screen live in the data, so the same code runs an atlas of another camp and
another year. A folder without atlas.toml gets neutral defaults: no day counter, years only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kengir_geo.data.dates import DateError, parse_date
from kengir_geo.data.folder import SETTINGS
from kengir_geo.data.schema import CENTER_RULE, ZOOM_RULE, Problem, is_center, is_zoom


@dataclass(frozen=True)
class View:
    """Where the map looks: fitted to `frame` (feature or layer ids) when it names any, else
    the fallback centre and zoom."""

    frame: tuple[str, ...] = ()
    center: tuple[float, float] | None = None
    zoom: int | None = None


@dataclass(frozen=True)
class Focus:
    """The span the story turns on, counted day by day ("Day 11 since 16 May")."""

    name: str  # "the uprising"
    first: date
    last: date
    counter_from: date  # the counter's day 1
    claims: tuple[str, ...] = ()  # claims disputing its start and length
    lead_up_days: int = 0  # days shown before `first` in its period
    aftermath_days: int = 0

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class Settings:
    title: str = "Atlas"
    intro: str = ""  # one or two lines for a newcomer's first screen
    search_hint: str = ""  # example names for the place search
    figures_title: str = "In figures"  # the charts page's name
    focus: Focus | None = None
    start_view: View = View()  # the focus period's view
    wide_view: View = View()  # a whole year's view
    # reader labels of kinds, categories and states: {"category": {"daily-life": "Daily life"}}
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    # this atlas's own codes (of its research notes) that reader text must never show
    hidden_codes: tuple[re.Pattern[str], ...] = ()
    figures_url: str = "figures"  # the charts page's address: /figures

    def label(self, group: str, value: str) -> str:
        """A kind, category or state as readers see it: the atlas's label, else as written
        with its hyphens as spaces (a user layer's own words)."""
        if not value:
            return ""
        return self.labels.get(group, {}).get(value) or value.replace("-", " ")


def _text(doc: dict, key: str, where: str, problems: list[Problem]) -> str:
    value = doc.get(key, "")
    if not isinstance(value, str):
        problems.append(Problem(SETTINGS, where, key, f"{key} must be text"))
        return ""
    return value.strip()


def _day(doc: dict, key: str, where: str, problems: list[Problem]) -> date | None:
    value = doc.get(key)
    try:
        span = parse_date(value if isinstance(value, str) else str(value))
    except DateError as exc:
        problems.append(Problem(SETTINGS, where, key, str(exc)))
        return None
    if not span.is_exact_day:
        problems.append(Problem(SETTINGS, where, key, f"{key} must be one day, like 1954-05-16"))
        return None
    return span.earliest


def _whole(doc: dict, key: str, where: str, problems: list[Problem]) -> int:
    value = doc.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3660:
        problems.append(Problem(SETTINGS, where, key, f"{key} must be a whole number of days"))
        return 0
    return value


def _ids(doc: dict, key: str, where: str, problems: list[Problem]) -> tuple[str, ...]:
    value = doc.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(Problem(SETTINGS, where, key, f"{key} must be a list of ids"))
        return ()
    return tuple(value)


def _focus(doc: Any, problems: list[Problem]) -> Focus | None:
    if doc is None:
        return None
    if not isinstance(doc, dict):
        problems.append(Problem(SETTINGS, "focus", "", "[focus] must be a table"))
        return None
    first, last = _day(doc, "first", "focus", problems), _day(doc, "last", "focus", problems)
    counter = _day(doc, "counter_from", "focus", problems) if "counter_from" in doc else first
    if first and last and last < first:
        problems.append(Problem(SETTINGS, "focus", "last", "last is before first"))
        return None
    if not (first and last and counter):
        return None
    return Focus(
        name=_text(doc, "name", "focus", problems) or "the focus",
        first=first,
        last=last,
        counter_from=counter,
        claims=_ids(doc, "claims", "focus", problems),
        lead_up_days=_whole(doc, "lead_up_days", "focus", problems),
        aftermath_days=_whole(doc, "aftermath_days", "focus", problems),
    )


def _view(doc: Any, where: str, problems: list[Problem]) -> View:
    if doc is None:
        return View()
    if not isinstance(doc, dict):
        problems.append(Problem(SETTINGS, where, "", f"[{where}] must be a table"))
        return View()
    center = doc.get("center")
    if center is not None and not is_center(center):
        problems.append(Problem(SETTINGS, where, "center", CENTER_RULE))
        center = None
    zoom = doc.get("zoom")
    if zoom is not None and not is_zoom(zoom):
        problems.append(Problem(SETTINGS, where, "zoom", ZOOM_RULE))
        zoom = None
    return View(
        frame=_ids(doc, "frame", where, problems),
        center=(float(center[0]), float(center[1])) if center else None,
        zoom=zoom,
    )


LABEL_GROUPS = ("kind", "category", "state")


def _labels(doc: Any, problems: list[Problem]) -> dict[str, dict[str, str]]:
    if doc is None:
        return {}
    if not isinstance(doc, dict):
        problems.append(Problem(SETTINGS, "labels", "", "[labels] must be a table"))
        return {}
    labels: dict[str, dict[str, str]] = {}
    for group, table in doc.items():
        if group not in LABEL_GROUPS:
            problems.append(
                Problem(SETTINGS, "labels", group, f"labels are for {', '.join(LABEL_GROUPS)}")
            )
        elif not isinstance(table, dict) or not all(
            isinstance(v, str) and v.strip() for v in table.values()
        ):
            problems.append(Problem(SETTINGS, "labels", group, "labels must be a table of text"))
        else:
            labels[group] = {str(k): v.strip() for k, v in table.items()}
    return labels


def _patterns(doc: dict, key: str, problems: list[Problem]) -> tuple[re.Pattern[str], ...]:
    value = doc.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(Problem(SETTINGS, "", key, f"{key} must be a list of regular expressions"))
        return ()
    patterns = []
    for text in value:
        try:
            patterns.append(re.compile(text))
        except re.error as exc:
            problems.append(
                Problem(SETTINGS, "", key, f"{text!r} is not a regular expression: {exc}")
            )
    return tuple(patterns)


def _url_path(doc: dict, key: str, problems: list[Problem]) -> str:
    value = _text(doc, key, "", problems)
    if value and not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,62}", value):
        problems.append(
            Problem(SETTINGS, "", key, f"{key} must be lower-case letters, digits and -")
        )
        return ""
    return value


def parse_settings(doc: dict[str, Any], problems: list[Problem]) -> Settings:
    """Settings from a parsed atlas.toml; what is wrong is added to `problems`."""
    views = doc.get("views", {})
    if not isinstance(views, dict):
        problems.append(Problem(SETTINGS, "views", "", "[views] must be a table"))
        views = {}
    return Settings(
        title=_text(doc, "title", "", problems) or Settings.title,
        intro=_text(doc, "intro", "", problems),
        search_hint=_text(doc, "search_hint", "", problems),
        figures_title=_text(doc, "figures_title", "", problems) or Settings.figures_title,
        focus=_focus(doc.get("focus"), problems),
        start_view=_view(views.get("start"), "views.start", problems),
        wide_view=_view(views.get("wide"), "views.wide", problems),
        labels=_labels(doc.get("labels"), problems),
        hidden_codes=_patterns(doc, "hidden_codes", problems),
        figures_url=_url_path(doc, "figures_url", problems) or Settings.figures_url,
    )
