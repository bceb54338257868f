"""Links that open the app in a given state: ?date=1954-06-26&layers=compound,events&place=kengir.

Reading a link never fails: a part that cannot be used is dropped and reported in words, so a
mistyped link still opens the app. Writing a link leaves out what equals the default.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from kengir_geo.data.atlas import Atlas
from kengir_geo.data.dates import try_parse_date
from kengir_geo.i18n import DEFAULT_LANGUAGE, N_, normalize_language, translator


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


# A link's parameter longer than this is no link of ours (a place name has at most
# MAX_NAME_CHARS; 30 layer ids fit): it is ignored, so it costs no work on any page load.
MAX_PARAM_CHARS = 2000


def _one(
    params: Mapping[str, object],
    key: str,
    problems: list[str],
    _: Callable[[str], str] = N_,  # the reader's gettext; English by default
) -> str:
    value = params.get(key)
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    text = str(value or "").strip()
    if len(text) > MAX_PARAM_CHARS:
        problems.append(
            _(
                "The link's {key} is {length} characters long, longer than any link of this "
                "atlas ({limit}); it was ignored."
            ).format(key=key, length=f"{len(text):,}", limit=f"{MAX_PARAM_CHARS:,}")
        )
        return ""
    return text


def shown(text: str, limit: int = 60) -> str:
    """Text from a link, short enough to quote in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_link(params: Mapping[str, object], atlas: Atlas) -> LinkState:
    """The state a link's query parameters ask for, with what could not be used in words
    (in the link's language)."""
    lang = link_language(params)[0] or DEFAULT_LANGUAGE
    _ = translator(lang).gettext
    problems: list[str] = []
    day = None
    if text := _one(params, "date", problems, _):
        span = try_parse_date(text)
        if span is None:
            problems.append(
                _("“{text}” is not a date like 1954-06-26; it was ignored.").format(
                    text=shown(text)
                )
            )
        else:
            day = span.earliest
    layers = None
    if "layers" in params:
        asked = [p.strip() for p in _one(params, "layers", problems, _).split(",") if p.strip()]
        known = tuple(lid for lid in asked if lid in atlas.layers)
        unknown = ", ".join([shown(lid, 40) for lid in asked if lid not in atlas.layers][:5])
        if unknown and not known:
            problems.append(
                _(
                    "No layer called {layers}: it was ignored, and the map shows its usual layers."
                ).format(layers=unknown)
            )
        elif unknown:
            problems.append(_("No layer called {layers}; it was left out.").format(layers=unknown))
        layers = known if known or not asked else None
    chapter = _one(params, "chapter", problems, _) or None
    if chapter is not None and atlas.chapter(chapter) is None:
        problems.append(
            _("No chapter called “{chapter}”; it was ignored.").format(chapter=shown(chapter))
        )
        chapter = None
    place = _one(params, "place", problems, _) or None
    return LinkState(day, layers, place, chapter, tuple(problems), lang)


def link_language(params: Mapping[str, object]) -> tuple[str | None, str | None]:
    """(the language a link asks for, or None; the code it gave that we do not have, or None)."""
    text = _one(params, "lang", [])
    if not text:
        return None, None
    lang = normalize_language(text)
    return (lang, None) if lang else (None, shown(text))


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
