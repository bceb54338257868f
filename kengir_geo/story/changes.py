"""What changed on a day, in words: things that appeared, changed state or were gone.

Time-varying features (a wall intact, then breached; a zone held by guards, then by prisoners)
are consecutive features, so a change is a feature whose interval starts on the day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from kengir_geo.data.atlas import Atlas
from kengir_geo.data.intervals import OPEN_END, OPEN_START
from kengir_geo.i18n import translator


def _phrase(name: str, state: str, _: Callable[[str], str]) -> str:
    """ "Wall: breached"; a name that already says its state is enough on its own."""
    if not state:
        return _("{name} appears").format(name=name)
    return name if state.lower() in name.lower() else f"{name}: {state}"


def _text(value: object) -> str:
    """A cell as text; missing (None or NaN) is empty."""
    return "" if value is None or value != value else str(value).strip()


def changes_by_day(atlas: Atlas, lang: str = "en") -> dict[int, list[str]]:
    """Day ordinal -> sentences (in `lang`) for the features (not events) that begin or end that day.

    A feature whose start is fuzzy around a day ("May 1954") is listed on the first day it is
    certain. One pass over each layer: the Timeline asks for a hundred days at once.
    """
    _ = translator(lang).gettext
    changes: dict[int, list[str]] = defaultdict(list)
    for layer in atlas.layers.values():
        if layer.type != "features" or layer.group == "basemap":
            continue
        frame = layer.frame
        started: dict[int, list[str]] = defaultdict(list)
        started_kinds: dict[int, set[str]] = defaultdict(set)
        ended: dict[int, list[tuple[str, str]]] = defaultdict(list)
        columns = ("name", "state", "kind", "sure_from", "first_day", "last_day")
        for name, state, kind, sure_from, first_day, last_day in zip(
            *(frame[c] for c in columns), strict=True
        ):
            if first_day > OPEN_START:
                state_label = atlas.settings.label("state", _text(state))
                started[int(sure_from)].append(_phrase(_text(name), state_label, _))
                started_kinds[int(sure_from)].add(_text(kind))
            if last_day < OPEN_END:
                ended[int(last_day) + 1].append((_text(name), _text(kind)))
        for day in sorted(set(started) | set(ended)):
            changes[day].extend(started.get(day, []))
            # a feature replaced by its next state is already described by that state
            changes[day].extend(
                _("{name}: no longer there").format(name=name)
                for name, kind in ended.get(day, [])
                if kind not in started_kinds.get(day, set())
            )
    return {day: sentences for day, sentences in changes.items() if sentences}
