"""What changed on a day, in words: things that appeared, changed state or were gone.

Time-varying features (a wall intact, then breached; a zone held by guards, then by prisoners)
are consecutive features, so a change is a feature whose interval starts on the day. This is
the one place the rule lives: the Timeline reads changes_by_day, and the browser's time map
reads the same entries from the payload (map/payload.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from kengir_geo.data.atlas import Atlas, Layer
from kengir_geo.data.intervals import OPEN_END, OPEN_START
from kengir_geo.data.settings import Settings
from kengir_geo.i18n import translator


@dataclass(frozen=True)
class Change:
    layer: str
    row: int  # the feature's position in its layer's frame
    what: str  # "start" (appears or takes a new state) or "end" (no longer there)
    sentence: str


def _phrase(name: str, state: str, _: Callable[[str], str]) -> str:
    """ "Wall: breached"; a name that already says its state is enough on its own."""
    if not state:
        return _("{name} appears").format(name=name)
    return name if state.lower() in name.lower() else f"{name}: {state}"


def _text(value: object) -> str:
    """A cell as text; missing (None or NaN) is empty."""
    return "" if value is None or value != value else str(value).strip()


def layer_changes(
    layer: Layer, settings: Settings | None = None, lang: str = "en"
) -> dict[int, list[Change]]:
    """Day ordinal -> the changes of one layer of features (events and base maps have none),
    worded in `lang`.

    A feature whose start is fuzzy around a day ("May 1954") is listed on the first day it is
    certain. One pass over the layer: the Timeline asks for a hundred days at once.
    """
    if layer.type != "features" or layer.group == "basemap":
        return {}
    _ = translator(lang).gettext
    frame = layer.frame
    started: dict[int, list[Change]] = defaultdict(list)
    started_kinds: dict[int, set[str]] = defaultdict(set)
    ended: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    columns = ("name", "state", "kind", "sure_from", "first_day", "last_day")
    for row, (name, state, kind, sure_from, first_day, last_day) in enumerate(
        zip(*(frame[c] for c in columns), strict=True)
    ):
        if first_day > OPEN_START:
            state_label = settings.label("state", _text(state)) if settings else _text(state)
            phrase = _phrase(_text(name), state_label, _)
            started[int(sure_from)].append(Change(layer.id, row, "start", phrase))
            started_kinds[int(sure_from)].add(_text(kind))
        if last_day < OPEN_END:
            ended[int(last_day) + 1].append((row, _text(name), _text(kind)))
    changes: dict[int, list[Change]] = {}
    for day in sorted(set(started) | set(ended)):
        # a feature replaced by its next state is already described by that state
        gone = [
            Change(layer.id, row, "end", _("{name}: no longer there").format(name=name))
            for row, name, kind in ended.get(day, [])
            if kind not in started_kinds.get(day, set())
        ]
        if started.get(day) or gone:
            changes[day] = started.get(day, []) + gone
    return changes


def changes_by_day(atlas: Atlas, lang: str = "en") -> dict[int, list[str]]:
    """Day ordinal -> sentences (in `lang`) for the features (not events) that begin or end
    that day."""
    changes: dict[int, list[str]] = defaultdict(list)
    for layer in atlas.layers.values():
        for day, entries in layer_changes(layer, atlas.settings, lang).items():
            changes[day].extend(change.sentence for change in entries)
    return dict(changes)
