"""A class following its teacher: pupils type the teacher's class code, their Lessons page goes
to the step the teacher shows, and their guesses are pooled for the teacher (never their names).

The teacher's page publishes its step in a room (app/presenting.py, as the presenter view
follows the Story page); guesses live in this server process only and are forgotten with the
room. No name is asked for or kept: a guess is stored under the pupil's browser session only
so that a second Reveal replaces the first.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict

import streamlit as st

from kengir_geo.app.language import _, ngettext, tr
from kengir_geo.data.lessons import Predict
from kengir_geo.i18n.dates import format_day, parse_typed_day
from kengir_geo.story.lessons import number_of


@st.cache_resource
def _guesses() -> dict[tuple[str, str], dict[str, str]]:
    """(room, "lesson/step") -> pupil session -> guess."""
    return defaultdict(dict)


def record(room: str, step: str, pupil: str, guess: str) -> None:
    _guesses()[(room, step)][pupil] = guess


def spread(room: str, step: str, predict: Predict) -> str:
    """What the teacher sees: how many answered and how their guesses spread."""
    guesses = [g for g in _guesses().get((room, step), {}).values() if g.strip()]
    if not guesses:
        return _("No pupil has answered yet.")
    t = tr()
    said = ngettext("{count} pupil answered.", "{count} pupils answered.", len(guesses)).format(
        count=t.number(len(guesses))
    )
    if predict.kind == "number":
        numbers = sorted(n for n in map(number_of, guesses) if n is not None)
        if numbers:
            said += " " + _("Guesses from {low} to {high}, middle {middle}.").format(
                low=t.number(numbers[0]),
                high=t.number(numbers[-1]),
                middle=t.number(statistics.median(numbers)),
            )
    elif predict.kind == "date":
        days = sorted(d for d in (parse_typed_day(g, t.lang) for g in guesses) if d)
        if days:
            said += " " + _("Guesses from {first} to {last}.").format(
                first=format_day(days[0], t.lang), last=format_day(days[-1], t.lang)
            )
    else:
        counts = Counter(guesses).most_common()
        said += " " + "; ".join(f"{choice}: {n}" for choice, n in counts) + "."
    return said
