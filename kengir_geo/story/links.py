"""Links that open the app in a given state: ?date=1954-06-26&layers=compound,events&place=kengir.

Reading a link never fails: a part that cannot be used is dropped and reported in words, so a
mistyped link still opens the app. Writing a link leaves out what equals the default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from kengir_geo.data.atlas import Atlas
from kengir_geo.data.dates import try_parse_date
from kengir_geo.i18n import DEFAULT_LANGUAGE, normalize_language, translator


@dataclass(frozen=True)
class LinkState:
    day: date | None = None
    layers: tuple[str, ...] | None = None  # None: the layers visible by default
    place: str | None = None
    chapter: str | None = None
    problems: tuple[str, ...] = field(default=())
    lang: str = DEFAULT_LANGUAGE  # the language the link asks for (?lang=uk)


def default_layers(atlas: Atlas) -> tuple[str, ...]:
    return tuple(lid for lid, layer in atlas.layers.items() if layer.visible)


def _one(params: Mapping[str, object], key: str) -> str:
    value = params.get(key)
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    return str(value or "").strip()


def read_link(params: Mapping[str, object], atlas: Atlas) -> LinkState:
    """The state a link's query parameters ask for, with what could not be used in words
    (in the link's language)."""
    lang = link_language(params)[0] or DEFAULT_LANGUAGE
    _ = translator(lang).gettext
    problems: list[str] = []
    day = None
    if text := _one(params, "date"):
        span = try_parse_date(text)
        if span is None:
            problems.append(
                _("“{text}” is not a date like 1954-06-26; showing the default date.").format(
                    text=text
                )
            )
        else:
            day = span.earliest
    layers = None
    if "layers" in params:
        asked = [p.strip() for p in _one(params, "layers").split(",") if p.strip()]
        unknown = [lid for lid in asked if lid not in atlas.layers]
        if unknown:
            problems.append(
                _("No layer called {layers}; those were left out.").format(
                    layers=", ".join(unknown)
                )
            )
        layers = tuple(lid for lid in asked if lid in atlas.layers)
    chapter = _one(params, "chapter") or None
    if chapter is not None and atlas.chapter(chapter) is None:
        problems.append(_("No chapter called “{chapter}”.").format(chapter=chapter))
        chapter = None
    place = _one(params, "place") or None
    return LinkState(day, layers, place, chapter, tuple(problems), lang)


def link_language(params: Mapping[str, object]) -> tuple[str | None, str | None]:
    """(the language a link asks for, or None; the code it gave that we do not have, or None)."""
    text = _one(params, "lang")
    if not text:
        return None, None
    lang = normalize_language(text)
    return (lang, None) if lang else (None, text)


def write_link(
    atlas: Atlas,
    day: date,
    layers: tuple[str, ...] | list[str],
    place: str | None = None,
    chapter: str | None = None,
    lang: str | None = None,
) -> dict[str, str]:
    """Query parameters for a state; layers only when they differ from the default, the
    language only when it is not English."""
    params = {"date": day.isoformat()}
    ordered = [lid for lid in atlas.layers if lid in set(layers)]
    if tuple(ordered) != default_layers(atlas):
        params["layers"] = ",".join(ordered)
    if place:
        params["place"] = place
    if chapter:
        params["chapter"] = chapter
    if lang and lang != DEFAULT_LANGUAGE:
        params["lang"] = lang
    return params
