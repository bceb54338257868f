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

from kengir_geo.data.lessons import Predict
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
        return "No pupil has answered yet."
    said = f"{len(guesses)} pupil{'s' if len(guesses) != 1 else ''} answered."
    if predict.kind == "number":
        numbers = sorted(n for n in map(number_of, guesses) if n is not None)
        if numbers:
            said += (
                f" Guesses from {numbers[0]:g} to {numbers[-1]:g}, "
                f"middle {statistics.median(numbers):g}."
            )
    elif predict.kind == "date":
        days = sorted(guesses)
        said += f" Guesses from {days[0]} to {days[-1]}."
    else:
        counts = Counter(guesses).most_common()
        said += " " + "; ".join(f"{choice}: {n}" for choice, n in counts) + "."
    return said
