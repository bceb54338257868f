"""What changed on a day, in words: things that appeared, changed state or were gone.

Time-varying features (a wall intact, then breached; a zone held by guards, then by prisoners)
are consecutive features, so a change is a feature whose interval starts on the day.
"""

from __future__ import annotations

from datetime import date

from kengir_geo.atlas import Atlas
from kengir_geo.intervals import OPEN_START


def _phrase(name: str, state: str) -> str:
    return f"{name}: {state}" if state else f"{name} appears"


def changes_on(atlas: Atlas, day: date) -> list[str]:
    """Sentences for the features (not events) whose dates begin or end on `day`.

    A feature whose start is fuzzy around the day ("May 1954") is not listed for a single day;
    the change is listed on the first day it is certain.
    """
    t = day.toordinal()
    sentences: list[str] = []
    for layer in atlas.layers.values():
        if layer.type != "features":
            continue
        frame = layer.frame
        started = frame[(frame["sure_from"] == t) & (frame["first_day"] > OPEN_START)]
        for row in started.itertuples():
            sentences.append(_phrase(str(row.name), str(row.state or "").strip()))
        started_kinds = {str(kind or "") for kind in started["kind"]}
        ended = frame[frame["last_day"] == t - 1]
        for row in ended.itertuples():
            # a feature replaced by its next state is already described by that state
            if str(row.kind or "") not in started_kinds:
                sentences.append(f"{row.name}: no longer there")
    return sentences
